package org.rappel.estimate;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every estimator's running accuracy per service, published as metrics so the server tells how honest its
 * announcements are:
 * <ul>
 *   <li>{@code rappel.estimate.rase{service,estimator}}: root mean squared error / mean actual wait;</li>
 *   <li>{@code rappel.estimate.mae{service,estimator}} (seconds): mean absolute error;</li>
 *   <li>{@code rappel.estimate.bias{service,estimator}} (seconds): mean announced minus actual;</li>
 *   <li>{@code rappel.estimate.scored{service,estimator}}: answered contacts scored (a counter).</li>
 * </ul>
 * Meters are registered on a pair's first score.
 *
 * <p>Threading: {@link #record} from one owner thread (the queue's); summaries and meters may be read from any.
 */
public final class AccuracyBoard {

    private record Key(String service, String estimator) {
    }

    /** Empty for an offline board (replays): no meters, so nothing of Micrometer is even loaded. */
    private final Optional<MeterRegistry> registry;
    private final Map<Key, AccuracyTally> tallies = new ConcurrentHashMap<>();

    public AccuracyBoard(MeterRegistry registry) {
        this.registry = Optional.of(Objects.requireNonNull(registry, "registry"));
    }

    private AccuracyBoard() {
        this.registry = Optional.empty();
    }

    /** A board that keeps the figures without publishing meters, for offline replays. */
    public static AccuracyBoard unpublished() {
        return new AccuracyBoard();
    }

    /** Scores one answered contact for one estimator: what it announced against what happened. */
    public void record(String service, String estimator, double announcedSeconds, double actualSeconds) {
        tallies.computeIfAbsent(new Key(service, estimator), this::register).add(announcedSeconds, actualSeconds);
    }

    public Optional<AccuracySummary> summary(String service, String estimator) {
        return Optional.ofNullable(tallies.get(new Key(service, estimator))).map(AccuracyTally::summary);
    }

    /** All pairs scored so far, by service then estimator name. */
    public List<AccuracySummary> summaries() {
        return tallies.values().stream()
                .map(AccuracyTally::summary)
                .sorted(Comparator.comparing(AccuracySummary::service).thenComparing(AccuracySummary::estimator))
                .toList();
    }

    private AccuracyTally register(Key key) {
        AccuracyTally tally = new AccuracyTally(key.service(), key.estimator());
        registry.ifPresent(r -> publish(r, key, tally));
        return tally;
    }

    private static void publish(MeterRegistry registry, Key key, AccuracyTally tally) {
        Tags tags = Tags.of("service", key.service(), "estimator", key.estimator());
        Gauge.builder("rappel.estimate.rase", tally, t -> t.summary().rase())
                .description("Root mean squared error of announced waits over the mean actual wait")
                .tags(tags)
                .register(registry);
        Gauge.builder("rappel.estimate.mae", tally, t -> t.summary().meanAbsoluteErrorSeconds())
                .description("Mean absolute error of announced waits")
                .baseUnit("seconds")
                .tags(tags)
                .register(registry);
        Gauge.builder("rappel.estimate.bias", tally, t -> t.summary().biasSeconds())
                .description("Mean of announced minus actual wait (positive: over-announced)")
                .baseUnit("seconds")
                .tags(tags)
                .register(registry);
        FunctionCounter.builder("rappel.estimate.scored", tally, t -> t.summary().scored())
                .description("Answered contacts whose announced wait was scored")
                .tags(tags)
                .register(registry);
    }
}
