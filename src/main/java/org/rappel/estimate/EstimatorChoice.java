package org.rappel.estimate;

import java.util.Map;
import java.util.Objects;

/**
 * Which estimator's figure a service announces: one per service where configured, else the fallback.
 *
 * @param fallback   estimator name used by services not listed
 * @param perService service name to estimator name
 */
public record EstimatorChoice(String fallback, Map<String, String> perService) {

    /** The default of a fresh installation (see the replay figures in the class comment of TraceReplay). */
    public static final String DEFAULT_ESTIMATOR = QueueLengthEstimator.NAME;

    public EstimatorChoice {
        Objects.requireNonNull(fallback, "fallback");
        perService = Map.copyOf(perService);
    }

    public static EstimatorChoice everywhere(String estimator) {
        return new EstimatorChoice(estimator, Map.of());
    }

    public String forService(String service) {
        return perService.getOrDefault(service, fallback);
    }
}
