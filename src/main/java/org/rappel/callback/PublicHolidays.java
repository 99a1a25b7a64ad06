package org.rappel.callback;

import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Public holidays on which a service is closed, computed for any year (no table to keep up to date). Immutable; any
 * thread.
 */
public enum PublicHolidays {
    /** No public holiday: only the explicit closed dates of {@link CallingHours} apply. */
    NONE,
    /**
     * The eleven French public holidays (Code du travail, L3133-1): 1 January, Easter Monday, 1 May, 8 May, Ascension
     * Thursday, Whit Monday, 14 July, 15 August, 1 November, 11 November, 25 December.
     */
    FRANCE,
    /**
     * France plus the two local holidays of Bas-Rhin, Haut-Rhin and Moselle (L3134-13): Good Friday and 26 December,
     * for the services of those three départements.
     */
    ALSACE_MOSELLE;

    /** The name used in the config file: {@code none}, {@code france}, {@code alsace-moselle}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean isHoliday(LocalDate day) {
        if (this == NONE) {
            return false;
        }
        if (isFixedFrenchHoliday(day) || (this == ALSACE_MOSELLE && day.getMonth() == Month.DECEMBER
                && day.getDayOfMonth() == 26)) {
            return true;
        }
        // The movable feasts, as days after Easter Sunday: Monday +1, Ascension +39, Whit Monday +50.
        LocalDate easter = easterSunday(day.getYear());
        long after = day.toEpochDay() - easter.toEpochDay();
        return after == 1 || after == 39 || after == 50 || (this == ALSACE_MOSELLE && after == -2);
    }

    /** This year's holidays, in date order. */
    public List<LocalDate> in(int year) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            if (isHoliday(d)) {
                days.add(d);
            }
        }
        return List.copyOf(days);
    }

    /**
     * Easter Sunday of the Gregorian calendar, by the anonymous Gregorian computus (Meeus/Jones/Butcher), valid for
     * every year from 1583.
     */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    private static boolean isFixedFrenchHoliday(LocalDate day) {
        int d = day.getDayOfMonth();
        return switch (day.getMonth()) {
            case JANUARY -> d == 1;
            case MAY -> d == 1 || d == 8;
            case JULY -> d == 14;
            case AUGUST -> d == 15;
            case NOVEMBER -> d == 1 || d == 11;
            case DECEMBER -> d == 25;
            default -> false;
        };
    }
}
