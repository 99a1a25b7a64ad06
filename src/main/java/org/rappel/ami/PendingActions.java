package org.rappel.ami;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Actions sent and not yet answered, by ActionID; each fails on its own after the action timeout. Owned by the
 * connection's event loop (every method runs there, and so do the futures' callbacks). Futures complete after
 * the entry is gone, so a callback may send again.
 */
final class PendingActions {
    private record Pending(String action, CompletableFuture<AmiResponse> future, ScheduledFuture<?> timer) {
    }

    private final Map<String, Pending> byId = new HashMap<>();
    private final EventLoop loop;
    private final Duration timeout;
    private final AmiMetrics metrics;

    PendingActions(EventLoop loop, Duration timeout, AmiMetrics metrics) {
        this.loop = loop;
        this.timeout = timeout;
        this.metrics = metrics;
    }

    void add(String actionId, String action, CompletableFuture<AmiResponse> future) {
        add(actionId, action, future, timeout);
    }

    /** With its own patience: a synchronous Originate is answered only once the call is. */
    void add(String actionId, String action, CompletableFuture<AmiResponse> future, Duration patience) {
        ScheduledFuture<?> timer = loop.schedule(() -> expire(actionId, patience), patience.toNanos(),
                TimeUnit.NANOSECONDS);
        byId.put(actionId, new Pending(action, future, timer));
    }

    /** @return false when no action waits for this response (already timed out, or not ours) */
    boolean complete(AmiResponse response) {
        Pending p = response.actionId().map(byId::remove).orElse(null);
        if (p == null) {
            return false;
        }
        p.timer.cancel(false);
        metrics.action(p.action, response.isSuccess() ? "success" : response.response().toLowerCase());
        p.future.complete(response);
        return true;
    }

    void fail(String actionId, Throwable cause, String outcome) {
        Pending p = byId.remove(actionId);
        if (p != null) {
            p.timer.cancel(false);
            metrics.action(p.action, outcome);
            p.future.completeExceptionally(cause);
        }
    }

    void failAll(String reason) {
        List<Pending> all = new ArrayList<>(byId.values());
        byId.clear();
        for (Pending p : all) {
            p.timer.cancel(false);
            metrics.action(p.action, "disconnected");
            p.future.completeExceptionally(new AmiConnectionException(reason));
        }
    }

    int size() {
        return byId.size();
    }

    private void expire(String actionId, Duration patience) {
        Pending p = byId.get(actionId);
        if (p != null) {
            fail(actionId, new TimeoutException(p.action + " " + actionId + ": no response within " + patience),
                    "timeout");
        }
    }
}
