package org.rappel.flow;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How a service holds its callers.
 *
 * @param priorityClass the callers' priority class in the service's line
 * @param announceEvery period of the position and wait announcement (the first is made on entry)
 * @param ringTimeout   how long the agent's phone rings ({@code Dial}'s timeout, whole seconds)
 * @param zone          the service's time zone, in which the day and time of a callback slot are said
 */
public record HoldPolicy(int priorityClass, Duration announceEvery, Duration ringTimeout, ZoneId zone) {

    /** The zone of the default French hotline, when the service names none. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");

    public HoldPolicy {
        Objects.requireNonNull(announceEvery, "announceEvery");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        Objects.requireNonNull(zone, "zone");
        if (announceEvery.toMillis() < 1 || ringTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("announceEvery and ringTimeout must be positive (ring: whole seconds)");
        }
    }

    /** A service in {@link #DEFAULT_ZONE}. */
    public HoldPolicy(int priorityClass, Duration announceEvery, Duration ringTimeout) {
        this(priorityClass, announceEvery, ringTimeout, DEFAULT_ZONE);
    }

    /** Ordinary class, announcement every minute, 20 s of ringing. */
    public static HoldPolicy defaults() {
        return new HoldPolicy(0, Duration.ofSeconds(60), Duration.ofSeconds(20));
    }
}
