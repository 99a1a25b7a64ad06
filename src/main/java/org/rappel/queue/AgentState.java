package org.rappel.queue;

/** Where an agent stands; only {@link #AVAILABLE} agents are offered contacts. */
public enum AgentState {
    /** Not working; gets no contact. */
    LOGGED_OUT,
    /** Logged in and idle, waiting for a contact. */
    AVAILABLE,
    /** A contact was assigned; the call path is ringing the agent (or the citizen, for a callback). */
    RESERVED,
    /** Talking with the contact. */
    ON_CALL,
    /** After-call work; becomes {@link #AVAILABLE} when the agent's wrap-up time has passed. */
    WRAP_UP,
    /** Logged in but taking no contact, with a reason (break, training, unanswered offer...). */
    PAUSED
}
