package org.rappel.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AgiCommandEncoderTest {

    @Test
    void encode_plainArguments() {
        assertThat(encode(AgiCommand.setVariable("FOO", "bar"))).isEqualTo("SET VARIABLE FOO bar\n");
        assertThat(encode(AgiCommand.getData("beep", 3000, 1))).isEqualTo("GET DATA beep 3000 1\n");
        assertThat(encode(AgiCommand.answer())).isEqualTo("ANSWER\n");
    }

    @Test
    void encode_argumentWithSpaceQuoted() {
        assertThat(encode(AgiCommand.setVariable("FOO", "with space"))).isEqualTo("SET VARIABLE FOO \"with space\"\n");
        assertThat(encode(AgiCommand.exec("Verbose", "1,hello from agi")))
                .isEqualTo("EXEC Verbose \"1,hello from agi\"\n");
    }

    @Test
    void encode_emptyArgumentQuoted() {
        assertThat(encode(AgiCommand.streamFile("beep", ""))).isEqualTo("STREAM FILE beep \"\"\n");
        assertThat(encode(AgiCommand.sayNumber(12, ""))).isEqualTo("SAY NUMBER 12 \"\"\n");
    }

    @Test
    void encode_quotesAndBackslashesEscaped() {
        assertThat(encode(AgiCommand.setVariable("MSG", "say \"hi\""))).isEqualTo("SET VARIABLE MSG \"say \\\"hi\\\"\"\n");
        assertThat(encode(AgiCommand.setVariable("PATH", "a\\b"))).isEqualTo("SET VARIABLE PATH \"a\\\\b\"\n");
        assertThat(encode(AgiCommand.setVariable("TAB", "a\tb"))).isEqualTo("SET VARIABLE TAB \"a\tb\"\n");
    }

    @Test
    void encode_escapeDigitsAndDialplanExpressionsUnquoted() {
        assertThat(encode(AgiCommand.streamFile("beep", "0123456789*#"))).isEqualTo("STREAM FILE beep 0123456789*#\n");
        assertThat(encode(AgiCommand.of("GET FULL VARIABLE", "${CHANNEL}-${UNIQUEID}")))
                .isEqualTo("GET FULL VARIABLE ${CHANNEL}-${UNIQUEID}\n");
    }

    @Test
    void encode_utf8() {
        assertThat(encode(AgiCommand.setVariable("NAME", "Zoé"))).isEqualTo("SET VARIABLE NAME Zoé\n");
    }

    @Test
    void agiCommand_lineBreakRefused() {
        assertThatThrownBy(() -> AgiCommand.setVariable("FOO", "a\nHANGUP")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AgiCommand.of("NOOP\r")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String encode(AgiCommand command) {
        EmbeddedChannel channel = new EmbeddedChannel(AgiCommandEncoder.INSTANCE);
        assertThat(channel.writeOutbound(command)).isTrue();
        ByteBuf buf = channel.readOutbound();
        String text = buf.toString(StandardCharsets.UTF_8);
        assertThat(buf.release()).isTrue();
        assertThat(channel.finish()).isFalse();
        return text;
    }

    @Test
    void command_longerThanAsteriskReadsAtOnce_isRefused() {
        String value = "x".repeat(AgiCommand.MAX_LINE_BYTES - "SET VARIABLE V ".length());
        assertThat(AgiCommand.setVariable("V", value).toLine()).hasSize(AgiCommand.MAX_LINE_BYTES);
        assertThatThrownBy(() -> AgiCommand.setVariable("V", value + "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2047 bytes");
    }
}
