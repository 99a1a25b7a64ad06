package org.rappel.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The agent state machine: log in and out, pause, reservation, call, wrap-up.
 *
 * <pre>
 * LOGGED_OUT --login--> AVAILABLE --offer--> RESERVED --connected--> ON_CALL --callEnded--> WRAP_UP --time--> AVAILABLE
 *                       AVAILABLE/WRAP_UP --pause--> PAUSED --unpause--> AVAILABLE
 *                       RESERVED --offer failed--> PAUSED (reason: the outcome) --missed-offer pause--> AVAILABLE
 *                       RESERVED --contact left--> AVAILABLE (keeping its place among available agents)
 *                       any logged-in state but RESERVED/ON_CALL --logout--> LOGGED_OUT
 * </pre>
 * A pause or logout asked while RESERVED or ON_CALL is kept in {@link Agent#afterCall} and applied when the call
 * is over (a pause after wrap-up, a logout at once). Each time an agent becomes available, {@code becameAvailable}
 * is told so that the dispatcher can give it its next contact.
 *
 * <p>Owner: the thread that owns the {@link Dispatcher}; the wrap-up timers run there too.
 */
final class AgentLifecycle {

    private final AgentRoster roster;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Consumer<Agent> becameAvailable;

    AgentLifecycle(AgentRoster roster, Clock clock, Scheduler scheduler, Consumer<Agent> becameAvailable) {
        this.roster = roster;
        this.clock = clock;
        this.scheduler = scheduler;
        this.becameAvailable = becameAvailable;
    }

    void login(Agent agent) {
        switch (agent.state) {
            case LOGGED_OUT -> makeAvailable(agent, clock.instant());
            case RESERVED, ON_CALL -> {
                if (agent.afterCall == AgentView.AfterCall.LOG_OUT) {
                    agent.afterCall = AgentView.AfterCall.NONE;
                }
            }
            default -> {
                // already logged in
            }
        }
    }

    void logout(Agent agent) {
        switch (agent.state) {
            case AVAILABLE, PAUSED, WRAP_UP -> {
                cancelWrapUp(agent);
                agent.afterCall = AgentView.AfterCall.NONE; // a pause asked during the call is void now
                roster.enter(agent, AgentState.LOGGED_OUT, clock.instant());
            }
            case RESERVED, ON_CALL -> agent.afterCall = AgentView.AfterCall.LOG_OUT;
            case LOGGED_OUT -> {
                // already out
            }
        }
    }

    void pause(Agent agent, String reason) {
        switch (agent.state) {
            case LOGGED_OUT -> throw new ContactCenterException.IllegalAgentState(agent.id(), agent.state, "pause");
            case AVAILABLE, PAUSED, WRAP_UP -> {
                cancelWrapUp(agent);
                agent.afterCall = AgentView.AfterCall.NONE; // paused now, nothing left to apply after the call
                pauseNow(agent, reason);
            }
            case RESERVED, ON_CALL -> {
                agent.afterCall = AgentView.AfterCall.PAUSE;
                agent.afterCallPauseReason = reason;
            }
        }
    }

    void unpause(Agent agent) {
        switch (agent.state) {
            case LOGGED_OUT -> throw new ContactCenterException.IllegalAgentState(agent.id(), agent.state, "unpause");
            case PAUSED -> makeAvailable(agent, clock.instant());
            case RESERVED, ON_CALL -> {
                if (agent.afterCall == AgentView.AfterCall.PAUSE) {
                    agent.afterCall = AgentView.AfterCall.NONE;
                }
            }
            default -> {
                // not paused
            }
        }
    }

    /** AVAILABLE to RESERVED for a contact. */
    void reserve(Agent agent, QueuedContact contact) {
        roster.enter(agent, AgentState.RESERVED, clock.instant());
        agent.contact = contact;
    }

    /** RESERVED to ON_CALL. */
    void connect(Agent agent) {
        roster.enter(agent, AgentState.ON_CALL, clock.instant());
    }

    /** The contact left while the agent was reserved for it: back to available, with its old place. */
    void offerWithdrawn(Agent agent) {
        agent.contact = null;
        if (!applyAfterCall(agent)) {
            roster.makeAvailable(agent, agent.availableSince, clock.instant());
            becameAvailable.accept(agent);
        }
    }

    /** The agent did not take the contact: paused, with the outcome as reason (or what it asked meanwhile). */
    void offerFailed(Agent agent, OfferOutcome outcome) {
        agent.contact = null;
        if (!applyAfterCall(agent)) {
            pauseNow(agent, outcome.pauseReason());
            Duration pause = agent.config.missedOfferPause();
            if (!pause.isZero()) {
                long thisPause = agent.pauses;
                scheduler.schedule(pause, () -> missedOfferPauseElapsed(agent, thisPause));
            }
        }
    }

    private void missedOfferPauseElapsed(Agent agent, long pause) {
        if (agent.state == AgentState.PAUSED && agent.pauses == pause) {
            makeAvailable(agent, clock.instant());
        } // else unpaused, paused again or logged out since: a stale timer
    }

    /** ON_CALL to WRAP_UP, or to LOGGED_OUT if asked during the call. */
    void callEnded(Agent agent) {
        agent.contact = null;
        if (agent.afterCall == AgentView.AfterCall.LOG_OUT) {
            agent.afterCall = AgentView.AfterCall.NONE;
            roster.enter(agent, AgentState.LOGGED_OUT, clock.instant());
            return;
        }
        roster.enter(agent, AgentState.WRAP_UP, clock.instant());
        long wrapUp = ++agent.wrapUps;
        if (agent.config.wrapUp().isZero()) {
            endWrapUp(agent);
        } else {
            agent.wrapUpEnd = scheduler.schedule(agent.config.wrapUp(), () -> wrapUpElapsed(agent, wrapUp));
        }
    }

    /** Applies a pause or logout asked while busy; false if none was asked. */
    private boolean applyAfterCall(Agent agent) {
        AgentView.AfterCall asked = agent.afterCall;
        agent.afterCall = AgentView.AfterCall.NONE;
        switch (asked) {
            case LOG_OUT -> roster.enter(agent, AgentState.LOGGED_OUT, clock.instant());
            case PAUSE -> pauseNow(agent, agent.afterCallPauseReason);
            case NONE -> {
                return false;
            }
        }
        return true;
    }

    private void wrapUpElapsed(Agent agent, long wrapUp) {
        if (agent.state == AgentState.WRAP_UP && agent.wrapUps == wrapUp) {
            endWrapUp(agent);
        } // else paused or logged out during wrap-up: a stale timer
    }

    private void endWrapUp(Agent agent) {
        agent.wrapUpEnd = null;
        if (agent.afterCall == AgentView.AfterCall.PAUSE) {
            agent.afterCall = AgentView.AfterCall.NONE;
            pauseNow(agent, agent.afterCallPauseReason);
        } else {
            makeAvailable(agent, clock.instant());
        }
    }

    private void cancelWrapUp(Agent agent) {
        if (agent.wrapUpEnd != null) {
            agent.wrapUpEnd.cancel();
            agent.wrapUpEnd = null;
        }
        agent.wrapUps++;
    }

    private void pauseNow(Agent agent, String reason) {
        agent.pauses++;
        roster.enter(agent, AgentState.PAUSED, clock.instant());
        agent.pauseReason = reason;
    }

    private void makeAvailable(Agent agent, Instant now) {
        roster.makeAvailable(agent, now, now);
        becameAvailable.accept(agent);
    }

    /** For tests: a pending request only while busy or wrapping up. */
    static void checkInvariants(Agent agent) {
        boolean busy = agent.state == AgentState.RESERVED || agent.state == AgentState.ON_CALL;
        if (agent.afterCall != AgentView.AfterCall.NONE && !busy && agent.state != AgentState.WRAP_UP) {
            throw new AssertionError("agent " + agent.id() + " " + agent.state + " still to apply " + agent.afterCall);
        }
        if (busy != (agent.contact != null)) {
            throw new AssertionError("agent " + agent.id() + " " + agent.state + " with contact " + agent.contact);
        }
    }
}
