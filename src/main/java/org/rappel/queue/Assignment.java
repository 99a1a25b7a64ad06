package org.rappel.queue;

import java.time.Instant;

/**
 * A contact given to an agent, who is now {@link AgentState#RESERVED} for it: the call path dials
 * {@code dialString} (or originates the callback), then reports {@link ContactCenter#connected},
 * {@link ContactCenter#offerFailed} or, if the citizen left meanwhile, {@link ContactCenter#remove}.
 */
public record Assignment(Contact contact, String agentId, String dialString, Instant reservedAt) {
}
