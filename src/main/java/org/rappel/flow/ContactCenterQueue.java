package org.rappel.flow;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.rappel.callback.CallbackDesk;

/**
 * The real service queue: each caller an {@code enqueue} node hands over becomes a live contact in the contact
 * center (through the {@link QueueDesk}), holds with music and hears their position and expected wait on entry and
 * every {@link HoldPolicy#announceEvery()}, and is connected to the agent the contact center assigns with
 * {@code EXEC Dial <agent>,<ring>,m}. With a callback office, callers are offered a callback that keeps their place
 * ({@link CallbackDialog}). One {@link HeldCall} per caller tells the details.
 *
 * <p>Lives in the flow package because it drives the caller's AGI session as the flow engine does (same reply
 * handling, same test doubles); the contact center and estimators stay behind the desk.
 *
 * <p>Thread-safe: holds only immutable settings; each call runs on its session's executor.
 */
public final class ContactCenterQueue implements ServiceQueue {

    private final QueueDesk desk;
    private final Map<String, HoldPolicy> policies;
    private final Clock clock;
    private final Optional<CallbackSetup> callbacks;

    /**
     * Without callbacks: no offer is made, the callback key does nothing.
     *
     * @param policies per service; a service not listed holds with {@link HoldPolicy#defaults()}
     * @param clock    gives callers their virtual arrival and times the Dial
     */
    public ContactCenterQueue(QueueDesk desk, Map<String, HoldPolicy> policies, Clock clock) {
        this(desk, policies, clock, Optional.empty());
    }

    /**
     * With the callback office: callers are offered a callback on entry when the office says so, and may ask for
     * one with the enqueue node's callback key while holding ({@link CallbackDialog}).
     *
     * @param homeRegion the numbering plan's home region ({@code FR}): numbers are read back as dialled from there
     * @param registry   for {@code rappel_callback_offers_total} and {@code rappel_callback_offer_results_total}
     */
    public ContactCenterQueue(QueueDesk desk, Map<String, HoldPolicy> policies, Clock clock, CallbackDesk callbacks,
                              String homeRegion, MeterRegistry registry) {
        this(desk, policies, clock, Optional.of(new CallbackSetup(callbacks, homeRegion,
                new CallbackMetrics(registry))));
        this.callbacks.get().metrics().register(policies.keySet());
    }

    private ContactCenterQueue(QueueDesk desk, Map<String, HoldPolicy> policies, Clock clock,
                               Optional<CallbackSetup> callbacks) {
        this.desk = desk;
        this.policies = Map.copyOf(policies);
        this.clock = clock;
        this.callbacks = callbacks;
    }

    @Override
    public CompletionStage<FlowOutcome> enqueue(EnqueueRequest request) {
        HoldPolicy policy = policies.getOrDefault(request.service(), HoldPolicy.defaults());
        return new HeldCall(request, policy, desk, clock, callbacks).start();
    }
}
