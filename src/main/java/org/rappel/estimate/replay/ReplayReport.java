package org.rappel.estimate.replay;

import java.util.List;

/**
 * What a replay found, per service: the trace's own figures, and each estimator's score over every answered
 * contact (those answered at once included).
 */
public record ReplayReport(List<ServiceReport> services) {

    public ReplayReport {
        services = List.copyOf(services);
    }

    /** One service's traffic and the estimators' scores on it, estimators in the replay's order. */
    public record ServiceReport(String service, long contacts, long answered, long abandoned,
                                double meanWaitOfAnsweredSeconds, List<EstimatorScore> estimators) {
        public ServiceReport {
            estimators = List.copyOf(estimators);
        }
    }

    /**
     * @param rase NaN when every answered contact was answered at once (no mean wait to divide by)
     */
    public record EstimatorScore(String estimator, long scored, double rase, double meanAbsoluteErrorSeconds,
                                 double biasSeconds) {
    }
}
