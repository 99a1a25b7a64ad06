package org.rappel.agi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void excerpt_phoneNumberMasked() {
        assertThat(LogText.excerpt("agi_callerid 0612345678")).isEqualTo("'agi_callerid ********78'");
    }

    @Test
    void excerpt_shortNumbersKept() {
        assertThat(LogText.excerpt("200 result=0 endpos=3520")).isEqualTo("'200 result=0 endpos=3520'");
    }

    @Test
    void excerpt_longTextCutAndControlCharactersReplaced() {
        String excerpt = LogText.excerpt("\u0001" + "x".repeat(100));
        assertThat(excerpt).startsWith("'?xxx").endsWith("… (101 chars)");
        assertThat(excerpt.length()).isLessThan(80);
    }

    @Test
    void callerNumber_lastTwoDigitsOnly() {
        assertThat(LogText.callerNumber("5551234")).isEqualTo("*****34");
        assertThat(LogText.callerNumber("7")).isEqualTo("**");
    }
}
