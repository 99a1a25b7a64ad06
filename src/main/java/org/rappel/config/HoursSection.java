package org.rappel.config;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rappel.callback.CallingHours;
import org.rappel.callback.PublicHolidays;

/**
 * Reads a block of opening or calling hours ({@code callback.calling-hours}, {@code services.X.opening-hours}):
 * <pre>
 * calling-hours: always            # 24/7, holidays included
 * calling-hours:
 *   zone: Europe/Paris             # a region, so summer time is followed (default Europe/Paris)
 *   weekdays: "08:30-17:30"        # Monday to Friday at once; a named day below overrides it
 *   saturday: "09:00-12:00"        # HH:MM-HH:MM, close 24:00 for midnight; "closed"; a day not given is closed
 *   holidays: france               # france (default), alsace-moselle, or none
 *   closed: [2026-12-24, 2026-12-31]   # dates closed all day
 * </pre>
 * A bad value stops the start with {@code file:line: key: reason}.
 */
final class HoursSection {
    private static final Pattern RANGE = Pattern.compile("(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})");
    private static final String DEFAULT_ZONE = "Europe/Paris";

    private HoursSection() {
    }

    /** The hours under {@code key} of {@code parent}; {@code fallback} when the key is absent. */
    static CallingHours hours(ConfigSection parent, String key, CallingHours fallback) throws ConfigException {
        if (!parent.present(key)) {
            return fallback;
        }
        if (!parent.isMapping(key)) {
            String text = parent.string(key, "").trim();
            if (!text.equalsIgnoreCase("always")) {
                throw parent.invalid(key, "expected 'always' or a mapping such as {zone: Europe/Paris, "
                        + "weekdays: \"08:30-17:30\", holidays: france}, was '" + text + "'");
            }
            return CallingHours.always();
        }
        ConfigSection s = parent.section(key);
        ZoneId zone = zone(s);
        Map<DayOfWeek, CallingHours.Window> windows = new EnumMap<>(DayOfWeek.class);
        if (s.present("weekdays")) {
            window(s, "weekdays").ifPresent(w -> {
                for (DayOfWeek d : DayOfWeek.values()) {
                    if (d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY) {
                        windows.put(d, w);
                    }
                }
            });
        }
        for (DayOfWeek day : DayOfWeek.values()) {
            String name = day.name().toLowerCase(Locale.ROOT);
            if (s.present(name)) {
                Optional<CallingHours.Window> w = window(s, name);
                if (w.isPresent()) {
                    windows.put(day, w.get());
                } else {
                    windows.remove(day);
                }
            }
        }
        PublicHolidays holidays = holidays(s);
        List<LocalDate> closed = closed(s);
        s.rejectUnknownKeys();
        if (windows.isEmpty()) {
            throw parent.invalid(key, "no open day: give at least one, e.g. weekdays: \"08:30-17:30\" (or 'always')");
        }
        return new CallingHours(zone, windows, Set.copyOf(closed), holidays);
    }

    private static ZoneId zone(ConfigSection s) throws ConfigException {
        String text = s.string("zone", DEFAULT_ZONE).trim();
        ZoneId zone;
        try {
            zone = ZoneId.of(text);
        } catch (DateTimeException e) {
            throw s.invalid("zone", "unknown time zone '" + text + "', expected a region such as Europe/Paris");
        }
        if (zone instanceof ZoneOffset offset && !offset.equals(ZoneOffset.UTC)) {
            throw s.invalid("zone", "a fixed offset ('" + text + "') does not follow summer time: give a region "
                    + "such as Europe/Paris");
        }
        return zone;
    }

    /** {@code HH:MM-HH:MM}, or empty for {@code closed}. */
    private static Optional<CallingHours.Window> window(ConfigSection s, String key) throws ConfigException {
        String text = s.string(key, "").trim();
        if (text.equalsIgnoreCase("closed")) {
            return Optional.empty();
        }
        Matcher m = RANGE.matcher(text);
        if (!m.matches()) {
            throw s.invalid(key, "expected HH:MM-HH:MM such as 08:30-17:30, or closed, was '" + text + "'");
        }
        LocalTime open = time(s, key, text, m.group(1), m.group(2), false);
        LocalTime close = time(s, key, text, m.group(3), m.group(4), true);
        if (!close.equals(LocalTime.MIDNIGHT) && !open.isBefore(close)) {
            throw s.invalid(key, "closes at " + close + " before it opens at " + open + " ('" + text
                    + "'; one window a day, it cannot run past midnight)");
        }
        return Optional.of(new CallingHours.Window(open, close));
    }

    private static LocalTime time(ConfigSection s, String key, String text, String hours, String minutes,
                                  boolean closing) throws ConfigException {
        int h = Integer.parseInt(hours);
        int min = Integer.parseInt(minutes);
        if (h == 24 && min == 0 && closing) {
            return LocalTime.MIDNIGHT;
        }
        if (h > 23 || min > 59) {
            throw s.invalid(key, "no such time of day in '" + text + "'" + (closing ? "" : " (24:00 only closes)"));
        }
        return LocalTime.of(h, min);
    }

    private static PublicHolidays holidays(ConfigSection s) throws ConfigException {
        String text = s.string("holidays", PublicHolidays.FRANCE.code()).trim().toLowerCase(Locale.ROOT);
        for (PublicHolidays h : PublicHolidays.values()) {
            if (h.code().equals(text)) {
                return h;
            }
        }
        List<String> known = new ArrayList<>();
        for (PublicHolidays h : PublicHolidays.values()) {
            known.add(h.code());
        }
        throw s.invalid("holidays", "expected one of " + known + ", was '" + text + "'");
    }

    private static List<LocalDate> closed(ConfigSection s) throws ConfigException {
        List<LocalDate> dates = new ArrayList<>();
        for (String text : s.strings("closed", List.of())) {
            try {
                dates.add(LocalDate.parse(text.trim()));
            } catch (DateTimeParseException e) {
                throw s.invalid("closed", "expected dates written YYYY-MM-DD, was '" + text + "'");
            }
        }
        return dates;
    }
}
