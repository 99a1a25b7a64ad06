package org.rappel.flow;

import java.util.concurrent.CompletionStage;

/**
 * Where an {@code enqueue} node hands a caller: the service's queue, which from then on drives the AGI session
 * (music on hold, announcements, connection to an agent, callback offer) until the caller leaves it.
 *
 * <p>The returned stage completes once the caller has left the queue, with how: {@link FlowOutcome#ENQUEUED_ABANDONED}
 * when they hung up while waiting, {@link FlowOutcome#ENQUEUED_CONNECTED}, {@link FlowOutcome#ENQUEUED_CALLBACK}, or
 * {@link FlowOutcome#ERROR}. It should complete on the session's executor; the flow ends with that outcome and the
 * server then closes the connection. It must complete once the caller hangs up ({@code session.hangup()}): the flow
 * leaves a held call's outcome to its queue. An implementation must not block the session's executor.
 */
@FunctionalInterface
public interface ServiceQueue {

    CompletionStage<FlowOutcome> enqueue(EnqueueRequest request);

    /** Until the real queue exists: callers hold with music and a periodic message until they hang up. */
    static ServiceQueue musicOnHoldOnly() {
        return new MusicOnHoldQueue();
    }
}
