package org.rappel.agi;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes what Asterisk sends on a FastAGI connection into {@link AgiInbound} messages.
 *
 * <p>First the environment: {@code agi_<key>: <value>} lines up to an empty line, one
 * {@link AgiInbound.Environment}. Then replies, one {@link AgiInbound.Reply} each: {@code 200 result=…},
 * {@code 510 …}, {@code 511 …}, and {@code 520-…} usage text up to {@code 520 End of proper usage.}; and the
 * bare {@code HANGUP} line, an {@link AgiInbound.HangupNotice} wherever it comes (even before the reply of the
 * next command). Lines end in {@code \n}; a {@code \r} before it is tolerated.
 *
 * <p>Limits, both constructor arguments: {@code maxLineLength} bytes per line (without the line end) and
 * {@code maxEnvironmentLines} lines in the environment (also bounds the usage text of one {@code 520} reply).
 * Input that breaks them, control characters or lines of an unknown form give
 * one {@link AgiInbound.Malformed}; everything after it is discarded, and the handler closes the connection.
 *
 * <p>Not sharable; owned by its channel's event loop. Produces only Java values, so no buffer leaves it.
 */
final class AgiDecoder extends ByteToMessageDecoder {
    private static final byte[] AGI_PREFIX = "agi_".getBytes(StandardCharsets.US_ASCII);

    private enum State {
        /** Reading {@code agi_*} lines up to the empty line. */
        ENVIRONMENT,
        /** Reading replies and {@code HANGUP} notices. */
        REPLY,
        /** Inside a {@code 520-} reply, collecting usage lines up to {@code 520 …}. */
        USAGE,
        /** A failure was reported; the rest of the input is skipped. */
        FAILED
    }

    private static final String HANGUP = "HANGUP";

    private final int maxLineLength;
    private final int maxEnvironmentLines;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    private State state = State.ENVIRONMENT;
    private AgiEnvironmentBuilder environment = new AgiEnvironmentBuilder();
    private int environmentLines;
    private List<String> usage;

    AgiDecoder(int maxLineLength, int maxEnvironmentLines) {
        if (maxLineLength < 1 || maxEnvironmentLines < 1) {
            throw new IllegalArgumentException("AGI line limits must be positive: maxLineLength=" + maxLineLength
                    + ", maxEnvironmentLines=" + maxEnvironmentLines);
        }
        this.maxLineLength = maxLineLength;
        this.maxEnvironmentLines = maxEnvironmentLines;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            while (state != State.FAILED) {
                String line = readLine(in);
                if (line == null) {
                    return;
                }
                switch (state) {
                    case ENVIRONMENT -> environmentLine(line, out);
                    case REPLY -> replyLine(line, out);
                    case USAGE -> usageLine(line, out);
                    default -> throw new IllegalStateException(state.name());
                }
            }
        } catch (AgiProtocolException e) {
            state = State.FAILED;
            environment = null;
            usage = null;
            out.add(e.toMessage());
        }
        if (state == State.FAILED) {
            in.skipBytes(in.readableBytes());
        }
    }

    private void environmentLine(String line, List<Object> out) throws AgiProtocolException {
        if (line.isEmpty()) {
            AgiRequest request = environment.build();
            environment = null;
            state = State.REPLY;
            out.add(new AgiInbound.Environment(request));
            return;
        }
        if (++environmentLines > maxEnvironmentLines) {
            throw new AgiProtocolException(AgiProtocolError.TOO_MANY_ENVIRONMENT_LINES,
                    "more than " + maxEnvironmentLines + " environment lines without the empty line");
        }
        environment.add(line);
    }

    private void replyLine(String line, List<Object> out) throws AgiProtocolException {
        if (line.equals(HANGUP)) {
            out.add(new AgiInbound.HangupNotice());
        } else if (line.startsWith(AgiReplyParser.USAGE_START)) {
            usage = new ArrayList<>();
            state = State.USAGE;
        } else if (!line.isEmpty()) {
            out.add(new AgiInbound.Reply(AgiReplyParser.parse(line)));
        }
        // An empty line is no reply form; Asterisk sends none, and skipping it loses nothing.
    }

    private void usageLine(String line, List<Object> out) throws AgiProtocolException {
        if (AgiReplyParser.endsUsage(line)) {
            AgiReply reply = new AgiReply.UsageError(usage);
            usage = null;
            state = State.REPLY;
            out.add(new AgiInbound.Reply(reply));
        } else if (line.equals(HANGUP)) {
            // res_agi writes the usage text and the notice from one thread, so this is a notice, not usage.
            out.add(new AgiInbound.HangupNotice());
        } else {
            if (usage.size() >= maxEnvironmentLines) {
                throw new AgiProtocolException(AgiProtocolError.MALFORMED_REPLY,
                        "520 usage text longer than " + maxEnvironmentLines + " lines");
            }
            usage.add(line);
        }
    }

    /**
     * The next complete line without its line end, or null when it has not fully arrived. Never waits for
     * more than {@code maxLineLength + 2} bytes ({@code \r\n} included) without a line end.
     */
    private String readLine(ByteBuf in) throws AgiProtocolException {
        int start = in.readerIndex();
        int scanLength = (int) Math.min(in.readableBytes(), maxLineLength + 2L);
        int newline = in.indexOf(start, start + scanLength, (byte) '\n');
        if (newline < 0) {
            if (in.readableBytes() >= maxLineLength + 2L) {
                throw tooLong();
            }
            return null;
        }
        int length = newline - start;
        if (length > 0 && in.getByte(newline - 1) == '\r') {
            length--;
        }
        if (length > maxLineLength) {
            throw tooLong();
        }
        String line = text(in, start, length);
        in.readerIndex(newline + 1);
        return line;
    }

    private AgiProtocolException tooLong() {
        return new AgiProtocolException(AgiProtocolError.LINE_TOO_LONG,
                "line longer than " + maxLineLength + " bytes (state " + state.name().toLowerCase() + ")");
    }

    private String text(ByteBuf in, int index, int length) throws AgiProtocolException {
        boolean ascii = true;
        for (int i = index; i < index + length; i++) {
            byte b = in.getByte(i);
            if (b >= 0 && b < 0x20 && b != '\t' || b == 0x7f) {
                if (state == State.ENVIRONMENT && startsWith(in, index, length, AGI_PREFIX)) {
                    // A control byte inside a well-formed agi_ line (an odd caller name from a trunk) must not
                    // cost the citizen the call: it is shown as '?'.
                    return sanitized(in, index, length);
                }
                throw new AgiProtocolException(AgiProtocolError.BINARY_JUNK, String.format(
                        "control byte 0x%02x at offset %d of a line (state %s)", b, i - index,
                        state.name().toLowerCase()));
            }
            ascii &= b >= 0;
        }
        if (ascii) {
            return in.toString(index, length, StandardCharsets.US_ASCII);
        }
        try {
            return utf8.reset().decode(in.nioBuffer(index, length)).toString();
        } catch (CharacterCodingException e) {
            // Asterisk passes caller names through as the trunk sent them, and some trunks send Latin-1:
            // a citizen named "Zoé" must still get through, so such a line is read as Latin-1, not refused.
            return in.toString(index, length, StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean startsWith(ByteBuf in, int index, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (in.getByte(index + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private String sanitized(ByteBuf in, int index, int length) {
        byte[] bytes = new byte[length];
        in.getBytes(index, bytes);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] >= 0 && bytes[i] < 0x20 && bytes[i] != '\t' || bytes[i] == 0x7f) {
                bytes[i] = '?';
            }
        }
        try {
            return utf8.reset().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
