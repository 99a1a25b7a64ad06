package org.rappel.estimate;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What an estimator knows of one service, built only from the events it was given: who is waiting (in service
 * order), who is being served, how many agents are logged in, and recent history (handling times, waits,
 * abandons, arrivals by priority, the last contact to enter service).
 *
 * <p>Invariants: a contact is in at most one of {@code waiting} and {@code inService}; {@code line} and
 * {@code waiting} hold the same contacts. Events about unknown contacts (the ledger started mid-day) update
 * what they can and are otherwise ignored.
 *
 * <p>Threading: owned by the estimator's owner thread.
 */
final class ServiceLedger {

    /** A waiting contact; {@code positionAtEntry} is its place in line when it joined (1 = head). */
    record Waiting(String contactId, double enteredAt, int priority, int positionAtEntry, long sequence) {
    }

    /** The last contact to enter service: its wait, and where it stood when it joined. */
    record LastEntry(double waitSeconds, int positionAtEntry, double at) {
    }

    private record InService(double startedAt) {
    }

    private static final Comparator<Waiting> SERVICE_ORDER = Comparator
            .comparingInt(Waiting::priority).reversed()
            .thenComparingDouble(Waiting::enteredAt)
            .thenComparingLong(Waiting::sequence);

    /** A head of line waiting this long beside free agents shows those agents are not taking contacts. */
    static final double STALE_WAIT_SECONDS = 15;

    /** How many recent waited contacts the delay-per-place ratio is taken over. */
    static final int RECENT_WAITED = 5;

    private final double arrivalWindowSeconds;
    private final Map<String, Waiting> waiting = new HashMap<>();
    private final TreeSet<Waiting> line = new TreeSet<>(SERVICE_ORDER);
    private final Map<String, InService> inService = new HashMap<>();
    private final RollingWindow handlingTimes;
    private final RollingWindow exitWaits;
    private final RollingWindow exitAbandons;
    /** The last few contacts that had to wait before service: their waits and their positions on entry. */
    private final RollingWindow waitedWaits;
    private final RollingWindow waitedPositions;
    /** (time, priority) of recent arrivals, oldest first, to measure how fast higher priorities come in. */
    private final ArrayDeque<double[]> recentArrivals = new ArrayDeque<>();
    private long sequence;
    private long answered;
    private int agentsLoggedIn;
    private Optional<LastEntry> lastEntry = Optional.empty();

    ServiceLedger(int historySize, double arrivalWindowSeconds) {
        this.arrivalWindowSeconds = arrivalWindowSeconds;
        this.handlingTimes = new RollingWindow(historySize);
        this.exitWaits = new RollingWindow(historySize);
        this.exitAbandons = new RollingWindow(historySize);
        this.waitedWaits = new RollingWindow(RECENT_WAITED);
        this.waitedPositions = new RollingWindow(RECENT_WAITED);
    }

    void apply(QueueEvent event) {
        double at = Times.seconds(event.at());
        // Java 17: no pattern switch yet; the chain covers every permitted QueueEvent.
        if (event instanceof QueueEvent.ContactEntered e) {
            enter(e.contactId(), e.priority(), at);
        } else if (event instanceof QueueEvent.ContactAbandoned e) {
            abandon(e.contactId(), at);
        } else if (event instanceof QueueEvent.ServiceStarted e) {
            start(e.contactId(), at);
        } else if (event instanceof QueueEvent.ServiceEnded e) {
            end(e.contactId(), at);
        } else if (event instanceof QueueEvent.StaffingChanged e) {
            agentsLoggedIn = e.agentsLoggedIn();
        }
    }

    private void enter(String contactId, int priority, double at) {
        if (waiting.containsKey(contactId) || inService.containsKey(contactId)) {
            return;
        }
        int ahead = 0;
        for (Waiting w : line) {
            if (w.priority() < priority) {
                break;
            }
            ahead++;
        }
        Waiting w = new Waiting(contactId, at, priority, ahead + 1, sequence++);
        waiting.put(contactId, w);
        line.add(w);
        recentArrivals.addLast(new double[] {at, priority});
        forgetArrivalsBefore(at - arrivalWindowSeconds);
    }

    private void abandon(String contactId, double at) {
        Waiting w = waiting.remove(contactId);
        if (w == null) {
            return;
        }
        line.remove(w);
        exitWaits.add(Math.max(0, at - w.enteredAt()));
        exitAbandons.add(1);
    }

    private void start(String contactId, double at) {
        Waiting w = waiting.remove(contactId);
        inService.put(contactId, new InService(at));
        if (w == null) {
            return;
        }
        line.remove(w);
        double wait = Math.max(0, at - w.enteredAt());
        exitWaits.add(wait);
        exitAbandons.add(0);
        lastEntry = Optional.of(new LastEntry(wait, w.positionAtEntry(), at));
        answered++;
        if (wait > 0) {
            waitedWaits.add(wait);
            waitedPositions.add(w.positionAtEntry());
        }
    }

    private void end(String contactId, double at) {
        InService s = inService.remove(contactId);
        if (s != null) {
            handlingTimes.add(Math.max(0, at - s.startedAt()));
        }
    }

    private void forgetArrivalsBefore(double cutoff) {
        while (!recentArrivals.isEmpty() && recentArrivals.peekFirst()[0] < cutoff) {
            recentArrivals.removeFirst();
        }
    }

    int waitingCount() {
        return waiting.size();
    }

    /** The contact at the head of the line, if anyone waits. */
    Optional<Waiting> head() {
        return line.isEmpty() ? Optional.empty() : Optional.of(line.first());
    }

    int busyAgents() {
        return inService.size();
    }

    /** Agents at work: those reported logged in, but never fewer than those seen serving. */
    int agents() {
        return Math.max(agentsLoggedIn, inService.size());
    }

    /**
     * Agents actually taking contacts at {@code now}: all of {@link #agents()}, unless the head of the line
     * has been waiting longer than {@link #STALE_WAIT_SECONDS} while some seemed free — a free agent would have
     * taken it, so those are not really there (logged out unseen, not answering) and only the busy count.
     */
    int workingAgents(double now) {
        int agents = agents();
        if (agents > inService.size() && !line.isEmpty() && now - line.first().enteredAt() > STALE_WAIT_SECONDS) {
            return inService.size();
        }
        return agents;
    }

    int freeAgents(double now) {
        return workingAgents(now) - inService.size();
    }

    /** Mean recent handling time in seconds, NaN before the first completed service. */
    double meanHandlingSeconds() {
        return handlingTimes.mean();
    }

    int handlingObservations() {
        return handlingTimes.size();
    }

    /**
     * Abandonment rate per waiting contact and second: abandons over total time spent waiting by recent exits.
     * This is the maximum-likelihood rate for exponential patience with answered waits as censored patience.
     */
    double abandonmentRate() {
        double exposure = exitWaits.sum();
        return exposure > 0 ? exitAbandons.sum() / exposure : 0;
    }

    /**
     * Arrivals per second of priorities above {@code priority}, over the recent window. Divided by the whole
     * window even when the ledger is younger: an early priority contact must not read as a flood.
     */
    double arrivalRateAbove(int priority, double now) {
        int count = 0;
        for (double[] a : recentArrivals) {
            if (a[0] >= now - arrivalWindowSeconds && a[1] > priority) {
                count++;
            }
        }
        return count / arrivalWindowSeconds;
    }

    /**
     * Seconds waited per place in line at entry, over the last few contacts that had to wait; NaN if none.
     * The ratio of sums, not the mean of ratios, so one short wait from far back does not dominate.
     */
    double recentSecondsPerPlace() {
        return waitedPositions.size() == 0 ? Double.NaN : waitedWaits.sum() / waitedPositions.sum();
    }

    /** Contacts seen both entering the line and reaching an agent. */
    long answered() {
        return answered;
    }

    Optional<LastEntry> lastEntry() {
        return lastEntry;
    }
}
