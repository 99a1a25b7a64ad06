package org.rappel.callback;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When citizens may be called back: one window per weekday (open inclusive, close exclusive) in one time zone.
 * A weekday without a window is closed all day. Immutable; any thread.
 */
public record CallingHours(ZoneId zone, Map<DayOfWeek, Window> windows) {

    /** One day's window, {@code open} before {@code close}, both in the zone's local time. */
    public record Window(LocalTime open, LocalTime close) {
        public Window {
            Objects.requireNonNull(open, "open");
            Objects.requireNonNull(close, "close");
            if (!open.isBefore(close)) {
                throw new IllegalArgumentException("calling window must open before it closes: " + open + "-" + close);
            }
        }
    }

    public CallingHours {
        Objects.requireNonNull(zone, "zone");
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("calling hours need at least one open weekday");
        }
        windows = Map.copyOf(new EnumMap<>(windows));
    }

    /** Monday to Friday, 08:30 to 17:30, Europe/Paris. */
    public static CallingHours defaults() {
        return weekdays(ZoneId.of("Europe/Paris"), LocalTime.of(8, 30), LocalTime.of(17, 30));
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

    public boolean isOpen(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        return window(local.toLocalDate())
                .map(w -> !local.toLocalTime().isBefore(w.open()) && local.toLocalTime().isBefore(w.close()))
                .orElse(false);
    }

    /** {@code t} itself when open, else the start of the next window after it. */
    public Instant nextOpen(Instant t) {
        if (isOpen(t)) {
            return t;
        }
        ZonedDateTime local = t.atZone(zone);
        LocalDate day = local.toLocalDate();
        // A week and a day covers every case: at least one weekday has a window (checked at construction).
        for (int i = 0; i <= 7; i++) {
            LocalDate d = day.plusDays(i);
            Optional<Window> w = window(d);
            if (w.isPresent()) {
                Instant open = ZonedDateTime.of(d, w.get().open(), zone).toInstant();
                if (open.isAfter(t)) {
                    return open;
                }
            }
        }
        throw new IllegalStateException("no calling window within a week of " + t);
    }

    private Optional<Window> window(LocalDate day) {
        return Optional.ofNullable(windows.get(day.getDayOfWeek()));
    }
}
