package org.rappel.queue;

import java.time.Instant;
import java.util.Optional;

/**
 * An agent as seen from outside at one moment.
 *
 * @param since          when the agent entered {@code state}
 * @param pauseReason    while {@link AgentState#PAUSED}, why
 * @param contactId      while {@link AgentState#RESERVED} or {@link AgentState#ON_CALL}, the contact
 * @param afterCall      what the agent asked for while busy, applied when the current call is over
 */
public record AgentView(String id, AgentState state, Instant since, Optional<String> pauseReason,
                        Optional<String> contactId, AfterCall afterCall) {

    /** A request made while {@link AgentState#RESERVED} or {@link AgentState#ON_CALL}, applied when the call is over. */
    public enum AfterCall {
        /** Nothing asked: wrap-up, then available. */
        NONE,
        /** Wrap-up, then paused. */
        PAUSE,
        /** Logged out at once when the call is over, no wrap-up. */
        LOG_OUT
    }
}
