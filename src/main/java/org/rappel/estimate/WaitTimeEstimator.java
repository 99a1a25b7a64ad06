package org.rappel.estimate;

import java.time.Instant;

/**
 * One way of predicting how long a contact will wait before reaching an agent.
 *
 * <p>Contract: the estimator learns only from the {@link QueueEvent}s it is given, in time order, and from the
 * {@code now} passed in; it never reads a clock. {@code estimate} is asked for a contact already reported by
 * {@link QueueEvent.ContactEntered} and standing at {@code position} in its service's line (1 = next to be
 * served, counting every contact ahead in priority order); it does not change the estimator's state.
 *
 * <p>Threading: not thread-safe. The queue's owner thread (or the replay) owns an estimator.
 */
public interface WaitTimeEstimator {

    /** Short stable name, used as the {@code estimator} metric label and in replay reports. */
    String name();

    void onEvent(QueueEvent event);

    /**
     * @param position 1-based place in line, at least 1
     * @param priority the contact's priority (higher is served first)
     */
    Estimate estimate(String service, int position, int priority, Instant now);
}
