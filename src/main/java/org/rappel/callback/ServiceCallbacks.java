package org.rappel.callback;

import java.time.Duration;
import java.util.Objects;

/**
 * How one service handles callbacks.
 *
 * @param service       the service's name
 * @param mode          who is called first
 * @param threshold     a caller entering the queue is offered a callback when the announced wait is above this
 * @param openingHours  when the service has agents; a callback asked while it is closed is booked in the first
 *                      slot of the next opening
 * @param slotLength    length of a bookable slot
 * @param slotCapacity  callbacks one slot takes at most
 */
public record ServiceCallbacks(String service, CallbackMode mode, Duration threshold, CallingHours openingHours,
                               Duration slotLength, int slotCapacity) {

    public ServiceCallbacks {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(openingHours, "openingHours");
        Objects.requireNonNull(slotLength, "slotLength");
        if (threshold.isNegative()) {
            throw new IllegalArgumentException("callback threshold must not be negative");
        }
        if (slotLength.toMinutes() < 5 || slotLength.toHours() > 24) {
            throw new IllegalArgumentException("slot length must be 5 minutes to 24 hours");
        }
        if (slotCapacity < 1) {
            throw new IllegalArgumentException("slot capacity must be at least 1");
        }
    }

    /** Customer-first, offered above 5 minutes, open whenever callbacks may be made, 30-minute slots of 10. */
    public static ServiceCallbacks defaults(String service, CallingHours hours) {
        return new ServiceCallbacks(service, CallbackMode.CUSTOMER_FIRST, Duration.ofMinutes(5), hours,
                Duration.ofMinutes(30), 10);
    }
}
