package org.rappel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rappel.callback.CallingHours;
import org.rappel.callback.CallingHours.Window;
import org.rappel.callback.PublicHolidays;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;

/** The hours block: {@code always}, or a zone, weekly windows, holidays and closed dates; errors with file:line. */
class HoursSectionTest {
    private static final CallingHours FALLBACK = CallingHours.defaults();

    private static CallingHours read(String yaml) throws ConfigException {
        return read(yaml, Map.of());
    }

    private static CallingHours read(String yaml, Map<String, String> env) throws ConfigException {
        MappingNode root = (MappingNode) new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        ConfigSection callback = new ConfigSection("rappel.yaml", "", Optional.of(root), env).section("callback");
        CallingHours hours = HoursSection.hours(callback, "calling-hours", FALLBACK);
        callback.rejectUnknownKeys();
        return hours;
    }

    private static void assertRefused(String yaml, String message) {
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void hours_absentIsTheFallback() throws ConfigException {
        assertThat(read("callback: {}\n")).isSameAs(FALLBACK);
    }

    @Test
    void hours_alwaysIsOpenAllTheTime() throws ConfigException {
        assertThat(read("callback:\n  calling-hours: always\n")).isEqualTo(CallingHours.always());
        assertThat(read("callback: {}\n", Map.of("RAPPEL_CALLBACK_CALLING_HOURS", "always")))
                .isEqualTo(CallingHours.always());
    }

    @Test
    void hours_mappingWithWeekdaysOverridesHolidaysAndClosedDates() throws ConfigException {
        CallingHours hours = read("""
                callback:
                  calling-hours:
                    zone: Europe/Paris
                    weekdays: 08:30-17:30
                    wednesday: "08:30-12:00"
                    friday: closed
                    saturday: 09:00-24:00
                    holidays: france
                    closed: [2026-12-24, 2026-12-31]
                """);

        Window day = new Window(LocalTime.of(8, 30), LocalTime.of(17, 30));
        assertThat(hours).isEqualTo(new CallingHours(ZoneId.of("Europe/Paris"), Map.of(
                DayOfWeek.MONDAY, day, DayOfWeek.TUESDAY, day, DayOfWeek.THURSDAY, day,
                DayOfWeek.WEDNESDAY, new Window(LocalTime.of(8, 30), LocalTime.NOON),
                DayOfWeek.SATURDAY, new Window(LocalTime.of(9, 0), LocalTime.MIDNIGHT)),
                Set.of(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 31)), PublicHolidays.FRANCE));
    }

    @Test
    void hours_mappingDefaultsToParisAndFrenchHolidays() throws ConfigException {
        CallingHours hours = read("callback:\n  calling-hours: {monday: \"10:00-16:00\", zone: UTC, holidays: none}\n");
        assertThat(hours.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(hours.holidays()).isEqualTo(PublicHolidays.NONE);

        CallingHours defaults = read("callback:\n  calling-hours: {tuesday: \"10:00-16:00\"}\n");
        assertThat(defaults.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(defaults.holidays()).isEqualTo(PublicHolidays.FRANCE);
        assertThat(defaults.windows()).containsOnlyKeys(DayOfWeek.TUESDAY);
    }

    @Test
    void hours_environmentOverridesOneDay() throws ConfigException {
        CallingHours hours = read("callback:\n  calling-hours: {monday: \"10:00-16:00\"}\n",
                Map.of("RAPPEL_CALLBACK_CALLING_HOURS_MONDAY", "07:00-19:00"));
        assertThat(hours.windows().get(DayOfWeek.MONDAY)).isEqualTo(new Window(LocalTime.of(7, 0), LocalTime.of(19, 0)));
    }

    @Test
    void hours_badScalar() {
        assertRefused("callback:\n  calling-hours: sometimes\n", "rappel.yaml:2: callback.calling-hours: expected "
                + "'always' or a mapping such as {zone: Europe/Paris, weekdays: \"08:30-17:30\", holidays: france}, "
                + "was 'sometimes'");
    }

    @Test
    void hours_badTimes() {
        assertRefused("callback:\n  calling-hours:\n    monday: 8h30-17h30\n", "rappel.yaml:3: "
                + "callback.calling-hours.monday: expected HH:MM-HH:MM such as 08:30-17:30, or closed, was '8h30-17h30'");
        assertRefused("callback:\n  calling-hours:\n    monday: \"08:30-25:00\"\n", "rappel.yaml:3: "
                + "callback.calling-hours.monday: no such time of day in '08:30-25:00'");
        assertRefused("callback:\n  calling-hours:\n    monday: \"08:61-17:00\"\n", "rappel.yaml:3: "
                + "callback.calling-hours.monday: no such time of day in '08:61-17:00' (24:00 only closes)");
        assertRefused("callback:\n  calling-hours:\n    monday: [\"08:30-12:00\", \"14:00-17:00\"]\n", "rappel.yaml:3: "
                + "callback.calling-hours.monday: expected a single value");
    }

    @Test
    void hours_closeBeforeOpen() {
        assertRefused("callback:\n  calling-hours:\n    zone: Europe/Paris\n    sunday: \"17:30-08:30\"\n",
                "rappel.yaml:4: callback.calling-hours.sunday: closes at 08:30 before it opens at 17:30 "
                        + "('17:30-08:30'; one window a day, it cannot run past midnight)");
        assertRefused("callback:\n  calling-hours:\n    weekdays: \"09:00-09:00\"\n",
                "rappel.yaml:3: callback.calling-hours.weekdays: closes at 09:00 before it opens at 09:00 "
                        + "('09:00-09:00'; one window a day, it cannot run past midnight)");
    }

    @Test
    void hours_badZone() {
        assertRefused("callback:\n  calling-hours:\n    zone: Europe/Pariss\n    monday: \"08:00-12:00\"\n",
                "rappel.yaml:3: callback.calling-hours.zone: unknown time zone 'Europe/Pariss', expected a region "
                        + "such as Europe/Paris");
        assertRefused("callback:\n  calling-hours:\n    zone: \"+01:00\"\n    monday: \"08:00-12:00\"\n",
                "rappel.yaml:3: callback.calling-hours.zone: a fixed offset ('+01:00') does not follow summer "
                        + "time: give a region such as Europe/Paris");
        assertThat(ZoneOffset.UTC).isEqualTo(ZoneId.of("Z"));
    }

    @Test
    void hours_badHolidaysClosedDatesUnknownKeyNoDay() {
        assertRefused("callback:\n  calling-hours:\n    monday: \"08:00-12:00\"\n    holidays: belgium\n",
                "rappel.yaml:4: callback.calling-hours.holidays: expected one of [none, france, alsace-moselle], "
                        + "was 'belgium'");
        assertRefused("callback:\n  calling-hours:\n    monday: \"08:00-12:00\"\n    closed: [2026-12-24, 24/12/2026]\n",
                "rappel.yaml:4: callback.calling-hours.closed: expected dates written YYYY-MM-DD, was '24/12/2026'");
        assertRefused("callback:\n  calling-hours:\n    mondy: \"08:00-12:00\"\n    tuesday: \"08:00-12:00\"\n",
                "rappel.yaml:3: callback.calling-hours.mondy: unknown key");
        assertRefused("callback:\n  calling-hours:\n    weekdays: closed\n    holidays: none\n",
                "rappel.yaml:3: callback.calling-hours: no open day: give at least one, e.g. weekdays: "
                        + "\"08:30-17:30\" (or 'always')");
    }
}
