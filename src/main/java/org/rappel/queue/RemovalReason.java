package org.rappel.queue;

/** Why a contact leaves before being served; only {@link #ABANDONED} counts as an abandon in the metrics. */
public enum RemovalReason {
    /** The caller hung up (or the citizen cancelled the callback). */
    ABANDONED,
    /**
     * Taken out by the system, e.g. a live call turned into a callback (which is then enqueued with the call's
     * virtual arrival), or a callback whose citizen did not answer, to be retried later.
     */
    WITHDRAWN
}
