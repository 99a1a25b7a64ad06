package org.rappel.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What becomes of a callback after an attempt, decided by the retry policy and applied by the store in the same
 * transaction that records the attempt.
 */
public sealed interface Disposition {

    /** The promise is kept. */
    record Done() implements Disposition {
    }

    /** Back to {@code PENDING}, due again at {@code at}. */
    record Retry(Instant at) implements Disposition {
        public Retry {
            Objects.requireNonNull(at, "at");
        }
    }

    /** Given up; {@code reason} says why (e.g. "5 attempts without answer"). */
    record Failed(String reason) implements Disposition {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
