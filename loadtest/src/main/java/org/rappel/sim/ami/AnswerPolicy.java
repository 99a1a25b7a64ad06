package org.rappel.sim.ami;

import java.util.random.RandomGenerator;

/**
 * Decides how a simulated citizen or agent treats a call Asterisk places to them. Called on the simulator's event
 * loop with its seeded random source, so a run with the same seed and the same actions gives the same outcomes.
 */
@FunctionalInterface
public interface AnswerPolicy {

    /**
     * @param channel the Originate {@code Channel}, e.g. {@code Local/0612345678@citizens}
     * @param random  the simulator's seeded random source
     */
    AnswerOutcome decide(String channel, RandomGenerator random);
}
