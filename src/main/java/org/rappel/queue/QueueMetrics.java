package org.rappel.queue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The contact center's meters. Exported by Prometheus as:
 * <ul>
 *   <li>{@code rappel_queue_contacts_waiting{service}}: contacts in the queue now;</li>
 *   <li>{@code rappel_queue_contacts_enqueued_total{service}}: contacts entered (moves count in the new service);</li>
 *   <li>{@code rappel_queue_contacts_abandoned_total{service}}: contacts that left before being connected,
 *       waiting or ringing an agent (removal reason {@link RemovalReason#ABANDONED});</li>
 *   <li>{@code rappel_queue_contacts_dispatched_total{service}}: offers to an agent (a contact offered twice,
 *       after an unanswered offer, counts twice);</li>
 *   <li>{@code rappel_queue_wait_seconds{service}}: from first enqueue to connection with an agent;</li>
 *   <li>{@code rappel_agents{state}}: agents in each state now.</li>
 * </ul>
 *
 * <p>One contact center per registry: Micrometer hands a second registration of the same gauge the first one.
 *
 * <p>Owner: updated only by the owner thread of the {@link Dispatcher}; gauges read atomics, so a scrape from the
 * HTTP thread sees a recent value without taking a lock.
 */
final class QueueMetrics {

    private record ServiceMeters(AtomicInteger waiting, Counter enqueued, Counter abandoned, Counter dispatched,
                                 Timer waitTime) {
    }

    private final Map<String, ServiceMeters> services = new HashMap<>();
    private final Map<AgentState, AtomicInteger> agents = new EnumMap<>(AgentState.class);

    QueueMetrics(MeterRegistry registry, Collection<String> serviceNames) {
        for (String service : serviceNames) {
            AtomicInteger waiting = new AtomicInteger();
            Gauge.builder("rappel.queue.contacts.waiting", waiting, AtomicInteger::get)
                    .description("Contacts waiting in the service's queue")
                    .tag("service", service).strongReference(true).register(registry);
            services.put(service, new ServiceMeters(
                    waiting,
                    Counter.builder("rappel.queue.contacts.enqueued").description("Contacts entered the queue")
                            .tag("service", service).register(registry),
                    Counter.builder("rappel.queue.contacts.abandoned")
                            .description("Contacts that hung up or cancelled before being connected")
                            .tag("service", service).register(registry),
                    Counter.builder("rappel.queue.contacts.dispatched").description("Contacts offered to an agent")
                            .tag("service", service).register(registry),
                    Timer.builder("rappel.queue.wait").description("Wait from entering the queue to an agent connected")
                            .tag("service", service).register(registry)));
        }
        for (AgentState state : AgentState.values()) {
            AtomicInteger count = new AtomicInteger();
            Gauge.builder("rappel.agents", count, AtomicInteger::get).description("Agents in each state")
                    .tag("state", state.name().toLowerCase(java.util.Locale.ROOT)).strongReference(true)
                    .register(registry);
            agents.put(state, count);
        }
    }

    void waiting(String service, int size) {
        services.get(service).waiting.set(size);
    }

    void enqueued(String service) {
        services.get(service).enqueued.increment();
    }

    void abandoned(String service) {
        services.get(service).abandoned.increment();
    }

    void dispatched(String service) {
        services.get(service).dispatched.increment();
    }

    void waited(String service, Duration wait) {
        services.get(service).waitTime.record(wait.isNegative() ? Duration.ZERO : wait);
    }

    void agentState(AgentState from, AgentState to) {
        if (from != null) {
            agents.get(from).decrementAndGet();
        }
        agents.get(to).incrementAndGet();
    }
}
