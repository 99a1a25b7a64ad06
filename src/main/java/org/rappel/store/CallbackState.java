package org.rappel.store;

/**
 * Where a callback promise stands. {@code PENDING}, {@code CLAIMED} and {@code DIALING} are the active states:
 * the promise is not yet kept, and there is at most one active callback per number and service. The other three
 * are final.
 */
public enum CallbackState {
    /** Waiting for its turn (or for its next attempt after a no-answer). */
    PENDING,
    /** Taken by one node, under a lease, to be dialed soon. */
    CLAIMED,
    /** The Originate is under way on the claiming node. */
    DIALING,
    /** The citizen was reached. */
    DONE,
    /** Given up after the retry policy ran out, or refused for good. */
    FAILED,
    /** Withdrawn by the citizen or a supervisor. */
    CANCELLED;

    public boolean isActive() {
        return this == PENDING || this == CLAIMED || this == DIALING;
    }
}
