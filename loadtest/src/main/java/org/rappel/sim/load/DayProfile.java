package org.rappel.sim.load;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A day of arrivals: periods of the day with a constant rate each (calls per hour), e.g.
 * {@code 08:00-12:00=120,12:00-14:00=60,14:00-18:00=100}. Arrivals are a Poisson process with that
 * piecewise-constant rate, drawn from a seeded source: the same seed gives the same day. Immutable.
 *
 * @param periods in order, not overlapping
 */
record DayProfile(List<Period> periods) {

    /** From {@code start} to {@code end} (times of day), {@code perHour} calls an hour. */
    record Period(LocalTime start, LocalTime end, double perHour) {
        Period {
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("period ends before it starts: " + start + "-" + end);
            }
            if (!(perHour >= 0) || Double.isInfinite(perHour)) {
                throw new IllegalArgumentException("rate must be a non-negative number: " + perHour);
            }
        }
    }

    DayProfile {
        periods = List.copyOf(periods);
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("a day profile needs at least one period");
        }
        for (int i = 1; i < periods.size(); i++) {
            if (periods.get(i).start().isBefore(periods.get(i - 1).end())) {
                throw new IllegalArgumentException("periods overlap or are out of order at " + periods.get(i).start());
            }
        }
    }

    /** A weekday of a public-service hotline: morning peak, lunch dip, afternoon. */
    static final String TYPICAL = "08:00-10:00=90,10:00-12:00=150,12:00-14:00=60,14:00-16:00=120,16:00-18:00=80";

    static DayProfile parse(String text) {
        List<Period> periods = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            int dash = p.indexOf('-');
            if (eq < 0 || dash < 0 || dash > eq) {
                throw new IllegalArgumentException("expected HH:MM-HH:MM=calls_per_hour, was '" + p + "'");
            }
            periods.add(new Period(LocalTime.parse(p.substring(0, dash).trim()),
                    LocalTime.parse(p.substring(dash + 1, eq).trim()), Double.parseDouble(p.substring(eq + 1).trim())));
        }
        return new DayProfile(periods);
    }

    LocalTime opens() {
        return periods.get(0).start();
    }

    /** Length of the day, from the first period's start to the last one's end. */
    Duration length() {
        return Duration.between(opens(), periods.get(periods.size() - 1).end());
    }

    /** Arrival times, as offsets from {@link #opens()}, in order. */
    List<Duration> arrivals(RandomGenerator random) {
        List<Duration> arrivals = new ArrayList<>();
        for (Period period : periods) {
            double from = Duration.between(opens(), period.start()).toNanos() / 1e9;
            double to = Duration.between(opens(), period.end()).toNanos() / 1e9;
            if (period.perHour() == 0) {
                continue;
            }
            double perSecond = period.perHour() / 3600.0;
            // Exponential gaps; memorylessness lets each period start afresh.
            for (double t = from - Math.log(1 - random.nextDouble()) / perSecond; t < to;
                 t -= Math.log(1 - random.nextDouble()) / perSecond) {
                arrivals.add(Duration.ofNanos(Math.round(t * 1e9)));
            }
        }
        return arrivals;
    }

    /** Calls expected over the day. */
    double expectedCalls() {
        return periods.stream().mapToDouble(p -> p.perHour() * Duration.between(p.start(), p.end()).toSeconds()
                / 3600.0).sum();
    }
}
