package org.rappel.callback;

import java.time.Duration;
import java.util.Objects;

/** The answer of the {@link CallbackRateLimiter}. */
public sealed interface RateDecision {

    /** The request counts against both windows and may go on. */
    record Allowed() implements RateDecision {
    }

    /** Over the limit of {@code scope}; a new request can succeed after {@code retryAfter}. */
    record Limited(RateScope scope, Duration retryAfter) implements RateDecision {
        public Limited {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }
}
