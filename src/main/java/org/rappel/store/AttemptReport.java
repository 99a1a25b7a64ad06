package org.rappel.store;

import java.time.Instant;
import java.util.Objects;

/** What the dialer reports of one attempt; the store numbers it and keeps it as a {@link CallbackAttempt}. */
public record AttemptReport(Instant started, Instant ended, AttemptOutcome outcome, String reason) {

    public AttemptReport {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(ended, "ended");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        if (ended.isBefore(started)) {
            throw new IllegalArgumentException("attempt ended before it started");
        }
    }
}
