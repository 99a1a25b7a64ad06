package org.rappel.sim.agi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelVariablesTest {

    private final ChannelVariables variables = new ChannelVariables("Local/s@hotline-00000001;2", "1795701040.3",
            CallerScript.builder().callerId("0612345678").language("fr").channelVariable("SERVICE", "logement")
                    .build());

    @Test
    void get_builtInsBeforeVariables() {
        assertThat(variables.get("CHANNEL")).contains("Local/s@hotline-00000001;2");
        assertThat(variables.get("CONTEXT")).contains("hotline");
        assertThat(variables.get("PRIORITY")).contains("2");
        assertThat(variables.get("SERVICE")).contains("logement");
        assertThat(variables.get("service")).isEmpty();
    }

    @Test
    void get_functions() {
        assertThat(variables.get("CHANNEL(language)")).contains("fr");
        assertThat(variables.get("CALLERID(num)")).contains("0612345678");
        assertThat(variables.get("NOSUCH(x)")).isEmpty();
    }

    @Test
    void set_emptyValueIsStillSet() {
        variables.set("EMPTY", "");
        assertThat(variables.get("EMPTY")).contains("");
    }

    @Test
    void substitute_nestedAndUnknown() {
        variables.set("WHICH", "SERVICE");
        assertThat(variables.substitute("${CONTEXT},${EXTEN},${PRIORITY}")).isEqualTo("hotline,s,2");
        assertThat(variables.substitute("[${${WHICH}}]")).isEqualTo("[logement]");
        assertThat(variables.substitute("a${NOPE}b")).isEqualTo("ab");
        assertThat(variables.substitute("${LEN(abc)}")).isEqualTo("3");
    }

    @Test
    void numberSounds_englishDecomposition() {
        assertThat(PromptCommands.numberSounds(12)).containsExactly("digits/12");
        assertThat(PromptCommands.numberSounds(0)).containsExactly("digits/0");
        assertThat(PromptCommands.numberSounds(-45)).containsExactly("digits/minus", "digits/40", "digits/5");
        assertThat(PromptCommands.numberSounds(2305)).containsExactly("digits/2", "digits/thousand", "digits/3",
                "digits/hundred", "digits/5");
    }

    @Test
    void scanInt_likeSscanf() {
        assertThat(CNumbers.scanInt(" 12abc")).hasValue(12);
        assertThat(CNumbers.scanInt("-3")).hasValue(-3);
        assertThat(CNumbers.scanInt("abc")).isEmpty();
        assertThat(CNumbers.atoi("x")).isZero();
    }
}
