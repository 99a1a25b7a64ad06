package org.rappel.estimate;

import java.time.Duration;
import java.util.Objects;

/**
 * An expected wait before reaching an agent, and whether it can be promised.
 *
 * @param expectedWait expected remaining wait, never negative
 * @param reliability  {@link Reliability#RELIABLE} when the figure may be announced
 */
public record Estimate(Duration expectedWait, Reliability reliability) {

    public Estimate {
        Objects.requireNonNull(expectedWait, "expectedWait");
        Objects.requireNonNull(reliability, "reliability");
        if (expectedWait.isNegative()) {
            throw new IllegalArgumentException("negative wait: " + expectedWait);
        }
    }

    /** From a figure in seconds; negative or non-finite inputs are clamped (0, or a day for +infinity). */
    public static Estimate ofSeconds(double seconds, Reliability reliability) {
        double clamped = Double.isNaN(seconds) || seconds < 0 ? 0 : Math.min(seconds, MAX_SECONDS);
        return new Estimate(Duration.ofNanos(Math.round(clamped * 1e9)), reliability);
    }

    public boolean reliable() {
        return reliability == Reliability.RELIABLE;
    }

    public double seconds() {
        return expectedWait.toNanos() / 1e9;
    }

    /** A day: longer figures carry no information a caller could use. */
    private static final double MAX_SECONDS = 86_400;
}
