package org.rappel.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One agent as configured under {@code agents:}.
 *
 * @param id         the agent's id
 * @param dialString what Rappel dials to ring the agent, e.g. {@code PJSIP/agent101}; the agent's channels are
 *                   recognised on AMI by this prefix ({@code PJSIP/agent101-0000002a})
 * @param skills     service name to skill level (higher is more skilled)
 * @param wrapUp     after-call time before the next contact
 * @param missedCallPause how long the agent is paused after letting a call ring out or being busy; zero: until
 *                   unpaused by hand
 * @param loggedIn   whether the agent is logged in (available) when the server starts
 */
public record AgentSettings(String id, String dialString, Map<String, Integer> skills, Duration wrapUp,
                            Duration missedCallPause, boolean loggedIn) {

    public AgentSettings {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dialString, "dialString");
        skills = Map.copyOf(skills);
        Objects.requireNonNull(wrapUp, "wrapUp");
        Objects.requireNonNull(missedCallPause, "missedCallPause");
    }
}
