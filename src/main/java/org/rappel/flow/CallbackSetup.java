package org.rappel.flow;

import java.util.Objects;
import org.rappel.callback.CallbackDesk;

/**
 * What a held call needs to offer callbacks: the office, the home region of the numbering plan (to read a number
 * back as the caller would dial it), and the meters. Immutable.
 */
record CallbackSetup(CallbackDesk desk, String homeRegion, CallbackMetrics metrics) {
    CallbackSetup {
        Objects.requireNonNull(desk, "desk");
        Objects.requireNonNull(homeRegion, "homeRegion");
        Objects.requireNonNull(metrics, "metrics");
    }
}
