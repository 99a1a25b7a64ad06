package org.rappel.estimate;

import java.util.List;
import java.util.Locale;

/** The estimators Rappel ships, by name. Each call makes fresh instances: estimators keep state. */
public final class WaitTimeEstimators {

    private WaitTimeEstimators() {
    }

    /** Every shipped estimator, baseline first. */
    public static List<WaitTimeEstimator> all() {
        return List.of(
                new AppQueueEstimator(),
                QueueLengthEstimator.erlangA(),
                QueueLengthEstimator.withoutAbandonment(),
                HeadOfLineEstimator.plain(),
                HeadOfLineEstimator.positionScaled(),
                LastToEnterServiceEstimator.plain(),
                LastToEnterServiceEstimator.positionScaled());
    }

    /** The names {@link #all()} uses, in the same order. */
    public static List<String> names() {
        return all().stream().map(WaitTimeEstimator::name).toList();
    }

    /** A fresh estimator of that name. */
    public static WaitTimeEstimator named(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return all().stream()
                .filter(e -> e.name().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown estimator '" + name + "', known: " + names()));
    }
}
