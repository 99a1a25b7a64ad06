package org.rappel.queue;

import java.time.Duration;

/**
 * Runs a task later on the owner thread (wrap-up ends). The {@link ContactCenter} backs it with its owner
 * executor; tests use a fake driven by a fake clock.
 */
@FunctionalInterface
interface Scheduler {

    /** Runs {@code task} on the owner thread after {@code delay}; the returned handle cancels it. */
    Cancellable schedule(Duration delay, Runnable task);

    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
