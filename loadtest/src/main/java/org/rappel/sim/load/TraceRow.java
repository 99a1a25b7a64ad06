package org.rappel.sim.load;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One contact of the call trace, as {@code rappel ewt-replay --trace} reads it
 * ({@code arrival,queue_exit,outcome,service_end,service,priority,agent}; times in epoch seconds with
 * milliseconds). Built from what the simulator saw, never from the server's own records.
 */
record TraceRow(Instant arrival, Instant queueExit, boolean answered, Optional<Instant> serviceEnd, String service,
                int priority, Optional<String> agent) {

    static final String HEADER = "arrival,queue_exit,outcome,service_end,service,priority,agent";

    String csv() {
        return String.join(",", seconds(arrival), seconds(queueExit), answered ? "answered" : "abandoned",
                serviceEnd.map(TraceRow::seconds).orElse(""), service, Integer.toString(priority),
                agent.orElse(""));
    }

    private static String seconds(Instant t) {
        return String.format(Locale.ROOT, "%d.%03d", t.getEpochSecond(), t.getNano() / 1_000_000);
    }
}
