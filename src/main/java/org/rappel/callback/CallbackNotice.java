package org.rappel.callback;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.rappel.store.CallbackAttempt;
import org.rappel.store.CallbackRequest;

/**
 * Something a citizen may be told about their callback outside the call (an SMS through a gateway, a mail).
 *
 * @param kind     what happened
 * @param callback the callback as stored after it happened
 * @param attempt  the attempt, for {@link Kind#ATTEMPT_FAILED} and {@link Kind#FAILED}
 * @param at       when it happened
 */
public record CallbackNotice(Kind kind, CallbackRequest callback, Optional<CallbackAttempt> attempt, Instant at) {

    public enum Kind {
        /** Stored and in line (or booked for a slot). */
        CONFIRMED,
        /** An attempt did not reach the citizen; another will follow. */
        ATTEMPT_FAILED,
        /** The last attempt failed: the callback is given up. */
        FAILED,
        /** Cancelled by the citizen or a supervisor. */
        CANCELLED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public CallbackNotice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(at, "at");
    }
}
