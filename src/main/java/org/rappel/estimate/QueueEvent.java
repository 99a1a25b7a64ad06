package org.rappel.estimate;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the queue tells the estimators, one fact at a time, in the order it happened. The queue's owner thread
 * sends them; {@code at} is the queue's clock, never read inside the estimators.
 *
 * <p>{@code contactId} is the queue's own identifier of a contact (a uniqueid or callback id), opaque here.
 * A caller who switches to a callback keeping its place has not left the line: send nothing until the
 * callback reaches an agent ({@link ServiceStarted}) or is given up ({@link ContactAbandoned}). Every contact
 * entered must eventually be reported as started or abandoned, or the estimators keep it in line.
 */
public sealed interface QueueEvent {

    String service();

    Instant at();

    /** A contact joined the service's line with this priority (higher is served first). */
    record ContactEntered(String service, String contactId, int priority, Instant at) implements QueueEvent {
        public ContactEntered {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(contactId, "contactId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A waiting contact left before reaching an agent (hung up, or switched away). */
    record ContactAbandoned(String service, String contactId, Instant at) implements QueueEvent {
        public ContactAbandoned {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(contactId, "contactId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A waiting contact reached an agent; its wait ends here. The agent may be unknown (replayed traces). */
    record ServiceStarted(String service, String contactId, Optional<String> agent, Instant at) implements QueueEvent {
        public ServiceStarted {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(contactId, "contactId");
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(at, "at");
        }
    }

    /** The agent finished with the contact (end of talk; wrap-up, if any, is not part of handling time here). */
    record ServiceEnded(String service, String contactId, Optional<String> agent, Instant at) implements QueueEvent {
        public ServiceEnded {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(contactId, "contactId");
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The number of agents logged in for the service (busy or free, not paused) is now {@code agentsLoggedIn}.
     * Send it when the service opens and on every change: without it estimators know only the busy agents.
     */
    record StaffingChanged(String service, int agentsLoggedIn, Instant at) implements QueueEvent {
        public StaffingChanged {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(at, "at");
            if (agentsLoggedIn < 0) {
                throw new IllegalArgumentException("agentsLoggedIn < 0: " + agentsLoggedIn);
            }
        }
    }
}
