package org.rappel.queue;

/** Where a contact stands, as the IVR announces it and the REST API shows it. */
public sealed interface ContactStatus {

    Contact contact();

    /**
     * In its service's queue.
     *
     * @param position         1-based place within the service (1: next to be served)
     * @param waitingInService contacts waiting for the service, this one included
     */
    record Waiting(Contact contact, int position, int waitingInService) implements ContactStatus {
    }

    /** Assigned to an agent, who is being rung (or the citizen, for a callback); not yet connected. */
    record Offered(Contact contact, String agentId) implements ContactStatus {
    }

    /** Talking with the agent. */
    record Connected(Contact contact, String agentId) implements ContactStatus {
    }
}
