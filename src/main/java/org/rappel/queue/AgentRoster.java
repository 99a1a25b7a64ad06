package org.rappel.queue;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The configured agents, their states, and for each service the available agents skilled for it, longest
 * available first: earliest {@code availableSince}, then higher skill level in that service, then agent id.
 *
 * <p>Invariant: an agent is in the available set of each of its services exactly when its state is
 * {@link AgentState#AVAILABLE}; its {@code availableSince} does not change while it is there.
 *
 * <p>Owner: not thread-safe; used only by the thread that owns the {@link Dispatcher}.
 */
final class AgentRoster {

    private final Map<String, Agent> agents = new LinkedHashMap<>();
    private final Map<String, NavigableSet<Agent>> availableBySkill = new HashMap<>();
    private final QueueMetrics metrics;

    AgentRoster(List<AgentConfig> configs, Collection<String> services, QueueMetrics metrics, Instant now) {
        this.metrics = metrics;
        for (String service : services) {
            Comparator<Agent> longestAvailable = Comparator.<Agent, Instant>comparing(a -> a.availableSince)
                    .thenComparing(a -> a.config.level(service), Comparator.reverseOrder())
                    .thenComparing(Agent::id);
            availableBySkill.put(service, new TreeSet<>(longestAvailable));
        }
        for (AgentConfig config : configs) {
            for (String service : config.skills().keySet()) {
                if (!availableBySkill.containsKey(service)) {
                    throw new IllegalArgumentException("agent " + config.id() + ": skill for unknown service " + service);
                }
            }
            if (agents.putIfAbsent(config.id(), new Agent(config, now)) != null) {
                throw new IllegalArgumentException("agent " + config.id() + " configured twice");
            }
            metrics.agentState(null, AgentState.LOGGED_OUT);
        }
    }

    Agent get(String agentId) {
        Agent agent = agents.get(agentId);
        if (agent == null) {
            throw new ContactCenterException.UnknownAgent(agentId);
        }
        return agent;
    }

    Collection<Agent> all() {
        return Collections.unmodifiableCollection(agents.values());
    }

    /** The available agent skilled for a service who has been available the longest, or null. */
    Agent longestAvailable(String service) {
        NavigableSet<Agent> available = availableBySkill.get(service);
        return available == null || available.isEmpty() ? null : available.first();
    }

    /** Moves an agent to any state but {@link AgentState#AVAILABLE}. */
    void enter(Agent agent, AgentState state, Instant now) {
        if (state == AgentState.AVAILABLE) {
            throw new IllegalArgumentException("use makeAvailable");
        }
        leave(agent);
        change(agent, state, now);
    }

    /** Makes an agent available, ordered among the others by {@code availableSince}. */
    void makeAvailable(Agent agent, Instant availableSince, Instant now) {
        leave(agent);
        agent.availableSince = availableSince;
        change(agent, AgentState.AVAILABLE, now);
        for (String service : agent.config.skills().keySet()) {
            availableBySkill.get(service).add(agent);
        }
    }

    private void leave(Agent agent) {
        if (agent.state == AgentState.AVAILABLE) {
            for (String service : agent.config.skills().keySet()) {
                availableBySkill.get(service).remove(agent);
            }
        }
    }

    private void change(Agent agent, AgentState state, Instant now) {
        metrics.agentState(agent.state, state);
        agent.state = state;
        agent.since = now;
        if (state != AgentState.PAUSED) {
            agent.pauseReason = null;
        }
    }

    /** For tests. */
    void checkInvariants() {
        for (Map.Entry<String, NavigableSet<Agent>> entry : availableBySkill.entrySet()) {
            for (Agent agent : entry.getValue()) {
                if (agent.state != AgentState.AVAILABLE) {
                    throw new AssertionError(agent.id() + " indexed as available for " + entry.getKey() + " but " + agent.state);
                }
            }
        }
        for (Agent agent : agents.values()) {
            if (agent.state == AgentState.AVAILABLE) {
                for (String service : agent.config.skills().keySet()) {
                    if (!availableBySkill.get(service).contains(agent)) {
                        throw new AssertionError(agent.id() + " available but not indexed for " + service);
                    }
                }
            }
        }
    }
}
