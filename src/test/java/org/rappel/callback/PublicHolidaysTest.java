package org.rappel.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Public holidays computed per year; Easter Sundays checked against published dates. */
class PublicHolidaysTest {

    @ParameterizedTest
    @CsvSource({
        "1818, 1818-03-22",   // the earliest possible date
        "1943, 1943-04-25",   // the latest possible date
        "2000, 2000-04-23",
        "2008, 2008-03-23",
        "2011, 2011-04-24",
        "2019, 2019-04-21",
        "2024, 2024-03-31",
        "2025, 2025-04-20",
        "2026, 2026-04-05",
        "2027, 2027-03-28",
        "2038, 2038-04-25",
        "2285, 2285-03-22"})
    void easterSunday_knownYears(int year, LocalDate easter) {
        assertThat(PublicHolidays.easterSunday(year)).isEqualTo(easter);
    }

    @Test
    void in_franceHasItsElevenHolidaysOf2026() {
        assertThat(PublicHolidays.FRANCE.in(2026)).containsExactly(
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 6), LocalDate.of(2026, 5, 1),
                LocalDate.of(2026, 5, 8), LocalDate.of(2026, 5, 14), LocalDate.of(2026, 5, 25),
                LocalDate.of(2026, 7, 14), LocalDate.of(2026, 8, 15), LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 11, 11), LocalDate.of(2026, 12, 25));
    }

    @Test
    void in_movableFeastsFollowEaster2027() {
        // Easter 28 March 2027: Monday 29 March, Ascension 6 May, Whit Monday 17 May.
        assertThat(PublicHolidays.FRANCE.in(2027)).contains(LocalDate.of(2027, 3, 29), LocalDate.of(2027, 5, 6),
                LocalDate.of(2027, 5, 17)).hasSize(11);
        assertThat(PublicHolidays.FRANCE.isHoliday(LocalDate.of(2027, 3, 28))).isFalse();
    }

    @Test
    void in_alsaceMoselleAddsGoodFridayAndSaintStephen() {
        assertThat(PublicHolidays.ALSACE_MOSELLE.in(2026)).hasSize(13)
                .contains(LocalDate.of(2026, 4, 3), LocalDate.of(2026, 12, 26));
        assertThat(PublicHolidays.FRANCE.isHoliday(LocalDate.of(2026, 4, 3))).isFalse();
    }

    @Test
    void none_hasNoHoliday() {
        assertThat(PublicHolidays.NONE.in(2026)).isEmpty();
        assertThat(PublicHolidays.NONE.isHoliday(LocalDate.of(2026, 12, 25))).isFalse();
    }
}
