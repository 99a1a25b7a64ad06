package org.rappel.sim.ami;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One Originate the simulated Asterisk received, as a test reads it afterwards. Immutable snapshot.
 *
 * @param order         0 for the first Originate since the simulator started, then 1, 2…
 * @param at            when it arrived
 * @param actionId      its ActionID
 * @param dialString    its {@code Channel} header ({@code PJSIP/+33612345678@trunk})
 * @param target        {@code Context}/{@code Exten} or {@code Application}/{@code Data}
 * @param variables     its {@code Variable} headers
 * @param channel       the channel made ({@code PJSIP/trunk-0000000a}, the {@code ;1} half of a Local one)
 * @param outcome       what became of it so far
 * @param answeredAt    when the far end answered
 * @param endedAt       when its last channel hung up
 * @param endedBefore   how many Originates had arrived when it ended: an Originate with a lower {@code order}
 *                      came while this call was still up (exact, unlike clock readings)
 */
public record OriginateRecord(long order, Instant at, Optional<String> actionId, String dialString,
                              Map<String, String> target, Map<String, String> variables, String channel,
                              Outcome outcome, Optional<Instant> answeredAt, Optional<Instant> endedAt,
                              OptionalLong endedBefore) {

    /** The variable Rappel's Originate carries the callback id in. */
    public static final String CALLBACK_ID = "RAPPEL_CALLBACK_ID";

    /** The {@code OriginateResponse} {@code Reason}, or still ringing. */
    public enum Outcome {
        RINGING(-1), FAILED(0), HUNG_UP(1), NO_ANSWER(3), ANSWERED(4), BUSY(5), CONGESTION(8);

        private final int reason;

        Outcome(int reason) {
            this.reason = reason;
        }

        /** The {@code Reason} header; -1 while ringing. */
        public int reason() {
            return reason;
        }

        static Outcome ofReason(int reason) {
            for (Outcome o : values()) {
                if (o.reason == reason) {
                    return o;
                }
            }
            throw new IllegalArgumentException("reason " + reason);
        }
    }

    public OriginateRecord {
        target = Map.copyOf(target);
        variables = Map.copyOf(variables);
    }

    /** {@code RAPPEL_CALLBACK_ID} of the Originate. */
    public Optional<String> callbackId() {
        return Optional.ofNullable(variables.get(CALLBACK_ID));
    }

    public boolean ended() {
        return endedAt.isPresent();
    }
}
