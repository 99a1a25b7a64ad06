package org.rappel.queue;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contact center's state and rules, as a plain single-threaded class: queues, agents, and the matching of the
 * two. {@link ContactCenter} runs it on its owner thread; tests drive it directly with a fake clock and scheduler.
 * The rules are stated in {@link ContactCenter}'s class comment; agents' own transitions are in
 * {@link AgentLifecycle}.
 *
 * <p>Invariant, true after every command: no {@link AgentState#AVAILABLE} agent is skilled for a service with a
 * waiting contact (it would have been given one). So a command needs to look for a match only where it changed
 * something: a contact entering a service ({@link #dispatchService}) or an agent becoming available
 * ({@link #dispatchAgent}); it never scans all agents or all services.
 *
 * <p>Assignments are queued while a command changes the state and handed to the listener at its end, so the
 * listener always sees a consistent state, and a listener that throws turns into an ordinary failed offer.
 *
 * <p>Owner: not thread-safe. Every method, the scheduler's tasks included, runs on one thread.
 */
final class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final ServiceQueues queues;
    private final AgentRoster roster;
    /** Contacts offered to or connected with an agent, by contact id. */
    private final Map<String, Agent> withAgent = new HashMap<>();
    private final AgentLifecycle agents;
    private final Clock clock;
    private final QueueMetrics metrics;
    private final AssignmentListener listener;
    private final Deque<Assignment> undelivered = new ArrayDeque<>();
    private boolean delivering;

    Dispatcher(List<ServiceConfig> serviceConfigs, List<AgentConfig> agentConfigs, Clock clock, Scheduler scheduler,
               MeterRegistry registry, AssignmentListener listener) {
        this.clock = clock;
        this.listener = listener;
        this.queues = new ServiceQueues(serviceConfigs);
        this.metrics = new QueueMetrics(registry, queues.serviceNames());
        this.roster = new AgentRoster(agentConfigs, queues.serviceNames(), metrics, clock.instant());
        // a wrap-up ending is a command of its own: its assignments are delivered when it is done
        Scheduler delivering = (delay, task) -> scheduler.schedule(delay, () -> {
            task.run();
            deliver();
        });
        this.agents = new AgentLifecycle(roster, clock, delivering, this::dispatchAgent);
    }

    // ---- contacts

    ContactStatus enqueue(Contact contact) {
        if (withAgent.containsKey(contact.id())) {
            throw new ContactCenterException.DuplicateContact(contact.id());
        }
        queues.enqueue(contact, clock.instant());
        metrics.enqueued(contact.service());
        metrics.waiting(contact.service(), queues.size(contact.service()));
        dispatchService(contact.service());
        deliver();
        return status(contact.id());
    }

    Contact remove(String contactId, RemovalReason reason) {
        Optional<QueuedContact> waiting = queues.find(contactId);
        Contact contact;
        if (waiting.isPresent()) {
            contact = queues.remove(contactId).contact;
            metrics.waiting(contact.service(), queues.size(contact.service()));
        } else {
            Agent agent = agentWith(contactId);
            if (agent.state == AgentState.ON_CALL) {
                throw new ContactCenterException.ContactStateConflict(contactId,
                        "is connected to agent " + agent.id() + ": report the end of the call instead");
            }
            contact = agent.contact.contact;
            withAgent.remove(contactId);
            log.debug("Contact {} left while offered to agent {}", contactId, agent.id());
            agents.offerWithdrawn(agent);
        }
        if (reason == RemovalReason.ABANDONED) {
            metrics.abandoned(contact.service());
        }
        deliver();
        return contact;
    }

    ContactStatus status(String contactId) {
        Optional<QueuedContact> waiting = queues.find(contactId);
        if (waiting.isPresent()) {
            Contact contact = waiting.get().contact;
            return new ContactStatus.Waiting(contact, queues.position(contactId), queues.size(contact.service()));
        }
        Agent agent = agentWith(contactId);
        return agent.state == AgentState.ON_CALL
                ? new ContactStatus.Connected(agent.contact.contact, agent.id())
                : new ContactStatus.Offered(agent.contact.contact, agent.id());
    }

    ContactStatus move(String contactId, String service) {
        queues.requireService(service);
        String from = waitingNode(contactId).contact.service();
        queues.move(contactId, service);
        metrics.waiting(from, queues.size(from));
        metrics.enqueued(service);
        metrics.waiting(service, queues.size(service));
        dispatchService(service);
        deliver();
        return status(contactId);
    }

    ContactStatus changePriority(String contactId, int priorityClass) {
        QueuedContact node = waitingNode(contactId);
        queues.changePriority(contactId, priorityClass);
        dispatchService(node.contact.service());
        deliver();
        return status(contactId);
    }

    int size(String service) {
        return queues.size(service);
    }

    Optional<Contact> nextContactFor(String agentId) {
        Agent agent = roster.get(agentId);
        return queues.peekFor(agent.config.skills(), clock.instant()).map(node -> node.contact);
    }

    QueueSnapshot snapshot() {
        List<ServiceView> services = new ArrayList<>();
        for (ServiceConfig config : queues.configs()) {
            List<QueuedContact> line = queues.waitingIn(config.name());
            List<WaitingContact> waiting = new ArrayList<>(line.size());
            for (int i = 0; i < line.size(); i++) {
                waiting.add(new WaitingContact(line.get(i).contact, i + 1, line.get(i).enqueuedAt));
            }
            services.add(new ServiceView(config, waiting));
        }
        return new QueueSnapshot(clock.instant(), services, roster.all().stream().map(Agent::view).toList());
    }

    // ---- agents

    AgentView agent(String agentId) {
        return roster.get(agentId).view();
    }

    AgentView login(String agentId) {
        Agent agent = roster.get(agentId);
        agents.login(agent);
        deliver();
        return agent.view();
    }

    AgentView logout(String agentId) {
        Agent agent = roster.get(agentId);
        agents.logout(agent);
        return agent.view();
    }

    AgentView pause(String agentId, String reason) {
        Contact.requireName(reason, "reason");
        Agent agent = roster.get(agentId);
        agents.pause(agent, reason);
        return agent.view();
    }

    AgentView unpause(String agentId) {
        Agent agent = roster.get(agentId);
        agents.unpause(agent);
        deliver();
        return agent.view();
    }

    // ---- outcomes reported by the call path

    AgentView connected(String contactId) {
        Agent agent = agentWith(contactId);
        if (agent.state == AgentState.RESERVED) {
            agents.connect(agent);
            QueuedContact node = agent.contact;
            metrics.waited(node.contact.service(), Duration.between(node.enqueuedAt, clock.instant()));
        }
        return agent.view();
    }

    ContactStatus offerFailed(String contactId, OfferOutcome outcome) {
        Agent agent = agentWith(contactId);
        if (agent.state != AgentState.RESERVED) {
            throw new ContactCenterException.ContactStateConflict(contactId,
                    "is connected to agent " + agent.id() + ": the offer did not fail");
        }
        QueuedContact node = agent.contact;
        withAgent.remove(contactId);
        agents.offerFailed(agent, outcome);
        queues.putBack(node);
        metrics.waiting(node.contact.service(), queues.size(node.contact.service()));
        log.info("Agent {} did not take contact {} ({}): contact back in place, agent {}",
                agent.id(), contactId, outcome, agent.state);
        dispatchService(node.contact.service());
        deliver();
        return status(contactId);
    }

    AgentView callEnded(String contactId) {
        Agent agent = agentWith(contactId);
        if (agent.state != AgentState.ON_CALL) {
            throw new ContactCenterException.ContactStateConflict(contactId,
                    "was never connected to agent " + agent.id() + ": report the failed offer or the removal instead");
        }
        withAgent.remove(contactId);
        agents.callEnded(agent);
        deliver();
        return agent.view();
    }

    // ---- matching

    /** Offers the contacts of a service to its available agents, longest available first, while both remain. */
    private void dispatchService(String service) {
        while (queues.head(service) != null) {
            Agent agent = roster.longestAvailable(service);
            if (agent == null) {
                return;
            }
            offer(agent, queues.popFor(agent.config.skills(), clock.instant()).orElseThrow());
        }
    }

    /** Gives a newly available agent its next contact, if one waits in its services. */
    private void dispatchAgent(Agent agent) {
        queues.popFor(agent.config.skills(), clock.instant()).ifPresent(node -> offer(agent, node));
    }

    private void offer(Agent agent, QueuedContact node) {
        String service = node.contact.service();
        agents.reserve(agent, node);
        withAgent.put(node.contact.id(), agent);
        metrics.dispatched(service);
        metrics.waiting(service, queues.size(service));
        log.debug("Contact {} of {} offered to agent {}", node.contact.id(), service, agent.id());
        undelivered.add(new Assignment(node.contact, agent.id(), agent.config.dialString(), clock.instant()));
    }

    /** Hands the queued assignments to the listener; a listener failure fails that offer (and may queue more). */
    private void deliver() {
        if (delivering) {
            return;
        }
        delivering = true;
        try {
            Assignment assignment;
            while ((assignment = undelivered.poll()) != null) {
                try {
                    listener.assigned(assignment);
                } catch (RuntimeException e) {
                    log.warn("Assignment listener failed for contact {} and agent {}",
                            assignment.contact().id(), assignment.agentId(), e);
                    Agent agent = withAgent.get(assignment.contact().id());
                    if (agent != null && agent.id().equals(assignment.agentId()) && agent.state == AgentState.RESERVED) {
                        offerFailed(assignment.contact().id(), OfferOutcome.UNAVAILABLE);
                    }
                }
            }
        } finally {
            delivering = false;
        }
    }

    private Agent agentWith(String contactId) {
        Agent agent = withAgent.get(contactId);
        if (agent == null) {
            if (queues.find(contactId).isPresent()) {
                throw new ContactCenterException.ContactStateConflict(contactId, "is waiting, not with an agent");
            }
            throw new ContactCenterException.UnknownContact(contactId);
        }
        return agent;
    }

    private QueuedContact waitingNode(String contactId) {
        return queues.find(contactId).orElseThrow(() -> withAgent.containsKey(contactId)
                ? new ContactCenterException.ContactStateConflict(contactId, "is with an agent, no longer waiting")
                : new ContactCenterException.UnknownContact(contactId));
    }

    /** For tests: the structures agree, and no available agent is left while a contact waits in its services. */
    void checkInvariants() {
        queues.checkInvariants();
        roster.checkInvariants();
        Instant now = clock.instant();
        for (Agent agent : roster.all()) {
            if (agent.state == AgentState.AVAILABLE && queues.peekFor(agent.config.skills(), now).isPresent()) {
                throw new AssertionError("agent " + agent.id() + " available while a contact waits for it");
            }
            AgentLifecycle.checkInvariants(agent);
            if (agent.contact != null && withAgent.get(agent.contact.contact.id()) != agent) {
                throw new AssertionError("agent " + agent.id() + " " + agent.state + " with contact " + agent.contact);
            }
        }
        long busyAgents = roster.all().stream().filter(a -> a.contact != null).count();
        if (busyAgents != withAgent.size()) {
            throw new AssertionError(withAgent.size() + " contacts with agents, " + busyAgents + " agents busy");
        }
        if (!undelivered.isEmpty()) {
            throw new AssertionError("undelivered assignments: " + undelivered);
        }
    }
}
