package org.rappel.estimate;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The baseline: Asterisk app_queue's announced hold time. Each answered contact's wait updates a smoothed
 * average, {@code new = (3 * old + wait) / 4}, starting from zero as app_queue does; the average is announced
 * as it is, whatever the caller's position, and abandons are not counted.
 *
 * <p>Threading: owned by the caller's thread.
 */
public final class AppQueueEstimator implements WaitTimeEstimator {

    public static final String NAME = "app_queue";

    private final QueueLedger ledger = new QueueLedger();
    private final Map<String, Smoothed> holdTimes = new HashMap<>();

    private static final class Smoothed {
        double seconds;
        int observations;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void onEvent(QueueEvent event) {
        Objects.requireNonNull(event, "event");
        ServiceLedger service = ledger.service(event.service());
        long answeredBefore = service.answered();
        service.apply(event);
        if (service.answered() > answeredBefore) {
            Smoothed s = holdTimes.computeIfAbsent(event.service(), k -> new Smoothed());
            s.seconds = (3 * s.seconds + service.lastEntry().orElseThrow().waitSeconds()) / 4;
            s.observations++;
        }
    }

    @Override
    public Estimate estimate(String service, int position, int priority, Instant now) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(now, "now");
        if (position < 1) {
            throw new IllegalArgumentException("position < 1: " + position);
        }
        Smoothed s = holdTimes.get(service);
        int observations = s == null ? 0 : s.observations;
        return Estimate.ofSeconds(s == null ? 0 : s.seconds,
                LedgerEstimator.reliability(ledger.service(service), observations));
    }
}
