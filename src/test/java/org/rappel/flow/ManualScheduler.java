package org.rappel.flow;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A session executor for tests: tasks run only when the test says ({@link #runReady()}), on the test's thread,
 * one after the other (never nested), and time moves only by {@link #advance}. Not thread-safe: one test thread.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final Deque<Runnable> ready = new ArrayDeque<>();
    private final PriorityQueue<Timer<?>> timers = new PriorityQueue<>();
    private long nowNanos;
    private long sequence;
    private boolean running;

    @Override
    public void execute(Runnable task) {
        ready.add(task);
    }

    /** Runs queued tasks, and those they queue, until none is left. */
    void runReady() {
        if (running) {
            return;
        }
        running = true;
        try {
            Runnable task;
            while ((task = ready.poll()) != null) {
                task.run();
            }
        } finally {
            running = false;
        }
    }

    /** Moves time forward, running each timer as it falls due and the tasks that follow it. */
    void advance(Duration duration) {
        long target = nowNanos + duration.toNanos();
        runReady();
        Timer<?> timer;
        while ((timer = timers.peek()) != null && timer.dueNanos <= target) {
            timers.poll();
            nowNanos = Math.max(nowNanos, timer.dueNanos);
            timer.fire();
            runReady();
        }
        nowNanos = target;
    }

    long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(nowNanos);
    }

    int pendingTimers() {
        return timers.size();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(new Timer<>(() -> {
            command.run();
            return null;
        }, nowNanos + unit.toNanos(delay), 0));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(new Timer<>(callable, nowNanos + unit.toNanos(delay), 0));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(new Timer<>(() -> {
            command.run();
            return null;
        }, nowNanos + unit.toNanos(initialDelay), unit.toNanos(period)));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return scheduleAtFixedRate(command, initialDelay, delay, unit);
    }

    private <V> Timer<V> add(Timer<V> timer) {
        timers.add(timer);
        return timer;
    }

    @Override
    public void shutdown() {
    }

    @Override
    public List<Runnable> shutdownNow() {
        return new ArrayList<>();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return false;
    }

    private final class Timer<V> implements ScheduledFuture<V> {
        private final Callable<V> task;
        private final long periodNanos;
        private final long order = sequence++;
        private long dueNanos;
        private boolean cancelled;
        private boolean done;
        private V value;

        Timer(Callable<V> task, long dueNanos, long periodNanos) {
            this.task = task;
            this.dueNanos = dueNanos;
            this.periodNanos = periodNanos;
        }

        void fire() {
            try {
                value = task.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (periodNanos > 0) {
                dueNanos += periodNanos;
                timers.add(this);
            } else {
                done = true;
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - nowNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Timer<?> that = (Timer<?>) other;
            int byDue = Long.compare(dueNanos, that.dueNanos);
            return byDue != 0 ? byDue : Long.compare(order, that.order);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (done || cancelled) {
                return false;
            }
            cancelled = true;
            timers.remove(this);
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public V get() throws ExecutionException {
            if (cancelled) {
                throw new CancellationException();
            }
            if (!done) {
                throw new IllegalStateException("a manual timer is done only once time has been advanced");
            }
            return value;
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws ExecutionException, TimeoutException {
            return get();
        }
    }
}
