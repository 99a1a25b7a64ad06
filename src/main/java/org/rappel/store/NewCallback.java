package org.rappel.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A callback as the citizen asked for it, before the store gives it an id and a state. The number has already
 * passed the numbering-plan policy (E.164, {@code +33612345678}).
 *
 * <p>Times are kept to the millisecond, the precision the store keeps.
 *
 * @param service        the service (queue) the citizen chose
 * @param number         number to call back, E.164
 * @param callingLine    where the request came from: the caller id for a phone request, the client identity
 *                       (e.g. {@code web:203.0.113.7}) for the portal; may equal {@code number}
 * @param virtualArrival when the contact entered the queue; a callback keeps the place its caller had
 * @param priority       priority class; higher is served first
 * @param language       language of the prompts the citizen chose ({@code fr}, {@code en}, ...)
 * @param ivrContext     what the IVR collected (menu choices, case number), shown to the agent
 * @param origin         phone or web
 * @param requestedSlot  a slot the citizen asked for (closed hours, web), or empty for "as soon as possible"
 */
public record NewCallback(String service, String number, String callingLine, Instant virtualArrival, int priority,
        String language, Map<String, String> ivrContext, ChannelOrigin origin, Optional<Instant> requestedSlot) {

    public NewCallback {
        requireText(service, "service", 64);
        requireText(number, "number", 20);
        if (!number.startsWith("+")) {
            throw new IllegalArgumentException("number must be E.164 (+...)");
        }
        requireText(callingLine, "callingLine", 80);
        requireText(language, "language", 16);
        virtualArrival = Objects.requireNonNull(virtualArrival, "virtualArrival").truncatedTo(ChronoUnit.MILLIS);
        ivrContext = Map.copyOf(ivrContext);
        Objects.requireNonNull(origin, "origin");
        requestedSlot = requestedSlot.map(slot -> slot.truncatedTo(ChronoUnit.MILLIS));
    }

    /** When the first attempt is due: the requested slot, or at once (the queue decides the real turn). */
    public Instant firstAttemptDue() {
        return requestedSlot.orElse(virtualArrival);
    }

    static void requireText(String value, String name, int maxLength) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.length() > maxLength) {
            throw new IllegalArgumentException(name + " must be 1 to " + maxLength + " characters, not blank");
        }
    }
}
