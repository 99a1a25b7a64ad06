package org.rappel.queue;

/**
 * Why an offered contact did not reach the agent ({@code DIALSTATUS} of the {@code Dial} to the agent).
 * In every case the contact goes back to its place and the agent is paused with the outcome as reason.
 */
public enum OfferOutcome {
    /** {@code BUSY}. */
    BUSY("busy"),
    /** {@code NOANSWER}: the agent let it ring. */
    NO_ANSWER("no answer"),
    /** {@code CHANUNAVAIL}, {@code CONGESTION}, or the call path could not dial at all. */
    UNAVAILABLE("unavailable");

    private final String pauseReason;

    OfferOutcome(String pauseReason) {
        this.pauseReason = pauseReason;
    }

    /** The reason shown for the agent's pause. */
    public String pauseReason() {
        return pauseReason;
    }
}
