package org.rappel.ami;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Tells a restarted Asterisk from the same one, from the {@code Uptime} of each {@code FullyBooted}: the start
 * instant {@code now - Uptime} moves forward only when Asterisk started again. {@code Uptime} has one-second
 * steps, hence a tolerance. A {@code Shutdown} event seen before the loss settles it without arithmetic.
 * Owned by the connection's event loop.
 */
final class AsteriskBoots {
    private static final Duration TOLERANCE = Duration.ofSeconds(3);

    private final Clock clock;
    private Instant startedAt;
    private boolean shutdownSeen;

    AsteriskBoots(Clock clock) {
        this.clock = clock;
    }

    void shutdownAnnounced() {
        shutdownSeen = true;
    }

    /** @return true when the Asterisk now booted is not the one seen before (false for the first one) */
    boolean booted(Optional<Duration> uptime) {
        Instant previous = startedAt;
        boolean restarted = previous != null && shutdownSeen;
        if (uptime.isPresent()) {
            Instant now = clock.instant().minus(uptime.get());
            restarted |= previous != null && now.isAfter(previous.plus(TOLERANCE));
            startedAt = now;
        } else if (startedAt == null) {
            startedAt = Instant.MIN;
        }
        shutdownSeen = false;
        return restarted;
    }
}
