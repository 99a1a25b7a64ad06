package org.rappel.callback;

import java.time.Duration;
import java.time.Instant;
import org.rappel.store.AttemptOutcome;
import org.rappel.store.Disposition;

/**
 * What becomes of a callback after an attempt: done when answered, else another try after the back-off (inside
 * calling hours) while attempts remain, else given up. Immutable; any thread.
 */
record RetryPolicy(int maxAttempts, Duration backoff, CallingHours hours) {

    static RetryPolicy of(DialerSettings settings) {
        return new RetryPolicy(settings.maxAttempts(), settings.retryBackoff(), settings.callingHours());
    }

    /**
     * @param attemptNo the attempt that just ended, from 1
     * @param ended     when it ended
     */
    Disposition after(int attemptNo, AttemptOutcome outcome, Instant ended) {
        if (outcome == AttemptOutcome.ANSWERED) {
            return new Disposition.Done();
        }
        if (attemptNo >= maxAttempts) {
            return new Disposition.Failed(attemptNo + " attempts without answer, last "
                    + outcome.name().toLowerCase());
        }
        return new Disposition.Retry(hours.nextOpen(ended.plus(backoff)));
    }
}
