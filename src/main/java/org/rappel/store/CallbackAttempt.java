package org.rappel.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * One dial attempt of a callback, as recorded. Attempt numbers start at 1 and are given by the store.
 *
 * @param reason free text from the dialer (Asterisk reason code, hangup cause), empty when there is none
 */
public record CallbackAttempt(UUID callbackId, int attemptNo, Instant started, Instant ended,
        AttemptOutcome outcome, String reason) {

    public CallbackAttempt {
        Objects.requireNonNull(callbackId, "callbackId");
        started = started.truncatedTo(ChronoUnit.MILLIS);
        ended = ended.truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
    }
}
