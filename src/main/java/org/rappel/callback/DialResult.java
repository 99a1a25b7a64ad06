package org.rappel.callback;

import java.time.Instant;
import java.util.Objects;
import org.rappel.ami.OriginateReason;
import org.rappel.store.AttemptRecorded;
import org.rappel.store.Disposition;

/** How one {@link CallbackDialer#dial} ended. */
public sealed interface DialResult {

    /**
     * A call was placed (or its outcome is unknown, the AMI link having dropped) and the attempt is recorded with
     * what becomes of the callback.
     */
    record Attempted(AttemptRecorded recorded, Disposition next) implements DialResult {
        public Attempted {
            Objects.requireNonNull(recorded, "recorded");
            Objects.requireNonNull(next, "next");
        }
    }

    /** Not dialed: outside calling hours. The claim was given back; the window opens again at {@code nextOpen}. */
    record OutsideCallingHours(Instant nextOpen) implements DialResult {
        public OutsideCallingHours {
            Objects.requireNonNull(nextOpen, "nextOpen");
        }
    }

    /** Not dialed: the AMI link is down. The claim was given back, no attempt counted. */
    record AmiUnavailable() implements DialResult {
    }

    /**
     * Agent-first: the reserved agent answered the Originate ({@code started}: when it went out); the callback
     * script now dials the citizen from the agent's channel and reports the outcome ({@link
     * CallbackDialer#recordOutcome}).
     */
    record AgentAnswered(Instant started) implements DialResult {
        public AgentAnswered {
            Objects.requireNonNull(started, "started");
        }
    }

    /**
     * Agent-first: the agent's phone did not answer ({@code reason}); the citizen was not called, so the claim was
     * given back and no attempt counted.
     */
    record AgentMissed(OriginateReason reason) implements DialResult {
        public AgentMissed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * This node does not (or no longer) hold the claim: lease ended, cancelled meanwhile, never claimed. Nothing was
     * dialed when it is found before the Originate; otherwise the attempt could not be recorded.
     */
    record ClaimLost(boolean dialed) implements DialResult {
    }
}
