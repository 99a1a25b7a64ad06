package org.rappel.queue;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * An agent as configured: who, where to ring them, what they can handle.
 *
 * @param id         the agent's id, as used in commands (login, pause...)
 * @param dialString what the call path dials to reach the agent, e.g. {@code PJSIP/agent101}
 * @param skills     service name to skill level; higher is more skilled. An agent only gets contacts of these
 *                   services; the level decides between agents available since the same moment
 * @param wrapUp     time after each call before the agent gets the next one
 */
public record AgentConfig(String id, String dialString, Map<String, Integer> skills, Duration wrapUp) {

    public AgentConfig {
        Contact.requireName(id, "id");
        Contact.requireName(dialString, "dialString");
        skills = Map.copyOf(skills);
        if (skills.isEmpty()) {
            throw new IllegalArgumentException("agent " + id + ": no skill");
        }
        skills.forEach((service, level) -> {
            if (level < 0) {
                throw new IllegalArgumentException("agent " + id + ": skill level of " + service + " is negative");
            }
        });
        Objects.requireNonNull(wrapUp, "wrapUp");
        if (wrapUp.isNegative()) {
            throw new IllegalArgumentException("agent " + id + ": negative wrap-up time");
        }
    }

    /** This agent's level for a service, or -1 if not skilled for it. */
    int level(String service) {
        return skills.getOrDefault(service, -1);
    }
}
