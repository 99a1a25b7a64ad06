package org.rappel.estimate;

import java.time.Instant;
import java.util.Optional;

/** Test shorthand: queue events for one service at seconds after a fixed instant, fed to estimators. */
final class Feed {

    static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    private final String service;
    private final WaitTimeEstimator[] estimators;

    Feed(String service, WaitTimeEstimator... estimators) {
        this.service = service;
        this.estimators = estimators;
    }

    static Instant at(double seconds) {
        return T0.plusNanos(Math.round(seconds * 1e9));
    }

    Feed staffing(double t, int agents) {
        return send(new QueueEvent.StaffingChanged(service, agents, at(t)));
    }

    Feed enter(double t, String id) {
        return enter(t, id, 0);
    }

    Feed enter(double t, String id, int priority) {
        return send(new QueueEvent.ContactEntered(service, id, priority, at(t)));
    }

    Feed abandon(double t, String id) {
        return send(new QueueEvent.ContactAbandoned(service, id, at(t)));
    }

    Feed start(double t, String id) {
        return send(new QueueEvent.ServiceStarted(service, id, Optional.of("agent-" + id), at(t)));
    }

    Feed end(double t, String id) {
        return send(new QueueEvent.ServiceEnded(service, id, Optional.of("agent-" + id), at(t)));
    }

    /** A contact that enters at t, waits {@code wait}, is served for {@code handling}. */
    Feed served(double t, String id, double wait, double handling) {
        return enter(t, id).start(t + wait, id).end(t + wait + handling, id);
    }

    private Feed send(QueueEvent event) {
        for (WaitTimeEstimator e : estimators) {
            e.onEvent(event);
        }
        return this;
    }
}
