package org.rappel.estimate;

import java.time.Instant;
import java.util.Objects;

/**
 * Common ground of the estimators that read the queue's state: each keeps its own {@link QueueLedger} fed by
 * the events, checks the arguments, and answers zero when a free agent will take the contact at once.
 *
 * <p>Threading: owned by the caller's thread, like every {@link WaitTimeEstimator}.
 */
abstract class LedgerEstimator implements WaitTimeEstimator {

    /** Fewer completed contacts than this in a service, and the figure is not promised. */
    static final int MIN_OBSERVATIONS = 5;

    private final QueueLedger ledger = new QueueLedger();

    @Override
    public final void onEvent(QueueEvent event) {
        Objects.requireNonNull(event, "event");
        ledger.apply(event);
    }

    @Override
    public final Estimate estimate(String service, int position, int priority, Instant now) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(now, "now");
        if (position < 1) {
            throw new IllegalArgumentException("position < 1: " + position);
        }
        ServiceLedger ledger = this.ledger.service(service);
        double at = Times.seconds(now);
        int beyondFree = position - ledger.freeAgents(at);
        if (beyondFree <= 0) {
            return Estimate.ofSeconds(0, ledger.agents() == 0 ? Reliability.NO_AGENTS : Reliability.RELIABLE);
        }
        return estimate(ledger, position, beyondFree, priority, at);
    }

    /**
     * @param position   1-based place in line
     * @param beyondFree {@code position} minus the free agents, at least 1: the contact must wait for that many
     *                   departures from the line (its own included)
     */
    abstract Estimate estimate(ServiceLedger ledger, int position, int beyondFree, int priority, double now);

    /** {@link #reliability} counted on the contacts that reached an agent. */
    static Reliability answeredReliability(ServiceLedger ledger) {
        return reliability(ledger, (int) Math.min(Integer.MAX_VALUE, ledger.answered()));
    }

    /** The wait of the last contact to enter service (LES); before any, {@link #nothingObserved}. */
    static Estimate lastToEnterService(ServiceLedger ledger, Reliability reliability) {
        return ledger.lastEntry()
                .map(last -> Estimate.ofSeconds(last.waitSeconds(), reliability))
                .orElseGet(() -> nothingObserved(reliability));
    }

    /** Zero, and at best {@link Reliability#TOO_FEW_OBSERVATIONS}: there was nothing to go on. */
    static Estimate nothingObserved(Reliability reliability) {
        return Estimate.ofSeconds(0,
                reliability == Reliability.RELIABLE ? Reliability.TOO_FEW_OBSERVATIONS : reliability);
    }

    /** NO_AGENTS, TOO_FEW_OBSERVATIONS or RELIABLE, in that order of precedence. */
    static Reliability reliability(ServiceLedger ledger, int observations) {
        if (ledger.agents() == 0) {
            return Reliability.NO_AGENTS;
        }
        return observations < MIN_OBSERVATIONS ? Reliability.TOO_FEW_OBSERVATIONS : Reliability.RELIABLE;
    }
}
