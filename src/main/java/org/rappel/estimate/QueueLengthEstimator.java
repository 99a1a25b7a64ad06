package org.rappel.estimate;

/**
 * Queue-length estimator (QL), Erlang-A style. The contact must see {@code n} departures from the line before
 * its turn ({@code n} = position minus free agents). With {@code s} agents, mean handling time {@code 1/mu}
 * and patience rate {@code theta} of the contacts ahead, the k-th last step takes {@code 1/(s mu + k theta)}
 * on average, so {@code E[W] = sum_{k=0}^{n-1} 1/(s mu + k theta)}; with {@code theta = 0} it is
 * {@code n/(s mu)}, exact for M/M/s.
 *
 * <p>Refinement for priorities: contacts of higher priority arriving later overtake this one, so each step's
 * rate is reduced by their measured arrival rate {@code lambda_h} (floored at a twentieth of {@code s mu}).
 * {@code mu} is the mean of recent handling times, {@code theta} the maximum-likelihood patience rate of
 * recent exits (abandons per second waited). Before any completed service a prior handling time is used and
 * the estimate is flagged {@link Reliability#TOO_FEW_OBSERVATIONS}.
 *
 * <p>Threading: owned by the caller's thread.
 */
public final class QueueLengthEstimator extends LedgerEstimator {

    public static final String NAME = "ql";
    public static final String NAME_WITHOUT_ABANDONMENT = "ql_plain";
    public static final double DEFAULT_PRIOR_HANDLING_SECONDS = 180;

    private final String name;
    private final boolean withAbandonment;
    private final double priorHandlingSeconds;

    private QueueLengthEstimator(String name, boolean withAbandonment, double priorHandlingSeconds) {
        if (!(priorHandlingSeconds > 0)) {
            throw new IllegalArgumentException("priorHandlingSeconds must be > 0: " + priorHandlingSeconds);
        }
        this.name = name;
        this.withAbandonment = withAbandonment;
        this.priorHandlingSeconds = priorHandlingSeconds;
    }

    /** Erlang-A: handling time, staffing, abandonment of those ahead and overtaking by higher priorities. */
    public static QueueLengthEstimator erlangA() {
        return new QueueLengthEstimator(NAME, true, DEFAULT_PRIOR_HANDLING_SECONDS);
    }

    /** The textbook {@code n/(s mu)}, blind to abandonment (still corrected for overtaking priorities). */
    public static QueueLengthEstimator withoutAbandonment() {
        return new QueueLengthEstimator(NAME_WITHOUT_ABANDONMENT, false, DEFAULT_PRIOR_HANDLING_SECONDS);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    Estimate estimate(ServiceLedger ledger, int position, int beyondFree, int priority, double now) {
        double handling = ledger.meanHandlingSeconds();
        if (!(handling > 0)) {
            handling = priorHandlingSeconds;
        }
        int agents = ledger.workingAgents(now);
        if (agents == 0) {
            // Nobody to serve: say what one agent would take, and flag it so that nothing is promised.
            return Estimate.ofSeconds(beyondFree * handling, Reliability.NO_AGENTS);
        }
        double serviceRate = agents / handling;
        double theta = withAbandonment ? ledger.abandonmentRate() : 0;
        double overtaking = ledger.arrivalRateAbove(priority, now);
        double floor = serviceRate / 20;
        double expected = 0;
        for (int k = 0; k < beyondFree; k++) {
            expected += 1 / Math.max(floor, serviceRate + k * theta - overtaking);
        }
        return Estimate.ofSeconds(expected, reliability(ledger, ledger.handlingObservations()));
    }
}
