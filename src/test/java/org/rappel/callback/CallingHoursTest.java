package org.rappel.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rappel.store.AttemptOutcome;
import org.rappel.store.Disposition;

/** Calling windows and the retry policy built on them, in Paris time. */
class CallingHoursTest {
    private static final CallingHours PARIS = CallingHours.defaults().withHolidays(PublicHolidays.NONE);

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
    void defaults_areClosedOnFrenchPublicHolidays() {
        // Friday 25 December 2026, 10:00 in Paris: a weekday, but Christmas Day.
        assertThat(CallingHours.defaults().isOpen(Instant.parse("2026-12-25T09:00:00Z"))).isFalse();
        assertThat(CallingHours.defaults().isOpen(Instant.parse("2026-12-24T09:00:00Z"))).isTrue();
    }

    @Test
    void nextOpen_skipsTheEasterWeekend() {
        CallingHours france = PARIS.withHolidays(PublicHolidays.FRANCE);

        // Friday 3 April 2026 after closing; Monday 6 April is Easter Monday: Tuesday 08:30 (UTC+2).
        assertThat(france.nextOpen(Instant.parse("2026-04-03T16:00:00Z")))
                .isEqualTo(Instant.parse("2026-04-07T06:30:00Z"));
        assertThat(france.isOpen(Instant.parse("2026-04-06T09:00:00Z"))).isFalse();
        // Without holidays the same Monday is a working day.
        assertThat(PARIS.nextOpen(Instant.parse("2026-04-03T16:00:00Z")))
                .isEqualTo(Instant.parse("2026-04-06T06:30:00Z"));
    }

    @Test
    void nextOpen_alsaceMoselleAlsoClosesGoodFriday() {
        CallingHours strasbourg = PARIS.withHolidays(PublicHolidays.ALSACE_MOSELLE);

        // Thursday 2 April 2026 after closing: Good Friday, the weekend and Easter Monday are closed.
        assertThat(strasbourg.nextOpen(Instant.parse("2026-04-02T16:00:00Z")))
                .isEqualTo(Instant.parse("2026-04-07T06:30:00Z"));
    }

    @Test
    void nextOpen_holidayAndClosedBridgeDayRunIntoTheWeekend() {
        // Ascension is Thursday 14 May 2026; the Friday after is closed as a bridge day.
        CallingHours hours = PARIS.withHolidays(PublicHolidays.FRANCE).withClosed(List.of(LocalDate.of(2026, 5, 15)));

        assertThat(hours.nextOpen(Instant.parse("2026-05-13T16:00:00Z")))
                .isEqualTo(Instant.parse("2026-05-18T06:30:00Z"));
        assertThat(hours.isClosedDay(LocalDate.of(2026, 5, 15))).isTrue();
        assertThat(hours.windowOn(LocalDate.of(2026, 5, 18))).contains(
                new CallingHours.Window(LocalTime.of(8, 30), LocalTime.of(17, 30)));
    }

    @Test
    void nextOpen_christmasEveClosedAndChristmasHoliday() {
        CallingHours hours = PARIS.withHolidays(PublicHolidays.FRANCE).withClosed(List.of(LocalDate.of(2026, 12, 24)));

        // Wednesday 23 December 2026 in the evening: Thursday closed, Friday Christmas, then the weekend (UTC+1).
        assertThat(hours.nextOpen(Instant.parse("2026-12-23T18:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-28T07:30:00Z"));
    }

    @Test
    void nextOpen_aLongClosureIsCrossed() {
        // Closed for the whole of August 2027 (a Sunday to a Tuesday).
        List<LocalDate> august = LocalDate.of(2027, 8, 1).datesUntil(LocalDate.of(2027, 9, 1)).toList();
        CallingHours hours = PARIS.withHolidays(PublicHolidays.FRANCE).withClosed(august);

        assertThat(hours.nextOpen(Instant.parse("2027-07-30T16:00:00Z")))
                .isEqualTo(Instant.parse("2027-09-01T06:30:00Z"));
    }

    @Test
    void always_isOpenAtEveryInstantHolidaysIncluded() {
        CallingHours always = CallingHours.always();

        for (String t : List.of("2026-12-25T00:00:00Z", "2026-12-24T23:00:00Z", "2026-11-29T03:17:00Z",
                "2026-03-29T01:30:00Z", "2026-10-25T00:59:59.999Z")) {
            assertThat(always.isOpen(Instant.parse(t))).as(t).isTrue();
            assertThat(always.nextOpen(Instant.parse(t))).as(t).isEqualTo(Instant.parse(t));
        }
        assertThat(always.isAlwaysOpen()).isTrue();
        assertThat(PARIS.isAlwaysOpen()).isFalse();
    }

    @Test
    void window_closingAtMidnightRunsToTheEndOfTheDay() {
        CallingHours.Window evening = new CallingHours.Window(LocalTime.of(22, 0), LocalTime.MIDNIGHT);

        assertThat(evening.contains(LocalTime.of(23, 59, 59, 999_999_999))).isTrue();
        assertThat(evening.contains(LocalTime.of(21, 59))).isFalse();
        assertThat(evening.contains(LocalTime.MIDNIGHT)).isFalse();
        CallingHours evenings = new CallingHours(ZoneId.of("Europe/Paris"), Map.of(DayOfWeek.MONDAY, evening));
        // Monday 23 November 2026 at 23:30 Paris is open; at 00:30 Tuesday the next opening is next Monday 22:00.
        assertThat(evenings.isOpen(Instant.parse("2026-11-23T22:30:00Z"))).isTrue();
        assertThat(evenings.nextOpen(Instant.parse("2026-11-23T23:30:00Z")))
                .isEqualTo(Instant.parse("2026-11-30T21:00:00Z"));
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
