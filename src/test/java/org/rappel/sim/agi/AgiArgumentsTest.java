package org.rappel.sim.agi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgiArgumentsTest {

    @Test
    void parse_spacesAndTabsSeparate() {
        assertThat(AgiArguments.parse("STREAM  FILE\tbeep")).containsExactly("STREAM", "FILE", "beep");
    }

    @Test
    void parse_emptyQuotedWord() {
        assertThat(AgiArguments.parse("STREAM FILE beep \"\"")).containsExactly("STREAM", "FILE", "beep", "");
    }

    @Test
    void parse_quotedSpaces() {
        assertThat(AgiArguments.parse("SET VARIABLE FOO \"with space\""))
                .containsExactly("SET", "VARIABLE", "FOO", "with space");
    }

    @Test
    void parse_backslashEscapes() {
        assertThat(AgiArguments.parse("SET VARIABLE A \"say \\\"hi\\\" \\\\ ok\""))
                .containsExactly("SET", "VARIABLE", "A", "say \"hi\" \\ ok");
        assertThat(AgiArguments.parse("NOOP a\\ b")).containsExactly("NOOP", "a b");
    }

    @Test
    void parse_quoteInsideWordDoesNotSplit() {
        assertThat(AgiArguments.parse("NOOP a\"b c\"d e")).containsExactly("NOOP", "ab cd", "e");
    }

    @Test
    void parse_carriageReturnKept() {
        assertThat(AgiArguments.parse("ANSWER\r")).containsExactly("ANSWER\r");
    }

    @Test
    void parse_emptyLine() {
        assertThat(AgiArguments.parse("")).isEmpty();
        assertThat(AgiArguments.parse("   ")).isEmpty();
    }

    @Test
    void parse_tooManyWordsTruncated() {
        String line = "NOOP" + " x".repeat(200);
        assertThat(AgiArguments.parse(line)).hasSize(AgiArguments.MAX_WORDS);
    }
}
