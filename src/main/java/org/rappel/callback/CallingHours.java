package org.rappel.callback;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * When citizens may be called back (or a service is open): one window per weekday (open inclusive, close exclusive)
 * in one time zone, minus closed days. A weekday without a window is closed all day; so is a date in {@code closed}
 * and a public holiday of {@code holidays}. Immutable; any thread.
 *
 * @param zone     the zone the windows and dates are read in; it follows summer time
 * @param windows  at most one window per weekday, at least one weekday
 * @param closed   dates closed all day whatever their weekday (a bridge day, Christmas Eve)
 * @param holidays public holidays closed all day, computed for every year
 */
public record CallingHours(ZoneId zone, Map<DayOfWeek, Window> windows, Set<LocalDate> closed,
                           PublicHolidays holidays) {

    /**
     * One day's window, {@code open} before {@code close}, both in the zone's local time. A {@code close} of 00:00
     * ({@link LocalTime#MIDNIGHT}) means the end of the day, so {@link #ALL_DAY} is 00:00 to 00:00 (24:00).
     */
    public record Window(LocalTime open, LocalTime close) {
        /** Open from midnight to midnight. */
        public static final Window ALL_DAY = new Window(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

        public Window {
            Objects.requireNonNull(open, "open");
            Objects.requireNonNull(close, "close");
            if (!close.equals(LocalTime.MIDNIGHT) && !open.isBefore(close)) {
                throw new IllegalArgumentException("calling window must open before it closes: " + open + "-" + close);
            }
        }

        /** Whether the window runs to the end of the day (written 24:00 in the config). */
        public boolean untilMidnight() {
            return close.equals(LocalTime.MIDNIGHT);
        }

        public boolean contains(LocalTime t) {
            return !t.isBefore(open) && (untilMidnight() || t.isBefore(close));
        }
    }

    public CallingHours {
        Objects.requireNonNull(zone, "zone");
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("calling hours need at least one open weekday");
        }
        windows = Map.copyOf(new EnumMap<>(windows));
        closed = Set.copyOf(closed);
        Objects.requireNonNull(holidays, "holidays");
    }

    /** Weekly windows only: no closed date, no public holiday (as before holidays existed). */
    public CallingHours(ZoneId zone, Map<DayOfWeek, Window> windows) {
        this(zone, windows, Set.of(), PublicHolidays.NONE);
    }

    /**
     * Monday to Friday, 08:30 to 17:30, Europe/Paris, closed on French public holidays: a public hotline does not
     * call citizens back on Christmas Day (the config's defaults, {@code holidays: france}).
     */
    public static CallingHours defaults() {
        return weekdays(ZoneId.of("Europe/Paris"), LocalTime.of(8, 30), LocalTime.of(17, 30))
                .withHolidays(PublicHolidays.FRANCE);
    }

    /** Every day, all day, holidays included ({@code always} in the config): 24/7, in Europe/Paris. */
    public static CallingHours always() {
        return always(ZoneId.of("Europe/Paris"));
    }

    /** Every day, all day, holidays included; {@code zone} only tells what a day is (for slots). */
    public static CallingHours always(ZoneId zone) {
        Map<DayOfWeek, Window> w = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            w.put(d, Window.ALL_DAY);
        }
        return new CallingHours(zone, w);
    }

    /** The same window Monday to Friday, closed at weekends. */
    public static CallingHours weekdays(ZoneId zone, LocalTime open, LocalTime close) {
        Map<DayOfWeek, Window> w = new EnumMap<>(DayOfWeek.class);
        Window window = new Window(open, close);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY) {
                w.put(d, window);
            }
        }
        return new CallingHours(zone, w);
    }

    /** These hours, also closed on these dates (added to those already closed). */
    public CallingHours withClosed(Collection<LocalDate> dates) {
        Set<LocalDate> all = new HashSet<>(closed);
        all.addAll(dates);
        return new CallingHours(zone, windows, all, holidays);
    }

    /** These hours, closed on these public holidays (instead of the current ones). */
    public CallingHours withHolidays(PublicHolidays days) {
        return new CallingHours(zone, windows, closed, days);
    }

    /** Open every day, all day, with no closed date: {@link #nextOpen} is always its argument. */
    public boolean isAlwaysOpen() {
        return closed.isEmpty() && holidays == PublicHolidays.NONE && windows.size() == DayOfWeek.values().length
                && windows.values().stream().allMatch(Window.ALL_DAY::equals);
    }

    public boolean isOpen(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        return windowOn(local.toLocalDate()).map(w -> w.contains(local.toLocalTime())).orElse(false);
    }

    /** Whether a whole day is closed: no window on its weekday, a closed date, or a public holiday. */
    public boolean isClosedDay(LocalDate day) {
        return windowOn(day).isEmpty();
    }

    /** The day's window in the zone's local time; empty when the day is closed. */
    public Optional<Window> windowOn(LocalDate day) {
        if (closed.contains(day) || holidays.isHoliday(day)) {
            return Optional.empty();
        }
        return Optional.ofNullable(windows.get(day.getDayOfWeek()));
    }

    /**
     * {@code t} itself when open, else the start of the next window after it, skipping closed days.
     *
     * @throws IllegalStateException when closed dates leave no open day for years (a config no one means)
     */
    public Instant nextOpen(Instant t) {
        if (isOpen(t)) {
            return t;
        }
        LocalDate day = t.atZone(zone).toLocalDate();
        // Without closed days a week and a day covers every case (at least one weekday has a window). Each closed
        // date and each holiday (a dozen a year) can push the answer at most a week further.
        int limit = 8 + 7 * closed.size() + (holidays == PublicHolidays.NONE ? 0 : 2 * 366);
        for (int i = 0; i <= limit; i++) {
            LocalDate d = day.plusDays(i);
            Optional<Window> w = windowOn(d);
            if (w.isPresent()) {
                Instant open = ZonedDateTime.of(d, w.get().open(), zone).toInstant();
                if (open.isAfter(t)) {
                    return open;
                }
            }
        }
        throw new IllegalStateException("no calling window within " + limit + " days of " + t);
    }
}
