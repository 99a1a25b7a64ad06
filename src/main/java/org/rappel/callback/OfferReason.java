package org.rappel.callback;

/** Why a caller entering a queue is offered a callback, or {@link #NONE}. */
public enum OfferReason {
    /** Short wait, normal mode, open: the caller holds; a key on hold can still ask for a callback. */
    NONE,
    /** The estimated wait is above the service's callback threshold (or the estimate is unreliable). */
    LONG_WAIT,
    /** A supervisor switched the service to surge mode. */
    SURGE,
    /** The service is closed now: the callback is for a slot when it opens (the next open day). */
    CLOSED
}
