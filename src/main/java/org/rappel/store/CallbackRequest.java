package org.rappel.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A stored callback promise: what the citizen asked for ({@link NewCallback}'s fields) plus the store's id,
 * state, attempt count, when the next attempt is due, and the claim (node and lease end) while a node holds it.
 */
public record CallbackRequest(UUID id, String service, String number, String callingLine, Instant virtualArrival,
        int priority, String language, Map<String, String> ivrContext, ChannelOrigin origin,
        Optional<Instant> requestedSlot, CallbackState state, int attempts, Instant nextAttemptAt,
        Optional<NodeId> claimedBy, Optional<Instant> leaseUntil) {

    public CallbackRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(callingLine, "callingLine");
        virtualArrival = virtualArrival.truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(language, "language");
        ivrContext = Map.copyOf(ivrContext);
        Objects.requireNonNull(origin, "origin");
        requestedSlot = requestedSlot.map(slot -> slot.truncatedTo(ChronoUnit.MILLIS));
        Objects.requireNonNull(state, "state");
        nextAttemptAt = nextAttemptAt.truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(claimedBy, "claimedBy");
        leaseUntil = leaseUntil.map(t -> t.truncatedTo(ChronoUnit.MILLIS));
    }
}
