package org.rappel.estimate.replay;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One contact of a call trace: when it joined its service's line, when it left it and how, and (answered) when
 * its service ended and with which agent.
 *
 * @param line       line number in the trace file, for messages
 * @param serviceEnd present exactly when answered
 * @param agent      empty when abandoned or unknown
 */
public record TraceRecord(int line, Instant arrival, Instant queueExit, Outcome outcome,
                          Optional<Instant> serviceEnd, String service, int priority, Optional<String> agent) {

    public enum Outcome { ANSWERED, ABANDONED }

    public TraceRecord {
        Objects.requireNonNull(arrival, "arrival");
        Objects.requireNonNull(queueExit, "queueExit");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(serviceEnd, "serviceEnd");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(agent, "agent");
    }
}
