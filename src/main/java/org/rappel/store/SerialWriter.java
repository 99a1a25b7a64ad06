package org.rappel.store;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite allows one writer at a time, so every write goes through one thread, {@code rappel-store-writer}, which
 * owns the write side. Writes queued while a commit is on disk are committed together in the next transaction,
 * each under its own savepoint: one fsync for the group (what keeps a surge of callback requests fast under
 * {@code synchronous=FULL}), and a failing write rolls back alone. A caller returns only after the commit of its
 * group; its result is never visible to it before it is durable.
 *
 * <p>The queue is bounded ({@code queueCapacity}): when full, a write is refused at once with
 * {@link StoreException} rather than left to wait without end. Reads do not come here: with WAL they run on other
 * pooled connections beside the writer.
 */
final class SerialWriter implements Transactions {
    private static final Logger log = LoggerFactory.getLogger(SerialWriter.class);

    private final HikariDataSource pool;
    private final BlockingQueue<Task<?>> queue;
    private final int maxGroup;
    private final Thread thread;
    private final DistributionSummary groupSizes;
    /** Guarded by {@code this}: no task is queued once closed, so the writer can drain and stop. */
    private boolean closed;

    SerialWriter(HikariDataSource pool, int queueCapacity, int maxGroup, MeterRegistry registry) {
        this.pool = pool;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.maxGroup = maxGroup;
        this.groupSizes = DistributionSummary.builder("rappel.callback.store.commit.group")
                .description("Writes committed together in one SQLite transaction (one fsync)")
                .register(registry);
        Gauge.builder("rappel.callback.store.write.queue", queue, BlockingQueue::size)
                .description("Writes waiting for the SQLite writer thread")
                .register(registry);
        this.thread = new Thread(this::runLoop, "rappel-store-writer");
        this.thread.setDaemon(false);
        this.thread.start();
    }

    @Override
    public <T> T write(Work<T> work) {
        Task<T> task = new Task<>(work);
        synchronized (this) {
            if (closed) {
                throw new StoreException("callback store is closed");
            }
            if (!queue.offer(task)) {
                throw new StoreException("callback store overloaded: " + queue.size() + " writes waiting");
            }
        }
        try {
            return task.done.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StoreException store) {
                throw store;
            }
            throw new StoreException("callback store write failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the commit; the write may still be committed");
        }
    }

    /** Writes waiting for the writer thread (not counting the group being committed). */
    int queued() {
        return queue.size();
    }

    @Override
    public <T> T read(Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("callback store read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.close();
    }

    private void runLoop() {
        List<Task<?>> group = new ArrayList<>(maxGroup);
        while (true) {
            Task<?> first;
            try {
                first = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // Only close() stops the writer, after the queue is drained; an interrupt alone is ignored.
                continue;
            }
            if (first == null) {
                if (isClosed() && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            group.add(first);
            queue.drainTo(group, maxGroup - 1);
            groupSizes.record(group.size());
            try {
                commitGroup(group);
            } catch (Throwable unexpected) {
                log.error("callback store writer failed a group of {} writes", group.size(), unexpected);
                group.forEach(task -> task.fail(unexpected));
            }
            group.clear();
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private void commitGroup(List<Task<?>> group) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (Task<?> task : group) {
                    task.runUnderSavepoint(connection);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                PooledTransactions.rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            StoreException failure = new StoreException("callback store commit failed: " + e.getMessage(), e);
            group.forEach(task -> task.fail(failure));
            return;
        }
        group.forEach(Task::complete);
    }

    /** One queued write; its result is held back until the group it ran in is committed. */
    private static final class Task<T> {
        private final Work<T> work;
        private final CompletableFuture<T> done = new CompletableFuture<>();
        private T result;
        private Exception failure;

        Task(Work<T> work) {
            this.work = work;
        }

        void runUnderSavepoint(Connection connection) throws SQLException {
            Savepoint savepoint = connection.setSavepoint();
            try {
                result = work.run(connection);
                connection.releaseSavepoint(savepoint);
            } catch (SQLException | RuntimeException e) {
                connection.rollback(savepoint);
                connection.releaseSavepoint(savepoint);
                failure = e;
            }
        }

        void complete() {
            if (failure != null) {
                done.completeExceptionally(failure);
            } else {
                done.complete(result);
            }
        }

        void fail(Throwable cause) {
            done.completeExceptionally(cause);
        }
    }
}
