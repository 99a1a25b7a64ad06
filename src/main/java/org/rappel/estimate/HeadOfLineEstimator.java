package org.rappel.estimate;

import java.util.Optional;

/**
 * Head-of-line delay (HOL): the time the contact at the head of the line has waited so far. Ibrahim and Whitt
 * show it tracks the next arrival's wait in many-agent queues without needing handling times or staffing.
 *
 * <p>The scaled variant corrects for the position: during the head's wait {@code w}, the {@code q - 1}
 * contacts behind it arrived and stay, so departures run at about {@code (q - 1)/w}; a contact needing
 * {@code n} departures waits about {@code n w/(q - 1)} — for a new arrival behind {@code m} others this is
 * Ibrahim and Whitt's refined {@code (m + 1) w / m}.
 *
 * <p>At position 1 the contact is itself the head, so there is no one to observe: both fall back to the wait
 * of the last contact to enter service (LES), then to zero flagged {@link Reliability#TOO_FEW_OBSERVATIONS}.
 *
 * <p>Threading: owned by the caller's thread.
 */
public final class HeadOfLineEstimator extends LedgerEstimator {

    public static final String NAME = "hol";
    public static final String NAME_SCALED = "hol_scaled";

    private final boolean scaled;

    private HeadOfLineEstimator(boolean scaled) {
        this.scaled = scaled;
    }

    public static HeadOfLineEstimator plain() {
        return new HeadOfLineEstimator(false);
    }

    public static HeadOfLineEstimator positionScaled() {
        return new HeadOfLineEstimator(true);
    }

    @Override
    public String name() {
        return scaled ? NAME_SCALED : NAME;
    }

    @Override
    Estimate estimate(ServiceLedger ledger, int position, int beyondFree, int priority, double now) {
        Reliability reliability = answeredReliability(ledger);
        Optional<ServiceLedger.Waiting> head = ledger.head();
        double headWait = head.map(h -> now - h.enteredAt()).orElse(0.0);
        int behindHead = ledger.waitingCount() - 1;
        if (position == 1 || head.isEmpty() || !(headWait > 0) || behindHead < 1) {
            return lastToEnterService(ledger, reliability);
        }
        double seconds = scaled ? beyondFree * headWait / behindHead : headWait;
        return Estimate.ofSeconds(seconds, reliability);
    }
}
