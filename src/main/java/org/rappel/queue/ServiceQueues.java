package org.rappel.queue;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The waiting contacts of every service: one {@link WaitingLine} per service and an index from contact id to
 * its node, so that remove, position, move and priority changes are O(log n).
 *
 * <p>Next contact for an agent ({@link #peekFor}), among the heads of the agent's services' lines:
 * <ol>
 *   <li>the higher priority class;</li>
 *   <li>then the longer <em>weighted wait</em>: time since virtual arrival times the service's weight (with all
 *       weights equal, the earlier virtual arrival);</li>
 *   <li>then the service where the agent has the higher skill level;</li>
 *   <li>then the lower sequence number (enqueued first).</li>
 * </ol>
 * Only heads compete: within a service, order is never overridden.
 *
 * <p>Every command checks its arguments before changing anything, so a refused command (a
 * {@link ContactCenterException}) leaves the queues as they were.
 *
 * <p>Owner: not thread-safe; used only by the thread that owns the {@link Dispatcher}.
 */
final class ServiceQueues {

    private record Service(ServiceConfig config, WaitingLine line) {
    }

    private final Map<String, Service> services = new LinkedHashMap<>();
    /** The values of {@link #services}, in the same order: walked on every dispatch without an iterator. */
    private final Service[] serviceArray;
    private final ContactIndex waiting = new ContactIndex();
    private long nextSequence;

    ServiceQueues(Collection<ServiceConfig> configs) {
        for (ServiceConfig config : configs) {
            if (services.putIfAbsent(config.name(), new Service(config, new WaitingLine())) != null) {
                throw new IllegalArgumentException("service " + config.name() + " configured twice");
            }
        }
        serviceArray = services.values().toArray(new Service[0]);
    }

    Collection<String> serviceNames() {
        return Collections.unmodifiableSet(services.keySet());
    }

    List<ServiceConfig> configs() {
        return services.values().stream().map(Service::config).toList();
    }

    void requireService(String service) {
        if (!services.containsKey(service)) {
            throw new ContactCenterException.UnknownService(service);
        }
    }

    /** Adds a new contact behind those of its priority class that arrived (virtually) before or with it. */
    QueuedContact enqueue(Contact contact, Instant now) {
        Service service = service(contact.service());
        if (waiting.get(contact.id()) != null) {
            throw new ContactCenterException.DuplicateContact(contact.id());
        }
        QueuedContact node = new QueuedContact(contact, nextSequence++, now);
        service.line.insert(node);
        waiting.add(node);
        return node;
    }

    /** Puts back a contact taken out by {@link #remove} or {@link #peekFor}: same key, so the same place. */
    void putBack(QueuedContact node) {
        Service service = service(node.contact.service());
        if (waiting.get(node.contact.id()) != null) {
            throw new ContactCenterException.DuplicateContact(node.contact.id());
        }
        service.line.insert(node);
        waiting.add(node);
    }

    Optional<QueuedContact> find(String contactId) {
        return Optional.ofNullable(waiting.get(contactId));
    }

    QueuedContact remove(String contactId) {
        QueuedContact node = node(contactId);
        take(node);
        return node;
    }

    /** 1-based position within the contact's service. */
    int position(String contactId) {
        QueuedContact node = node(contactId);
        return node.line.position(node);
    }

    /** Takes a waiting node out of its line and the index. */
    private void take(QueuedContact node) {
        node.line.remove(node);
        waiting.remove(node);
    }

    /** Moves a contact to another service, keeping priority class and virtual arrival (so its fair place there). */
    QueuedContact move(String contactId, String newService) {
        Service target = service(newService);
        QueuedContact node = node(contactId);
        services.get(node.contact.service()).line.remove(node);
        node.setContact(node.contact.withService(newService));
        target.line.insert(node);
        return node;
    }

    /** Changes a contact's priority class, keeping its virtual arrival. */
    QueuedContact changePriority(String contactId, int priorityClass) {
        QueuedContact node = node(contactId);
        WaitingLine line = services.get(node.contact.service()).line;
        line.remove(node);
        node.setContact(node.contact.withPriorityClass(priorityClass));
        line.insert(node);
        return node;
    }

    int size(String service) {
        return service(service).line.size();
    }

    int totalWaiting() {
        return waiting.size();
    }

    /** The first contact of a service, or null; takes nothing. */
    QueuedContact head(String service) {
        return service(service).line.first();
    }

    /**
     * The contact an agent with these skills would get next (rule in the class comment), or empty; takes nothing.
     * Services not configured are ignored.
     */
    Optional<QueuedContact> peekFor(Map<String, Integer> skills, Instant now) {
        return Optional.ofNullable(nextFor(skills, now));
    }

    /**
     * {@link #peekFor}, or null. Walks the configured services (a handful) and asks the skills map only for those
     * with someone waiting: iterating the skills map would allocate its entries (an immutable map makes them on
     * demand) on every dispatch. The walk's order does not matter: the rule is a total order.
     */
    private QueuedContact nextFor(Map<String, Integer> skills, Instant now) {
        QueuedContact best = null;
        double bestWeightedWait = 0;
        int bestLevel = 0;
        for (Service service : serviceArray) {
            QueuedContact head = service.line.first();
            if (head == null) {
                continue;
            }
            Integer skill = skills.get(service.config.name());
            if (skill == null) {
                continue;
            }
            double weightedWait = secondsSince(head, now) * service.config.weight();
            int level = skill;
            if (best == null || isBefore(head, weightedWait, level, best, bestWeightedWait, bestLevel)) {
                best = head;
                bestWeightedWait = weightedWait;
                bestLevel = level;
            }
        }
        return best;
    }

    /** Takes out and returns what {@link #peekFor} would return. */
    Optional<QueuedContact> popFor(Map<String, Integer> skills, Instant now) {
        QueuedContact next = nextFor(skills, now);
        if (next != null) {
            take(next);
        }
        return Optional.ofNullable(next);
    }

    /** The contacts of a service in service order. */
    List<QueuedContact> waitingIn(String service) {
        return service(service).line.toList();
    }

    private static boolean isBefore(QueuedContact a, double aWait, int aLevel,
                                    QueuedContact b, double bWait, int bLevel) {
        if (a.priorityClass != b.priorityClass) {
            return a.priorityClass > b.priorityClass;
        }
        if (aWait != bWait) {
            return aWait > bWait;
        }
        if (aLevel != bLevel) {
            return aLevel > bLevel;
        }
        return a.sequence < b.sequence;
    }

    /** Since the contact's virtual arrival, read from the node's key copy: no trip to the contact and its Instant. */
    private static double secondsSince(QueuedContact node, Instant now) {
        return (now.getEpochSecond() - node.arrivalSecond) + (now.getNano() - node.arrivalNano) / 1e9;
    }

    private Service service(String name) {
        Service service = services.get(name);
        if (service == null) {
            throw new ContactCenterException.UnknownService(name);
        }
        return service;
    }

    private QueuedContact node(String contactId) {
        QueuedContact node = waiting.get(contactId);
        if (node == null) {
            throw new ContactCenterException.UnknownContact(contactId);
        }
        return node;
    }

    /** For tests: every line's invariants, and the index agrees with the lines. */
    void checkInvariants() {
        int total = 0;
        for (Service service : services.values()) {
            service.line.checkInvariants();
            for (QueuedContact node : service.line.toList()) {
                if (waiting.get(node.contact.id()) != node || !node.contact.service().equals(service.config.name())) {
                    throw new AssertionError(node + " misfiled");
                }
                total++;
            }
        }
        if (total != waiting.size()) {
            throw new AssertionError("index holds " + waiting.size() + " contacts, lines " + total);
        }
        waiting.checkInvariants();
    }
}
