package org.rappel.estimate;

import java.time.Instant;

/** Instants as seconds on a double line: the estimators do arithmetic on times, not calendar work. */
final class Times {

    private Times() {
    }

    static double seconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }
}
