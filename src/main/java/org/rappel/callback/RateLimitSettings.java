package org.rappel.callback;

import java.time.Duration;
import java.util.Objects;

/**
 * Callback rate limits, each over a sliding window. Defaults: 3 callbacks per number per 24 hours, 5 per
 * calling line per hour, at most a million numbers and lines tracked (about 100 MB at worst).
 */
public record RateLimitSettings(Limit perNumber, Limit perCallingLine, long maxTrackedKeys) {

    /** At most {@code max} requests within any {@code window}. */
    public record Limit(int max, Duration window) {
        public Limit {
            if (max < 1 || max > 10_000) {
                throw new IllegalArgumentException("a rate limit allows 1 to 10000 requests per window");
            }
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("a rate-limit window must be positive");
            }
        }
    }

    public RateLimitSettings {
        Objects.requireNonNull(perNumber, "perNumber");
        Objects.requireNonNull(perCallingLine, "perCallingLine");
        if (maxTrackedKeys < 1) {
            throw new IllegalArgumentException("maxTrackedKeys must be positive");
        }
    }

    public static RateLimitSettings defaults() {
        return new RateLimitSettings(new Limit(3, Duration.ofDays(1)), new Limit(5, Duration.ofHours(1)),
                1_000_000);
    }
}
