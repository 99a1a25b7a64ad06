package org.rappel.estimate;

import java.util.HashMap;
import java.util.Map;

/**
 * One {@link ServiceLedger} per service, created on first mention.
 *
 * <p>Threading: owned by the estimator's owner thread.
 */
final class QueueLedger {

    /** Recent history kept per service: enough to smooth, short enough to follow a day's changes. */
    static final int DEFAULT_HISTORY = 50;
    /** Window over which arrival rates by priority are measured. */
    static final double DEFAULT_ARRIVAL_WINDOW_SECONDS = 900;

    private final Map<String, ServiceLedger> services = new HashMap<>();
    private final int historySize;
    private final double arrivalWindowSeconds;

    QueueLedger() {
        this(DEFAULT_HISTORY, DEFAULT_ARRIVAL_WINDOW_SECONDS);
    }

    QueueLedger(int historySize, double arrivalWindowSeconds) {
        this.historySize = historySize;
        this.arrivalWindowSeconds = arrivalWindowSeconds;
    }

    void apply(QueueEvent event) {
        service(event.service()).apply(event);
    }

    ServiceLedger service(String service) {
        return services.computeIfAbsent(service, s -> new ServiceLedger(historySize, arrivalWindowSeconds));
    }
}
