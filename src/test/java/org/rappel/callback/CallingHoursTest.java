package org.rappel.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rappel.store.AttemptOutcome;
import org.rappel.store.Disposition;

/** Calling windows and the retry policy built on them, in Paris time. */
class CallingHoursTest {
    private static final CallingHours PARIS = CallingHours.defaults();

    @Test
    void isOpen_opensAtOpeningAndClosesAtClosing() {
        // Wednesday 25 November 2026 (UTC+1).
        assertThat(PARIS.isOpen(Instant.parse("2026-11-25T07:29:59Z"))).isFalse();
        assertThat(PARIS.isOpen(Instant.parse("2026-11-25T07:30:00Z"))).isTrue();
        assertThat(PARIS.isOpen(Instant.parse("2026-11-25T16:29:59Z"))).isTrue();
        assertThat(PARIS.isOpen(Instant.parse("2026-11-25T16:30:00Z"))).isFalse();
        assertThat(PARIS.isOpen(Instant.parse("2026-11-28T10:00:00Z"))).isFalse();
    }

    @Test
    void nextOpen_earlyMorningIsTheSameDaysOpening() {
        assertThat(PARIS.nextOpen(Instant.parse("2026-11-25T05:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-25T07:30:00Z"));
    }

    @Test
    void nextOpen_followsSummerTime() {
        // Friday 27 March 2026 evening (UTC+1) to Monday 30 March (UTC+2 since Sunday): 08:30 is 06:30 UTC.
        assertThat(PARIS.nextOpen(Instant.parse("2026-03-27T18:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-30T06:30:00Z"));
    }

    @Test
    void nextOpen_onlySaturdayOpenWaitsForSaturday() {
        CallingHours saturdays = new CallingHours(ZoneId.of("Europe/Paris"),
                Map.of(DayOfWeek.SATURDAY, new CallingHours.Window(LocalTime.of(9, 0), LocalTime.of(12, 0))));

        // Saturday 28 November 2026 at 12:00 in Paris: closed until the next Saturday.
        assertThat(saturdays.nextOpen(Instant.parse("2026-11-28T11:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-05T08:00:00Z"));
    }

    @Test
    void new_noOpenDayIsRefused() {
        assertThatThrownBy(() -> new CallingHours(ZoneId.of("Europe/Paris"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CallingHours.Window(LocalTime.of(18, 0), LocalTime.of(8, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void after_lastAttemptGivesUpAndEarlierOnesRetry() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMinutes(10), PARIS);
        Instant wednesday10h = Instant.parse("2026-11-25T09:00:00Z");

        assertThat(policy.after(1, AttemptOutcome.CONGESTION, wednesday10h))
                .isEqualTo(new Disposition.Retry(wednesday10h.plus(Duration.ofMinutes(10))));
        assertThat(policy.after(3, AttemptOutcome.BUSY, wednesday10h))
                .isEqualTo(new Disposition.Failed("3 attempts without answer, last busy"));
        assertThat(policy.after(3, AttemptOutcome.ANSWERED, wednesday10h)).isEqualTo(new Disposition.Done());
    }
}
