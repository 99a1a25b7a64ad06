package org.rappel.queue;

/**
 * A command the contact center refused; when it is thrown nothing was changed.
 *
 * <p>One subclass per cause, so the caller (an AGI session, the REST API) can answer each in its own words:
 * the REST API maps {@link UnknownAgent}, {@link UnknownService} and {@link UnknownContact} to 404,
 * {@link DuplicateContact} and {@link IllegalAgentState}/{@link ContactStateConflict} to 409, {@link Overloaded}
 * to 503.
 */
public abstract sealed class ContactCenterException extends RuntimeException {

    private ContactCenterException(String message) {
        super(message, null, false, false);
    }

    /** No service of that name is configured. */
    public static final class UnknownService extends ContactCenterException {
        private final String service;

        public UnknownService(String service) {
            super("unknown service: " + service);
            this.service = service;
        }

        public String service() {
            return service;
        }
    }

    /** No agent of that id is configured. */
    public static final class UnknownAgent extends ContactCenterException {
        private final String agentId;

        public UnknownAgent(String agentId) {
            super("unknown agent: " + agentId);
            this.agentId = agentId;
        }

        public String agentId() {
            return agentId;
        }
    }

    /** No contact of that id is waiting or with an agent (it may have been served or abandoned already). */
    public static final class UnknownContact extends ContactCenterException {
        private final String contactId;

        public UnknownContact(String contactId) {
            super("unknown contact: " + contactId);
            this.contactId = contactId;
        }

        public String contactId() {
            return contactId;
        }
    }

    /** A contact of that id is already waiting or with an agent. */
    public static final class DuplicateContact extends ContactCenterException {
        private final String contactId;

        public DuplicateContact(String contactId) {
            super("contact already known: " + contactId);
            this.contactId = contactId;
        }

        public String contactId() {
            return contactId;
        }
    }

    /** The contact is known but not in the state the command needs (e.g. moving a contact already with an agent). */
    public static final class ContactStateConflict extends ContactCenterException {
        private final String contactId;

        public ContactStateConflict(String contactId, String why) {
            super("contact " + contactId + " " + why);
            this.contactId = contactId;
        }

        public String contactId() {
            return contactId;
        }
    }

    /**
     * Too many commands already wait for the owner thread: refused at once rather than queued without bound
     * (the caller answers as for a busy service; the IVR keeps the caller on hold and retries).
     */
    public static final class Overloaded extends ContactCenterException {
        public Overloaded(int maxPendingCommands) {
            super("contact center overloaded: " + maxPendingCommands + " commands pending");
        }
    }

    /** The agent is not in a state that allows the command (e.g. pausing a logged-out agent). */
    public static final class IllegalAgentState extends ContactCenterException {
        private final String agentId;
        private final AgentState state;

        public IllegalAgentState(String agentId, AgentState state, String command) {
            super("agent " + agentId + " is " + state + ": cannot " + command);
            this.agentId = agentId;
            this.state = state;
        }

        public String agentId() {
            return agentId;
        }

        public AgentState state() {
            return state;
        }
    }
}
