package org.rappel.estimate;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The estimate package as the queue sees it: feeds every estimator the same events, answers with each
 * service's chosen estimator, and scores all estimators on every answered contact.
 *
 * <p>Scoring: the first estimate asked for a contact is its announced wait (each estimator's figure is kept);
 * when the contact reaches an agent its actual wait (service start minus entry) is scored against each.
 * Contacts that abandon are not scored; contacts never asked about are not scored.
 *
 * <p>Threading: not thread-safe; owned by the queue's owner thread. Accuracy figures may be read anywhere.
 */
public final class WaitTimeEstimation {

    private record ContactKey(String service, String contactId) {
    }

    private static final class Pending {
        final double enteredAt;
        Map<String, Double> announced;

        Pending(double enteredAt) {
            this.enteredAt = enteredAt;
        }
    }

    private final Map<String, WaitTimeEstimator> estimators = new LinkedHashMap<>();
    private final EstimatorChoice choice;
    private final AccuracyBoard accuracy;
    private final Map<ContactKey, Pending> pending = new HashMap<>();

    public WaitTimeEstimation(List<WaitTimeEstimator> estimators, EstimatorChoice choice, MeterRegistry registry) {
        this(estimators, choice, new AccuracyBoard(registry));
    }

    /** Without metrics: for offline replays, where figures are read from {@link #accuracy()}. */
    public static WaitTimeEstimation offline(List<WaitTimeEstimator> estimators, EstimatorChoice choice) {
        return new WaitTimeEstimation(estimators, choice, AccuracyBoard.unpublished());
    }

    private WaitTimeEstimation(List<WaitTimeEstimator> estimators, EstimatorChoice choice, AccuracyBoard accuracy) {
        for (WaitTimeEstimator e : estimators) {
            if (this.estimators.putIfAbsent(e.name(), e) != null) {
                throw new IllegalArgumentException("two estimators named " + e.name());
            }
        }
        checkKnown(choice.fallback());
        choice.perService().values().forEach(this::checkKnown);
        this.choice = choice;
        this.accuracy = accuracy;
    }

    /** Every shipped estimator, announcing the {@link EstimatorChoice#DEFAULT_ESTIMATOR}. */
    public static WaitTimeEstimation withDefaults(MeterRegistry registry) {
        return new WaitTimeEstimation(WaitTimeEstimators.all(),
                EstimatorChoice.everywhere(EstimatorChoice.DEFAULT_ESTIMATOR), registry);
    }

    private void checkKnown(String name) {
        if (!estimators.containsKey(name)) {
            throw new IllegalArgumentException("unknown estimator '" + name + "', known: " + estimators.keySet());
        }
    }

    public void onEvent(QueueEvent event) {
        for (WaitTimeEstimator e : estimators.values()) {
            e.onEvent(event);
        }
        if (event instanceof QueueEvent.ContactEntered entered) {
            pending.putIfAbsent(new ContactKey(entered.service(), entered.contactId()),
                    new Pending(Times.seconds(entered.at())));
        } else if (event instanceof QueueEvent.ContactAbandoned abandoned) {
            pending.remove(new ContactKey(abandoned.service(), abandoned.contactId()));
        } else if (event instanceof QueueEvent.ServiceStarted started) {
            Pending p = pending.remove(new ContactKey(started.service(), started.contactId()));
            if (p != null && p.announced != null) {
                double actual = Math.max(0, Times.seconds(started.at()) - p.enteredAt);
                p.announced.forEach((name, announced) ->
                        accuracy.record(started.service(), name, announced, actual));
            }
        }
    }

    /**
     * The wait to announce to a contact already reported as entered, at {@code position} in line, from the
     * service's chosen estimator. The first call for a contact fixes every estimator's announced figure for
     * scoring.
     */
    public Estimate estimate(String service, String contactId, int position, int priority, Instant now) {
        return announceAll(service, contactId, position, priority, now).get(choice.forService(service));
    }

    /** The name of the estimator whose figure {@code service} announces. */
    public String chosenEstimator(String service) {
        return choice.forService(service);
    }

    /** As {@link #estimate}, but every estimator's figure, in registration order. */
    public Map<String, Estimate> announceAll(String service, String contactId, int position, int priority,
                                             Instant now) {
        Map<String, Estimate> all = estimateAll(service, position, priority, now);
        Pending p = pending.get(new ContactKey(service, contactId));
        if (p != null && p.announced == null) {
            Map<String, Double> announced = new HashMap<>();
            all.forEach((name, estimate) -> announced.put(name, estimate.seconds()));
            p.announced = announced;
        }
        return all;
    }

    /** Every estimator's figure, in registration order; changes nothing. */
    public Map<String, Estimate> estimateAll(String service, int position, int priority, Instant now) {
        Objects.requireNonNull(service, "service");
        Map<String, Estimate> all = new LinkedHashMap<>();
        for (WaitTimeEstimator e : estimators.values()) {
            all.put(e.name(), e.estimate(service, position, priority, now));
        }
        return all;
    }

    public AccuracyBoard accuracy() {
        return accuracy;
    }
}
