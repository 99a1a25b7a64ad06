package org.rappel.ami;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames the bytes Asterisk's manager sends. With {@code expectBanner}, the first line is emitted as an
 * {@link AmiBanner}; after that every block of {@code Name: Value} lines ended by an empty line becomes an
 * {@link AmiResponse} or {@link AmiEvent} (a message with an {@code Event} header is an event, even
 * {@code OriginateResponse} which also has {@code Response}). Lines end in {@code \r\n}; a bare {@code \n} is
 * accepted. Repeated names are kept in order.
 *
 * <p>Bad input never closes the connection: a line without a colon, a message longer than
 * {@code maxMessageBytes} (line ends included; skipped up to its empty line without being buffered) or an event
 * missing a field its record needs comes out as one {@link MalformedAmiMessage}, and decoding goes on with the
 * next message.
 *
 * <p>Owned by the channel's event loop, like every decoder.
 */
final class AmiDecoder extends ByteToMessageDecoder {
    private enum State { BANNER, HEADERS, SKIPPING }

    private final int maxMessageBytes;
    private State state;
    private final List<AmiHeader> headers = new ArrayList<>();
    private int messageBytes;
    /** The first fault of the current message; null while it is sound. */
    private String fault;
    /** While SKIPPING: the bytes discarded so far ended inside a line, so the next line end is not an empty line. */
    private boolean insideLine;

    AmiDecoder(boolean expectBanner, int maxMessageBytes) {
        if (maxMessageBytes < 64) {
            throw new IllegalArgumentException("maxMessageBytes too small: " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
        this.state = expectBanner ? State.BANNER : State.HEADERS;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int start = in.readerIndex();
            int eol = in.indexOf(start, in.writerIndex(), (byte) '\n');
            if (eol < 0) {
                if (state == State.SKIPPING || messageBytes + in.readableBytes() > maxMessageBytes) {
                    skip("message longer than " + maxMessageBytes + " bytes");
                    in.skipBytes(in.readableBytes());
                    insideLine = true;
                }
                return;
            }
            int consumed = eol - start + 1;
            int length = eol - start;
            if (length > 0 && in.getByte(eol - 1) == '\r') {
                length--;
            }
            if (state == State.SKIPPING) {
                boolean emptyLine = !insideLine && length == 0;
                in.skipBytes(consumed);
                insideLine = false;
                if (emptyLine) {
                    out.add(new MalformedAmiMessage(fault, AmiHeaders.of(headers)));
                    reset();
                }
                continue;
            }
            if (messageBytes + consumed > maxMessageBytes) {
                skip("message longer than " + maxMessageBytes + " bytes");
                continue;
            }
            String line = in.toString(start, length, StandardCharsets.UTF_8);
            in.skipBytes(consumed);
            messageBytes += consumed;
            if (state == State.BANNER) {
                out.add(new AmiBanner(line));
                reset();
            } else if (line.isEmpty()) {
                if (!headers.isEmpty() || fault != null) {
                    out.add(message());
                }
                reset();
            } else {
                header(line);
            }
        }
    }

    private void header(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            noteFault("line without 'Name:' " + abbreviate(line));
            return;
        }
        int valueStart = colon + 1;
        while (valueStart < line.length() && (line.charAt(valueStart) == ' ' || line.charAt(valueStart) == '\t')) {
            valueStart++;
        }
        try {
            headers.add(new AmiHeader(line.substring(0, colon), line.substring(valueStart)));
        } catch (IllegalArgumentException e) {
            noteFault(e.getMessage());
        }
    }

    private Object message() {
        AmiHeaders h = AmiHeaders.of(headers);
        if (fault != null) {
            return new MalformedAmiMessage(fault, h);
        }
        try {
            if (h.first("Event").isPresent()) {
                return AmiEvents.of(h);
            }
            if (h.first("Response").isPresent()) {
                return new AmiResponse(h);
            }
            return new MalformedAmiMessage("neither Response nor Event", h);
        } catch (IllegalArgumentException e) {
            return new MalformedAmiMessage(h.first("Event").orElse("message") + ": " + e.getMessage(), h);
        }
    }

    private void skip(String why) {
        if (state != State.SKIPPING) {
            noteFault(why);
            state = State.SKIPPING;
        }
    }

    private void noteFault(String why) {
        if (fault == null) {
            fault = why;
        }
    }

    private void reset() {
        state = State.HEADERS;
        headers.clear();
        messageBytes = 0;
        fault = null;
        insideLine = false;
    }

    private static String abbreviate(String line) {
        return "'" + (line.length() > 40 ? line.substring(0, 40) + "…" : line) + "'";
    }
}
