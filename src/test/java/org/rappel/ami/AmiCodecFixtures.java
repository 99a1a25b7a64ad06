package org.rappel.ami;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Bytes from the Asterisk 22 captures, and helpers to push them through a decoder. */
final class AmiCodecFixtures {
    static final Path CAPTURES = Path.of("src/test/resources/asterisk/ami-raw");

    /** Exactly what Asterisk sent on login in ami-run9-misc.txt: banner, response, FullyBooted, SuccessfulAuth. */
    static final String LOGIN_EXCHANGE = "Asterisk Call Manager/11.0.0\r\n"
            + "Response: Success\r\nActionID: login-1\r\nMessage: Authentication accepted\r\n\r\n"
            + "Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 283\r\nLastReload: 283\r\n"
            + "Status: Fully Booted\r\n\r\n"
            + "Event: SuccessfulAuth\r\nPrivilege: security,all\r\nTimestamp: 1795701309.144037\r\n"
            + "EventTV: 2026-11-26T13:55:09.143+0000\r\nSeverity: Informational\r\nService: AMI\r\n"
            + "EventVersion: 1\r\nAccountID: ivr\r\nSessionID: 0x7f5724001f50\r\n"
            + "LocalAddress: IPV4/TCP/127.0.0.1/5038\r\nRemoteAddress: IPV4/TCP/127.0.0.1/56226\r\n"
            + "UsingPassword: 0\r\nSessionTV: 2026-11-26T13:55:09.143+0000\r\n\r\n";

    /** The failed async Originate of ami-run9-misc.txt (no such context). */
    static final String ORIGINATE_FAILED = "Event: OriginateResponse\r\nPrivilege: call,all\r\n"
            + "Timestamp: 1795701309.343524\r\nActionID: orig-fail\r\nResponse: Failure\r\n"
            + "Channel: Local/999@nosuchcontext\r\nApplication: Wait\r\nData: 5\r\nReason: 0\r\n"
            + "Uniqueid: <unknown>\r\nCallerIDNum: <unknown>\r\nCallerIDName: <unknown>\r\n\r\n";

    /** A Hangup of the same capture, with its empty AccountCode value. */
    static final String HANGUP = "Event: Hangup\r\nPrivilege: call,all\r\nTimestamp: 1795701309.343761\r\n"
            + "Channel: Local/999@nosuchcontext-0000000c;2\r\nChannelState: 4\r\nChannelStateDesc: Ring\r\n"
            + "CallerIDNum: <unknown>\r\nCallerIDName: <unknown>\r\nConnectedLineNum: <unknown>\r\n"
            + "ConnectedLineName: <unknown>\r\nLanguage: en\r\nAccountCode: \r\nContext: nosuchcontext\r\n"
            + "Exten: 999\r\nPriority: 1\r\nUniqueid: 1795701309.25\r\nLinkedid: 1795701309.24\r\nCause: 0\r\n"
            + "Cause-txt: Unknown\r\n\r\n";

    static final String COMMAND_RESPONSE = "Response: Success\r\nActionID: cmd-1\r\n"
            + "Message: Command output follows\r\nOutput: Asterisk 22.10.1 built by root @ vm on a x86_64 running "
            + "Linux on 2026-11-26 13:42:36 UTC\r\n\r\n";

    private AmiCodecFixtures() {
    }

    static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    /** Writes one byte at a time, as a slow network would, and returns everything decoded. */
    static List<Object> feedByteByByte(EmbeddedChannel ch, byte[] bytes) {
        for (byte b : bytes) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        return drain(ch);
    }

    static List<Object> drain(EmbeddedChannel ch) {
        List<Object> out = new ArrayList<>();
        for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
            out.add(o);
        }
        return out;
    }

    /** One capture file rebuilt as the byte stream Asterisk sent, and how many messages it holds. */
    record Capture(String name, byte[] received, int messages) {
    }

    /**
     * The capture files print each received message as its lines (with their {@code \r}) minus the final
     * {@code \r\n\r\n}, after a {@code --- <time> RECV} line; the banner as a Python bytes literal.
     */
    static Capture capture(Path file) throws IOException {
        String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n", -1);
        StringBuilder stream = new StringBuilder();
        int messages = 0;
        int i = 0;
        while (i < lines.length) {
            String header = lines[i++];
            if (!header.startsWith("---")) {
                continue;
            }
            List<String> block = new ArrayList<>();
            while (i < lines.length && !lines[i].startsWith("---")) {
                block.add(lines[i++]);
            }
            if (header.endsWith("banner")) {
                String literal = block.get(0);
                stream.append(literal.substring(2, literal.length() - 1).replace("\\r\\n", "\r\n"));
            } else if (header.endsWith("RECV")) {
                while (!block.isEmpty() && block.get(block.size() - 1).isEmpty()) {
                    block.remove(block.size() - 1);
                }
                stream.append(String.join("\n", block)).append("\r\n\r\n");
                messages++;
            }
        }
        return new Capture(file.getFileName().toString(), stream.toString().getBytes(StandardCharsets.UTF_8),
                messages);
    }
}
