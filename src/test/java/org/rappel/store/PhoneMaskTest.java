package org.rappel.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneMaskTest {

    @ParameterizedTest
    @CsvSource({
        "+33612345678, +336****5678",
        "+442079460958, +442****0958",
        "0612345678, 0612****5678",
        "3230, ****",
        "web:203.0.113.7, web:****13.7",
        "'', ''"})
    void mask_hidesTheMiddle(String number, String masked) {
        assertThat(PhoneMask.mask(number)).isEqualTo(masked);
    }
}
