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
 * @param missedOfferPause how long an agent who let a call ring out (or was busy) stays paused before taking
 *                   calls again; zero keeps the pause until unpaused by hand, as Asterisk's autopause does
 */
public record AgentConfig(String id, String dialString, Map<String, Integer> skills, Duration wrapUp,
                          Duration missedOfferPause) {

    /** An agent back in service one minute after a missed call: no supervisor has to be watching. */
    public static final Duration DEFAULT_MISSED_OFFER_PAUSE = Duration.ofMinutes(1);

    public AgentConfig(String id, String dialString, Map<String, Integer> skills, Duration wrapUp) {
        this(id, dialString, skills, wrapUp, DEFAULT_MISSED_OFFER_PAUSE);
    }

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
        Objects.requireNonNull(missedOfferPause, "missedOfferPause");
        if (missedOfferPause.isNegative()) {
            throw new IllegalArgumentException("agent " + id + ": negative pause after a missed call");
        }
    }

    /** This agent's level for a service, or -1 if not skilled for it. */
    int level(String service) {
        return skills.getOrDefault(service, -1);
    }
}
