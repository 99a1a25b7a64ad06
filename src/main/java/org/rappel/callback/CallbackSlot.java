package org.rappel.callback;

import java.time.Instant;
import java.util.Objects;

/** A bookable callback window of a service: {@code [start, end)}, {@code booked} of {@code capacity} taken. */
public record CallbackSlot(String service, Instant start, Instant end, int capacity, int booked) {

    public CallbackSlot {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end) || capacity < 0 || booked < 0) {
            throw new IllegalArgumentException("bad slot " + start + "-" + end + " " + booked + "/" + capacity);
        }
    }

    public boolean isFull() {
        return booked >= capacity;
    }
}
