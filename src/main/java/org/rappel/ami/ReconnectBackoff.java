package org.rappel.ami;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delay before reconnect attempt n (from 1): {@code min * 2^(n-1)} capped at {@code max}, then drawn uniformly
 * between its half and its whole, so that several Rappel nodes cut off by one Asterisk restart do not log in
 * again in the same millisecond. Pure; the random source is injected for tests.
 */
final class ReconnectBackoff {
    private final long minNanos;
    private final long maxNanos;
    private final DoubleSupplier random;

    ReconnectBackoff(Duration min, Duration max, DoubleSupplier random) {
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1: " + attempt);
        }
        long ceiling = minNanos;
        for (int i = 1; i < attempt && ceiling < maxNanos; i++) {
            ceiling = ceiling > maxNanos / 2 ? maxNanos : ceiling * 2;
        }
        ceiling = Math.min(ceiling, maxNanos);
        long half = ceiling / 2;
        return Duration.ofNanos(half + (long) (random.getAsDouble() * (ceiling - half)));
    }
}
