package org.rappel.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every byte Asterisk 22 sent in the ami-raw captures decodes, message for message, with nothing malformed. */
class AmiCaptureFilesTest {

    static Stream<Path> captures() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(AmiCodecFixtures.CAPTURES)) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        assertThat(files).hasSize(9);
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void decode_wholeCapture(Path file) throws IOException {
        AmiCodecFixtures.Capture capture = AmiCodecFixtures.capture(file);
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(true, AmiConnection.MAX_MESSAGE_BYTES));
        // Uneven chunks, so that messages straddle reads.
        byte[] bytes = capture.received();
        for (int i = 0, step = 1; i < bytes.length; i += step, step = step % 97 + 13) {
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, i, Math.min(step, bytes.length - i)));
        }
        List<Object> out = AmiCodecFixtures.drain(ch);

        assertThat(out.get(0)).isEqualTo(new AmiBanner("Asterisk Call Manager/11.0.0"));
        assertThat(out.subList(1, out.size())).hasSize(capture.messages())
                .allSatisfy(m -> assertThat(m).isInstanceOf(AmiMessage.class));
        String text = Files.readString(file);
        assertThat(out).filteredOn(OriginateResponseEvent.class::isInstance)
                .hasSize(count(text, "Event: OriginateResponse\r\n"));
        assertThat(out).filteredOn(HangupEvent.class::isInstance).hasSize(count(text, "Event: Hangup\r\n"));
        assertThat(out).filteredOn(NewchannelEvent.class::isInstance).hasSize(count(text, "Event: Newchannel\r\n"));
        assertThat(ch.finish()).isFalse();
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** Byte by byte on the two short captures only: the cost is per byte, the cases are the same. */
    @ParameterizedTest
    @ValueSource(strings = {"ami-run5-idle.txt", "ami-run9-misc.txt"})
    void decode_captureByteByByte(String name) throws IOException {
        AmiCodecFixtures.Capture capture = AmiCodecFixtures.capture(AmiCodecFixtures.CAPTURES.resolve(name));
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(true, AmiConnection.MAX_MESSAGE_BYTES));

        List<Object> out = AmiCodecFixtures.feedByteByByte(ch, capture.received());

        assertThat(out).hasSize(capture.messages() + 1).noneMatch(MalformedAmiMessage.class::isInstance);
    }
}
