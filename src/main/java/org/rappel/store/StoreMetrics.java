package org.rappel.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's meters. {@code rappel.callback.pending} is the number of active (not yet kept) promises; it is
 * maintained from this process's own writes, so a scrape never queries the database. On PostgreSQL other nodes
 * change it too: {@link #resyncPending} sets it from a count, done at open and on every
 * {@link CallbackStore#countByState()}.
 */
final class StoreMetrics {
    private final MeterRegistry registry;
    private final AtomicLong pending = new AtomicLong();

    StoreMetrics(MeterRegistry registry, String backend) {
        this.registry = registry;
        Gauge.builder("rappel.callback.pending", pending, AtomicLong::get)
                .description("Callback promises not yet kept (pending, claimed or dialing)")
                .tag("backend", backend)
                .register(registry);
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    /** Counts a write and its time from the call to the durable commit (queueing on the writer included). */
    void written(Timer.Sample sample, String operation, String outcome) {
        sample.stop(Timer.builder("rappel.callback.store.write.duration")
                .description("Time from a store write call to its durable commit")
                .tag("operation", operation)
                .register(registry));
        Counter.builder("rappel.callback.store.writes")
                .description("Callback store writes by outcome")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    void pendingChanged(long delta) {
        pending.addAndGet(delta);
    }

    void resyncPending(long count) {
        pending.set(count);
    }

    long pending() {
        return pending.get();
    }
}
