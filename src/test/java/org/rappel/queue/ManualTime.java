package org.rappel.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock that moves only when told, and the scheduler that goes with it: due tasks run inside {@link #advance}. */
final class ManualTime extends Clock implements Scheduler {

    private record Task(Instant due, long order, Runnable task, boolean[] cancelled) {
    }

    private Instant now;
    private long order;
    private final List<Task> tasks = new ArrayList<>();

    ManualTime(Instant start) {
        this.now = start;
    }

    void advance(Duration duration) {
        Instant target = now.plus(duration);
        while (true) {
            Task next = tasks.stream().filter(t -> !t.due.isAfter(target))
                    .min(Comparator.comparing(Task::due).thenComparingLong(Task::order)).orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = next.due;
            if (!next.cancelled[0]) {
                next.task.run();
            }
        }
        now = target;
    }

    long pendingTasks() {
        return tasks.stream().filter(t -> !t.cancelled[0]).count();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        tasks.add(new Task(now.plus(delay), order++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
