package org.rappel.estimate.replay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.rappel.estimate.AccuracySummary;
import org.rappel.estimate.Estimate;
import org.rappel.estimate.EstimatorChoice;
import org.rappel.estimate.QueueEvent;
import org.rappel.estimate.WaitTimeEstimation;
import org.rappel.estimate.WaitTimeEstimator;

/**
 * Replays a call trace through estimators as if live: every event (arrival, abandon, service start, service
 * end) is fed in time order, and at each arrival every estimator is asked for that contact's wait given its
 * position — so an estimate uses only what was known at that moment. Staffing changes come from a
 * {@link StaffingInference} per service and are fed as events too.
 *
 * <p>Position on arrival: 1 + the contacts of the service then waiting with a priority at least as high.
 * Ties in time: service ends, then abandons and service starts of contacts that waited, then arrivals, then
 * the exits of contacts that leave the instant they arrive, then ends of zero-length services.
 *
 * <p>Threading: one replay per thread; {@link #run} builds fresh estimators each time.
 */
public final class TraceReplay {

    /** Default staffing window: an agent idle for half an hour is taken as logged out. */
    public static final double DEFAULT_STAFFING_WINDOW_SECONDS = 1800;

    private enum Kind { ARRIVAL, ABANDON, START, END }

    private record Step(double at, Instant instant, int phase, int contact, Kind kind) {
    }

    private final Supplier<List<WaitTimeEstimator>> estimators;
    private final double staffingWindowSeconds;

    public TraceReplay(Supplier<List<WaitTimeEstimator>> estimators, double staffingWindowSeconds) {
        this.estimators = estimators;
        this.staffingWindowSeconds = staffingWindowSeconds;
    }

    /** What a replay lets a caller see at each arrival: the contact, its position, every estimator's figure. */
    @FunctionalInterface
    public interface ArrivalObserver {
        void arrived(TraceRecord contact, int position, Map<String, Estimate> estimates);
    }

    public ReplayReport run(List<TraceRecord> trace) {
        return run(trace, (contact, position, estimates) -> { });
    }

    public ReplayReport run(List<TraceRecord> trace, ArrivalObserver observer) {
        List<WaitTimeEstimator> fresh = estimators.get();
        WaitTimeEstimation estimation = WaitTimeEstimation.offline(fresh,
                EstimatorChoice.everywhere(fresh.get(0).name()));
        Map<String, StaffingInference> staffing = new HashMap<>();
        Map<String, Integer> announcedStaffing = new HashMap<>();
        Map<String, Map<Integer, Integer>> waitingByPriority = new HashMap<>();

        for (Step step : steps(trace)) {
            TraceRecord r = trace.get(step.contact());
            String id = "c" + step.contact();
            Instant at = step.instant();
            StaffingInference inference = staffing.computeIfAbsent(r.service(),
                    s -> new StaffingInference(staffingWindowSeconds));
            Map<Integer, Integer> waiting = waitingByPriority.computeIfAbsent(r.service(), s -> new TreeMap<>());
            switch (step.kind()) {
                case START -> inference.serviceStarted(r.agent(), step.at());
                case END -> inference.serviceEnded(r.agent(), step.at());
                default -> { }
            }
            int agents = inference.agents(step.at());
            Integer before = announcedStaffing.put(r.service(), agents);
            if (before == null || before != agents) {
                estimation.onEvent(new QueueEvent.StaffingChanged(r.service(), agents, at));
            }
            switch (step.kind()) {
                case ARRIVAL -> {
                    int position = 1;
                    for (Map.Entry<Integer, Integer> e : waiting.entrySet()) {
                        if (e.getKey() >= r.priority()) {
                            position += e.getValue();
                        }
                    }
                    waiting.merge(r.priority(), 1, Integer::sum);
                    estimation.onEvent(new QueueEvent.ContactEntered(r.service(), id, r.priority(), at));
                    observer.arrived(r, position,
                            estimation.announceAll(r.service(), id, position, r.priority(), at));
                }
                case ABANDON -> {
                    waiting.merge(r.priority(), -1, Integer::sum);
                    estimation.onEvent(new QueueEvent.ContactAbandoned(r.service(), id, at));
                }
                case START -> {
                    waiting.merge(r.priority(), -1, Integer::sum);
                    estimation.onEvent(new QueueEvent.ServiceStarted(r.service(), id, r.agent(), at));
                }
                case END -> estimation.onEvent(new QueueEvent.ServiceEnded(r.service(), id, r.agent(), at));
            }
        }
        return report(trace, fresh, estimation);
    }

    private static List<Step> steps(List<TraceRecord> trace) {
        List<Step> steps = new ArrayList<>(trace.size() * 3);
        for (int i = 0; i < trace.size(); i++) {
            TraceRecord r = trace.get(i);
            double arrival = seconds(r.arrival());
            double exit = seconds(r.queueExit());
            boolean atOnce = exit == arrival;
            steps.add(new Step(arrival, r.arrival(), 2, i, Kind.ARRIVAL));
            Kind exitKind = r.outcome() == TraceRecord.Outcome.ANSWERED ? Kind.START : Kind.ABANDON;
            steps.add(new Step(exit, r.queueExit(), atOnce ? 3 : 1, i, exitKind));
            if (r.serviceEnd().isPresent()) {
                double end = seconds(r.serviceEnd().get());
                steps.add(new Step(end, r.serviceEnd().get(), end == exit ? 4 : 0, i, Kind.END));
            }
        }
        steps.sort(Comparator.comparingDouble(Step::at).thenComparingInt(Step::phase)
                .thenComparingInt(Step::contact));
        return steps;
    }

    private static ReplayReport report(List<TraceRecord> trace, List<WaitTimeEstimator> estimators,
                                       WaitTimeEstimation estimation) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Double> waitSums = new HashMap<>();
        for (TraceRecord r : trace) {
            long[] c = counts.computeIfAbsent(r.service(), s -> new long[3]);
            c[0]++;
            if (r.outcome() == TraceRecord.Outcome.ANSWERED) {
                c[1]++;
                waitSums.merge(r.service(), seconds(r.queueExit()) - seconds(r.arrival()), Double::sum);
            } else {
                c[2]++;
            }
        }
        List<ReplayReport.ServiceReport> services = new ArrayList<>();
        counts.forEach((service, c) -> {
            List<ReplayReport.EstimatorScore> scores = new ArrayList<>();
            for (WaitTimeEstimator e : estimators) {
                AccuracySummary s = estimation.accuracy().summary(service, e.name())
                        .orElse(new AccuracySummary(service, e.name(), 0, Double.NaN, Double.NaN, Double.NaN,
                                Double.NaN));
                scores.add(new ReplayReport.EstimatorScore(e.name(), s.scored(), s.rase(),
                        s.meanAbsoluteErrorSeconds(), s.biasSeconds()));
            }
            double meanWait = c[1] == 0 ? Double.NaN : waitSums.getOrDefault(service, 0.0) / c[1];
            services.add(new ReplayReport.ServiceReport(service, c[0], c[1], c[2], meanWait, scores));
        });
        return new ReplayReport(services);
    }

    private static double seconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }
}
