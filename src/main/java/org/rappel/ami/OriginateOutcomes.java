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
 * Asynchronous Originates waiting for their {@code OriginateResponse}, by ActionID. Asterisk sends that event to
 * every logged-in session, so one that is not ours is simply not found. Owned by the connection's event loop.
 */
final class OriginateOutcomes {
    private record Waiting(CompletableFuture<OriginateResponseEvent> future, ScheduledFuture<?> timer) {
    }

    private final Map<String, Waiting> byId = new HashMap<>();
    private final EventLoop loop;

    OriginateOutcomes(EventLoop loop) {
        this.loop = loop;
    }

    void add(String actionId, CompletableFuture<OriginateResponseEvent> future, Duration patience) {
        ScheduledFuture<?> timer = loop.schedule(() -> fail(actionId, new TimeoutException(
                "no OriginateResponse for " + actionId + " within " + patience)), patience.toNanos(),
                TimeUnit.NANOSECONDS);
        byId.put(actionId, new Waiting(future, timer));
    }

    void complete(OriginateResponseEvent event) {
        Waiting w = byId.remove(event.originateActionId());
        if (w != null) {
            w.timer.cancel(false);
            w.future.complete(event);
        }
    }

    void fail(String actionId, Throwable cause) {
        Waiting w = byId.remove(actionId);
        if (w != null) {
            w.timer.cancel(false);
            w.future.completeExceptionally(cause);
        }
    }

    void failAll(String reason) {
        List<Waiting> all = new ArrayList<>(byId.values());
        byId.clear();
        for (Waiting w : all) {
            w.timer.cancel(false);
            w.future.completeExceptionally(new AmiConnectionException(reason));
        }
    }
}
