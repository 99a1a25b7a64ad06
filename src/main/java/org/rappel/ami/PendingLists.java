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
 * Event-list actions ({@code CoreShowChannels}, {@code QueueStatus}…) collecting their items, by ActionID. Asterisk
 * answers {@code Response: Success} with {@code EventList: start}, sends one event per item, then a
 * {@code ...Complete} event with {@code EventList: Complete} and {@code ListItems}, all with the request's ActionID.
 * Each list fails on its own when it is not complete within its patience. Owned by the connection's event loop;
 * futures complete after the entry is gone.
 */
final class PendingLists {
    private record Collecting(String action, List<AmiEvent> items, CompletableFuture<List<AmiEvent>> future,
                              ScheduledFuture<?> timer) {
    }

    private final Map<String, Collecting> byId = new HashMap<>();
    private final EventLoop loop;

    PendingLists(EventLoop loop) {
        this.loop = loop;
    }

    void add(String actionId, String action, CompletableFuture<List<AmiEvent>> future, Duration patience) {
        ScheduledFuture<?> timer = loop.schedule(() -> fail(actionId, new TimeoutException(
                action + " " + actionId + ": list not complete within " + patience)), patience.toNanos(),
                TimeUnit.NANOSECONDS);
        byId.put(actionId, new Collecting(action, new ArrayList<>(), future, timer));
    }

    /**
     * @return true when the event belongs to a list being collected (an item, or its end): it is an answer, not
     *         news for the event listeners
     */
    boolean offer(AmiEvent event) {
        Collecting c = event.actionId().map(byId::get).orElse(null);
        if (c == null) {
            return false;
        }
        boolean complete = event.headers().first("EventList").filter("Complete"::equalsIgnoreCase).isPresent();
        if (!complete) {
            c.items.add(event);
            return true;
        }
        byId.remove(event.actionId().get());
        c.timer.cancel(false);
        long announced = event.headers().first("ListItems").map(PendingLists::count).orElse(-1L);
        if (announced >= 0 && announced != c.items.size()) {
            c.future.completeExceptionally(new IllegalStateException(c.action + ": " + c.items.size()
                    + " items received, " + announced + " announced by " + event.name()));
        } else {
            c.future.complete(List.copyOf(c.items));
        }
        return true;
    }

    void fail(String actionId, Throwable cause) {
        Collecting c = byId.remove(actionId);
        if (c != null) {
            c.timer.cancel(false);
            c.future.completeExceptionally(cause);
        }
    }

    void failAll(String reason) {
        List<Collecting> all = new ArrayList<>(byId.values());
        byId.clear();
        for (Collecting c : all) {
            c.timer.cancel(false);
            c.future.completeExceptionally(new AmiConnectionException(reason));
        }
    }

    private static long count(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
