package org.rappel.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AnnouncementRoundingTest {

    private static Announcement say(double seconds) {
        return AnnouncementRounding.announce(Estimate.ofSeconds(seconds, Reliability.RELIABLE));
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "59.9"})
    void announce_underAMinute(double seconds) {
        assertThat(say(seconds)).isEqualTo(new Announcement.LessThanAMinute());
    }

    @ParameterizedTest
    @CsvSource({"60, 1", "89, 1", "90, 2", "245, 4", "599, 10", "600, 10", "629, 10", "660, 10", "749, 10",
            "750, 15", "1330, 20", "1350, 25", "3420, 55", "3500, 60", "3600, 60"})
    void announce_aboutMinutes(double seconds, int minutes) {
        assertThat(say(seconds)).isEqualTo(new Announcement.AboutMinutes(minutes));
    }

    @ParameterizedTest
    @CsvSource({"3601, 1, 2", "7199, 1, 2", "7200, 2, 3", "11000, 3, 4"})
    void announce_hourRange(double seconds, int from, int to) {
        assertThat(say(seconds)).isEqualTo(new Announcement.RangeHours(from, to));
    }

    @Test
    void announce_nothingPromisedWhenUnreliable() {
        assertThat(AnnouncementRounding.announce(Estimate.ofSeconds(300, Reliability.NO_AGENTS)))
                .isEqualTo(new Announcement.NoPromise(Reliability.NO_AGENTS));
        assertThat(AnnouncementRounding.announce(Estimate.ofSeconds(20, Reliability.TOO_FEW_OBSERVATIONS)))
                .isEqualTo(new Announcement.NoPromise(Reliability.TOO_FEW_OBSERVATIONS));
    }
}
