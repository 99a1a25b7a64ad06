package org.rappel.queue;

import java.time.Instant;
import java.util.Optional;

/**
 * An agent's run-time state. Changed only through {@link AgentRoster} (which keeps the index of available agents
 * and the state gauges right) and the {@link Dispatcher}.
 *
 * <p>Owner: the thread that owns the {@link Dispatcher}.
 */
final class Agent {

    final AgentConfig config;
    AgentState state = AgentState.LOGGED_OUT;
    Instant since;
    /** Orders the available agents: longest available first. Kept when an offer is withdrawn before ringing out. */
    Instant availableSince;
    /** While PAUSED. */
    String pauseReason;
    AgentView.AfterCall afterCall = AgentView.AfterCall.NONE;
    /** The pause reason asked while busy, with {@code afterCall == PAUSE}. */
    String afterCallPauseReason;
    /** While RESERVED or ON_CALL. */
    QueuedContact contact;
    /** While WRAP_UP. */
    Scheduler.Cancellable wrapUpEnd;
    /** Tells a stale wrap-up timer from the current one. */
    long wrapUps;
    /** Counts pauses, so that the timer ending a missed-call pause knows whether its pause still runs. */
    long pauses;

    Agent(AgentConfig config, Instant now) {
        this.config = config;
        this.since = now;
    }

    String id() {
        return config.id();
    }

    AgentView view() {
        return new AgentView(config.id(), state, since, Optional.ofNullable(pauseReason),
                Optional.ofNullable(contact).map(c -> c.contact.id()), afterCall);
    }
}
