package org.rappel.sim.ami;

import java.util.Map;
import java.util.Optional;

/**
 * Where a test harness joins the AMI side to the rest of the simulated Asterisk (the FastAGI side): a callback
 * answered into a context that runs {@code AGI()}, a Redirect of a channel that lives in the AGI simulator.
 * Called on the AMI simulator's event loop: post elsewhere, never block.
 */
public interface AmiSimulatorHooks {

    /** An originated call was answered; {@code channel} is the half that now runs the Originate's target. */
    default void answered(AnsweredCall call) {
    }

    /**
     * A Redirect of a channel the AMI side does not hold.
     *
     * @return true when the harness knows the channel (and moved it); false answers
     *         {@code Channel does not exist: …}
     */
    default boolean redirect(String channel, String context, String exten, int priority) {
        return false;
    }

    /**
     * @param actionId  the Originate's ActionID
     * @param channel   e.g. {@code Local/0612345678@citizens-00000003;1}
     * @param target    {@code Context}/{@code Exten} or {@code Application}/{@code Data}, as sent
     * @param variables the Originate's {@code Variable:} headers, set on the channel
     */
    record AnsweredCall(Optional<String> actionId, String channel, String uniqueid, Map<String, String> target,
                        Map<String, String> variables, String callerIdNum, String callerIdName) {
        public AnsweredCall {
            target = Map.copyOf(target);
            variables = Map.copyOf(variables);
        }
    }
}
