package org.rappel.flow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The flow engine's meters. Labels are hotline and node names from the flow files and fixed reasons: bounded by
 * configuration, never a caller's number or input. Thread-safe (Micrometer meters are).
 *
 * <ul>
 *   <li>{@code rappel_flow_active}: calls inside a flow now (queue holding included)</li>
 *   <li>{@code rappel_flow_ended_total{hotline,outcome}}: calls that left their flow, by {@link FlowOutcome}</li>
 *   <li>{@code rappel_flow_input_rejected_total{hotline,node,reason}}: menu/collect tries lost to an
 *       {@code invalid} key or a {@code timeout}</li>
 *   <li>{@code rappel_flow_node_errors_total{hotline,node,reason}}: {@code sound_failed} (missing sound file),
 *       {@code variable_missing}, {@code agi_refused}, {@code internal}</li>
 * </ul>
 */
final class FlowMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger active = new AtomicInteger();

    FlowMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("rappel.flow.active", active, AtomicInteger::get)
                .description("Calls inside an IVR flow now")
                .register(registry);
    }

    /** Registers the outcome counters at zero, so dashboards see every hotline before its first call. */
    void register(Collection<String> hotlines) {
        for (String hotline : hotlines) {
            for (FlowOutcome outcome : FlowOutcome.values()) {
                ended(hotline, outcome);
            }
        }
    }

    void started() {
        active.incrementAndGet();
    }

    void finished(String hotline, FlowOutcome outcome) {
        active.decrementAndGet();
        ended(hotline, outcome).increment();
    }

    private Counter ended(String hotline, FlowOutcome outcome) {
        return Counter.builder("rappel.flow.ended")
                .description("Calls that left their IVR flow, by outcome")
                .tag("hotline", hotline)
                .tag("outcome", outcome.tag())
                .register(registry);
    }

    void inputRejected(String hotline, String node, String reason) {
        Counter.builder("rappel.flow.input.rejected")
                .description("Menu or collect tries lost to an invalid key or a timeout")
                .tag("hotline", hotline).tag("node", node).tag("reason", reason)
                .register(registry).increment();
    }

    void nodeError(String hotline, String node, String reason) {
        Counter.builder("rappel.flow.node.errors")
                .description("Flow nodes that could not do their job")
                .tag("hotline", hotline).tag("node", node).tag("reason", reason)
                .register(registry).increment();
    }

    int active() {
        return active.get();
    }
}
