package org.rappel.sim.load;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.rappel.sim.agi.AgiStatus;
import org.rappel.sim.agi.CallOutcome;
import org.rappel.sim.agi.CallTranscript;

/**
 * Tallies the calls of a load run: outcomes by AGISTATUS, failures by reason, and two latency histograms
 * (server command latency; hang-up notice to server close). Calls end on event-loop threads, so every
 * method is synchronized; contention is one short lock per call.
 */
final class LoadReport {

    private final Histogram commandLatencyMicros = new Histogram(60_000_000L, 3);
    private final Histogram closeAfterNoticeMicros = new Histogram(600_000_000L, 3);
    private final Histogram closeAfterHangupMicros = new Histogram(600_000_000L, 3);
    private final Map<AgiStatus, Integer> statuses = new EnumMap<>(AgiStatus.class);
    private final Map<String, Integer> failures = new TreeMap<>();
    private int completed;
    private int failed;

    synchronized void record(CallTranscript transcript) {
        CallOutcome outcome = transcript.outcome().orElseThrow();
        if (outcome.connectFailed()) {
            failed("connection refused");
            return;
        }
        completed++;
        statuses.merge(outcome.status(), 1, Integer::sum);
        for (long nanos : transcript.serverLatencies()) {
            commandLatencyMicros.recordValue(Math.min(nanos / 1000, commandLatencyMicros.getHighestTrackableValue()));
        }
        outcome.closeAfterHangup().ifPresent(d -> closeAfterHangupMicros.recordValue(
                Math.min(d.toNanos() / 1000, closeAfterHangupMicros.getHighestTrackableValue())));
        outcome.closeAfterHangupNotice().ifPresent(d -> closeAfterNoticeMicros.recordValue(
                Math.min(d.toNanos() / 1000, closeAfterNoticeMicros.getHighestTrackableValue())));
    }

    synchronized void failed(String reason) {
        failed++;
        failures.merge(reason, 1, Integer::sum);
    }

    synchronized int failedCount() {
        return failed;
    }

    synchronized String summary(int calls, int concurrency, double seconds) {
        StringBuilder out = new StringBuilder();
        out.append(LoadTest.format("calls %d, concurrency %d, %.2f s%n", calls, concurrency, seconds));
        out.append(LoadTest.format("sessions/s %.1f%n", completed / seconds));
        out.append(LoadTest.format("completed %d %s, failed %d %s%n", completed, statuses, failed, failures));
        out.append(LoadTest.format("server command latency us: p50 %d, p90 %d, p99 %d, max %d (%d commands)%n",
                commandLatencyMicros.getValueAtPercentile(50), commandLatencyMicros.getValueAtPercentile(90),
                commandLatencyMicros.getValueAtPercentile(99), commandLatencyMicros.getMaxValue(),
                commandLatencyMicros.getTotalCount()));
        if (closeAfterHangupMicros.getTotalCount() > 0) {
            out.append(LoadTest.format("server close after the hang-up ms: p50 %.1f, p99 %.1f, max %.1f (%d calls)%n",
                    closeAfterHangupMicros.getValueAtPercentile(50) / 1000.0,
                    closeAfterHangupMicros.getValueAtPercentile(99) / 1000.0,
                    closeAfterHangupMicros.getMaxValue() / 1000.0, closeAfterHangupMicros.getTotalCount()));
        }
        if (closeAfterNoticeMicros.getTotalCount() > 0) {
            out.append(LoadTest.format("server close after HANGUP line ms: p50 %.1f, p99 %.1f, max %.1f (%d calls)%n",
                    closeAfterNoticeMicros.getValueAtPercentile(50) / 1000.0,
                    closeAfterNoticeMicros.getValueAtPercentile(99) / 1000.0,
                    closeAfterNoticeMicros.getMaxValue() / 1000.0, closeAfterNoticeMicros.getTotalCount()));
        }
        return out.toString();
    }
}
