package org.rappel.flow;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The real service queue: each caller an {@code enqueue} node hands over becomes a live contact in the contact
 * center (through the {@link QueueDesk}), holds with music and hears their position and expected wait on entry and
 * every {@link HoldPolicy#announceEvery()}, and is connected to the agent the contact center assigns with
 * {@code EXEC Dial <agent>,<ring>,m}. One {@link HeldCall} per caller tells the details.
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

    /**
     * @param policies per service; a service not listed holds with {@link HoldPolicy#defaults()}
     * @param clock    gives callers their virtual arrival and times the Dial
     */
    public ContactCenterQueue(QueueDesk desk, Map<String, HoldPolicy> policies, Clock clock) {
        this.desk = desk;
        this.policies = Map.copyOf(policies);
        this.clock = clock;
    }

    @Override
    public CompletionStage<FlowOutcome> enqueue(EnqueueRequest request) {
        HoldPolicy policy = policies.getOrDefault(request.service(), HoldPolicy.defaults());
        return new HeldCall(request, policy, desk, clock).start();
    }
}
