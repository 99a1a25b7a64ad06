package org.rappel.flow;

import java.time.Duration;
import java.util.Objects;

/**
 * How a service holds its callers.
 *
 * @param priorityClass the callers' priority class in the service's line
 * @param announceEvery period of the position and wait announcement (the first is made on entry)
 * @param ringTimeout   how long the agent's phone rings ({@code Dial}'s timeout, whole seconds)
 */
public record HoldPolicy(int priorityClass, Duration announceEvery, Duration ringTimeout) {

    public HoldPolicy {
        Objects.requireNonNull(announceEvery, "announceEvery");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        if (announceEvery.toMillis() < 1 || ringTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("announceEvery and ringTimeout must be positive (ring: whole seconds)");
        }
    }

    /** Ordinary class, announcement every minute, 20 s of ringing. */
    public static HoldPolicy defaults() {
        return new HoldPolicy(0, Duration.ofSeconds(60), Duration.ofSeconds(20));
    }
}
