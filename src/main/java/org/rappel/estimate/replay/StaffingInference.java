package org.rappel.estimate.replay;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Staffing of one service guessed from a trace, which does not record logins: an agent counts as logged in
 * while serving and for {@code windowSeconds} after its last service started or ended. Contacts served by an
 * unknown agent still count: staffing is never below the peak number of contacts served at once within the
 * window. Known errors: an agent who logs out is counted up to a window too long (the estimators then see a
 * free agent that is not there); an agent logged in but idle for longer than the window is missed.
 *
 * <p>Threading: owned by the replay's thread; times must not go backwards.
 */
final class StaffingInference {

    private final double windowSeconds;
    private final Map<String, Double> lastSeen = new HashMap<>();
    private final Map<String, Integer> servingByAgent = new HashMap<>();
    private int serving;
    /** (time, serving) samples, values decreasing from front to back: the front is the window's peak. */
    private final ArrayDeque<double[]> peaks = new ArrayDeque<>();

    StaffingInference(double windowSeconds) {
        if (!(windowSeconds > 0)) {
            throw new IllegalArgumentException("windowSeconds must be > 0: " + windowSeconds);
        }
        this.windowSeconds = windowSeconds;
    }

    void serviceStarted(Optional<String> agent, double at) {
        serving++;
        agent.ifPresent(a -> {
            servingByAgent.merge(a, 1, Integer::sum);
            lastSeen.put(a, at);
        });
        sample(at);
    }

    void serviceEnded(Optional<String> agent, double at) {
        serving = Math.max(0, serving - 1);
        agent.ifPresent(a -> {
            servingByAgent.computeIfPresent(a, (k, n) -> n > 1 ? n - 1 : null);
            lastSeen.put(a, at);
        });
        sample(at);
    }

    /** Agents believed logged in at {@code now}. */
    int agents(double now) {
        double cutoff = now - windowSeconds;
        while (peaks.size() > 1 && peaks.peekFirst()[0] < cutoff) {
            peaks.removeFirst();
        }
        lastSeen.values().removeIf(seen -> seen < cutoff);
        int named = lastSeen.size();
        for (String agent : servingByAgent.keySet()) {
            if (!lastSeen.containsKey(agent)) {
                named++;
            }
        }
        int peak = peaks.isEmpty() ? 0 : (int) peaks.peekFirst()[1];
        return Math.max(Math.max(named, peak), serving);
    }

    private void sample(double at) {
        while (!peaks.isEmpty() && peaks.peekLast()[1] <= serving) {
            peaks.removeLast();
        }
        peaks.addLast(new double[] {at, serving});
    }
}
