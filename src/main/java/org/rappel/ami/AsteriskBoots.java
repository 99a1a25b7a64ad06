package org.rappel.ami;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Tells a restarted Asterisk from the same one, from the {@code Uptime} of each {@code FullyBooted}: the start
 * instant {@code now - Uptime} moves forward only when Asterisk started again. {@code Uptime} has one-second
 * steps, hence a tolerance. A {@code Shutdown} event seen before the loss settles it without arithmetic.
 * Owned by the connection's event loop.
 */
final class AsteriskBoots {
    private static final long TOLERANCE_NANOS = Duration.ofSeconds(3).toNanos();

    private final LongSupplier ticker;
    /** {@code ticker} reading at the start of the Asterisk seen last; meaningful once {@code seen}. */
    private long startedAt;
    private boolean seen;
    private boolean shutdownSeen;

    AsteriskBoots(LongSupplier ticker) {
        this.ticker = ticker;
    }

    void shutdownAnnounced() {
        shutdownSeen = true;
    }

    /** @return true when the Asterisk now booted is not the one seen before (false for the first one) */
    boolean booted(Optional<Duration> uptime) {
        boolean restarted = seen && shutdownSeen;
        if (uptime.isPresent()) {
            long start = ticker.getAsLong() - uptime.get().toNanos();
            restarted |= seen && start - startedAt > TOLERANCE_NANOS;
            startedAt = start;
        }
        seen = true;
        shutdownSeen = false;
        return restarted;
    }
}
