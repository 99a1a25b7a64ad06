package org.rappel.queue;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One citizen waiting for a service: a live caller on hold or a callback request.
 *
 * <p>Contacts of both kinds wait in the same order within a service: higher {@code priorityClass} first, then
 * earlier {@code virtualArrival}, then the order in which they were enqueued. The virtual arrival is the moment
 * the citizen's place was taken, not when this contact was created: a callback made from a call on hold carries
 * the call's arrival, so it keeps the caller's place.
 *
 * @param id             unique among the contacts currently known to the contact center (waiting or with an agent)
 * @param kind           live call or callback
 * @param service        the service (queue) the contact waits for
 * @param priorityClass  higher is served first; 0 is the ordinary class
 * @param virtualArrival the place in line within a priority class
 * @param context        opaque to the queue (language, caller's choice in the IVR, callback id...); never a phone
 *                       number the queue would log
 */
public record Contact(String id, ContactKind kind, String service, int priorityClass, Instant virtualArrival,
                      Map<String, String> context) {

    public Contact {
        requireName(id, "id");
        Objects.requireNonNull(kind, "kind");
        requireName(service, "service");
        Objects.requireNonNull(virtualArrival, "virtualArrival");
        context = Map.copyOf(context);
    }

    /** A contact of the ordinary priority class with no context. */
    public static Contact of(String id, ContactKind kind, String service, Instant virtualArrival) {
        return new Contact(id, kind, service, 0, virtualArrival, Map.of());
    }

    /** The same contact waiting for another service, keeping its priority class and virtual arrival. */
    public Contact withService(String newService) {
        return new Contact(id, kind, newService, priorityClass, virtualArrival, context);
    }

    /** The same contact in another priority class, keeping its virtual arrival. */
    public Contact withPriorityClass(int newPriorityClass) {
        return new Contact(id, kind, service, newPriorityClass, virtualArrival, context);
    }

    static void requireName(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
