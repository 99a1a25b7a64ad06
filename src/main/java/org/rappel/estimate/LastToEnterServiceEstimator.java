package org.rappel.estimate;

/**
 * Last-to-enter-service delay (LES): the wait of the most recent contact to reach an agent, announced as is.
 *
 * <p>The scaled variant, for time-varying load: the recent contacts that had to wait took so many seconds
 * per place they stood in line on entry; a contact needing {@code n} departures is told {@code n} times that
 * (ratio of sums over the last {@value ServiceLedger#RECENT_WAITED} waited contacts). It follows a growing
 * or shrinking line at once, where plain LES lags by a whole wait.
 *
 * <p>Before any contact has entered service (or, scaled, has waited): zero, flagged
 * {@link Reliability#TOO_FEW_OBSERVATIONS}.
 *
 * <p>Threading: owned by the caller's thread.
 */
public final class LastToEnterServiceEstimator extends LedgerEstimator {

    public static final String NAME = "les";
    public static final String NAME_SCALED = "les_scaled";

    private final boolean scaled;

    private LastToEnterServiceEstimator(boolean scaled) {
        this.scaled = scaled;
    }

    public static LastToEnterServiceEstimator plain() {
        return new LastToEnterServiceEstimator(false);
    }

    public static LastToEnterServiceEstimator positionScaled() {
        return new LastToEnterServiceEstimator(true);
    }

    @Override
    public String name() {
        return scaled ? NAME_SCALED : NAME;
    }

    @Override
    Estimate estimate(ServiceLedger ledger, int position, int beyondFree, int priority, double now) {
        Reliability reliability = answeredReliability(ledger);
        if (!scaled) {
            return lastToEnterService(ledger, reliability);
        }
        double perPlace = ledger.recentSecondsPerPlace();
        return Double.isNaN(perPlace) ? nothingObserved(reliability)
                : Estimate.ofSeconds(beyondFree * perPlace, reliability);
    }
}
