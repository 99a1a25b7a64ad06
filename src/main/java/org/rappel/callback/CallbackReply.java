package org.rappel.callback;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.rappel.store.CallbackRequest;

/** The office's answer to a {@link CallbackAsk}. */
public sealed interface CallbackReply {

    /**
     * Stored durably and in line.
     *
     * @param callback      the stored callback (its id is the one to cancel or look up)
     * @param updated       an active callback of the same number and service existed and was updated, not doubled
     * @param expectedWait  about how long until the call, when it is for today and the estimate is reliable
     * @param scheduledFor  the slot start, when the callback waits for a slot (asked for, or the next open day)
     */
    record Confirmed(CallbackRequest callback, boolean updated, Optional<Duration> expectedWait,
                     Optional<Instant> scheduledFor) implements CallbackReply {
        public Confirmed {
            Objects.requireNonNull(callback, "callback");
            Objects.requireNonNull(expectedWait, "expectedWait");
            Objects.requireNonNull(scheduledFor, "scheduledFor");
        }
    }

    /**
     * Not taken; nothing was stored or changed.
     *
     * @param reason     the kind of refusal
     * @param message    a sentence for a person (API error body, logs); never the full number
     * @param number     the numbering-plan reason when {@code reason} is {@link CallbackRefusal#NUMBER}
     * @param retryAfter when {@code reason} is {@link CallbackRefusal#RATE_LIMITED}
     */
    record Refused(CallbackRefusal reason, String message, Optional<NumberRefusal> number,
                   Optional<Duration> retryAfter) implements CallbackReply {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        public static Refused of(CallbackRefusal reason, String message) {
            return new Refused(reason, message, Optional.empty(), Optional.empty());
        }
    }
}
