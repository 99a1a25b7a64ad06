package org.rappel.callback;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link CallbackOffice} runs.
 *
 * @param rescanEvery          how often the pending callbacks are read back from the store (retries and slots
 *                             coming due, other nodes' requests and cancellations)
 * @param bookingHorizonDays   how far ahead a slot can be booked
 * @param answeredCallDeadline how long an answered callback's call may take to reach Rappel's callback script
 *                             before the reserved agent is freed
 */
public record OfficeSettings(Duration rescanEvery, int bookingHorizonDays, Duration answeredCallDeadline) {

    public OfficeSettings {
        Objects.requireNonNull(rescanEvery, "rescanEvery");
        Objects.requireNonNull(answeredCallDeadline, "answeredCallDeadline");
        if (rescanEvery.toMillis() < 10 || bookingHorizonDays < 1 || answeredCallDeadline.toMillis() < 1) {
            throw new IllegalArgumentException("rescan period, horizon and deadline must be positive");
        }
    }

    /** A rescan every 5 s, slots up to 30 days ahead, 30 s for an answered call to reach us. */
    public static OfficeSettings defaults() {
        return new OfficeSettings(Duration.ofSeconds(5), 30, Duration.ofSeconds(30));
    }
}
