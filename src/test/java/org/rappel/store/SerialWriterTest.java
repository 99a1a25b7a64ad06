package org.rappel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite single writer: group commit with a savepoint per write, and a bounded queue that refuses. */
class SerialWriterTest {
    @TempDir
    Path dir;

    private HikariDataSource pool;
    private SerialWriter writer;
    private final ExecutorService callers = Executors.newFixedThreadPool(4);
    private final CountDownLatch holdWriter = new CountDownLatch(1);

    @BeforeEach
    void open() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + dir.resolve("w.db"));
        config.setMaximumPoolSize(3);
        pool = new HikariDataSource(config);
        writer = new SerialWriter(pool, 2, 16, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        writer.write(c -> execute(c.createStatement(), "CREATE TABLE t (v INTEGER NOT NULL CHECK (v > 0))"));
    }

    @AfterEach
    void close() {
        holdWriter.countDown();
        callers.shutdownNow();
        writer.close();
    }

    @Test
    void write_failingWriteInAGroup_rollsBackAloneOthersCommitted() throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Future<Integer> blocker = callers.submit(() -> writer.write(c -> {
            started.complete(null);
            waitFor(holdWriter);
            return execute(c.createStatement(), "INSERT INTO t VALUES (1)");
        }));
        started.get(10, TimeUnit.SECONDS);
        Future<Integer> good = callers.submit(() -> writer.write(c -> execute(c.createStatement(),
                "INSERT INTO t VALUES (2)")));
        Future<Integer> bad = callers.submit(() -> writer.write(c -> execute(c.createStatement(),
                "INSERT INTO t VALUES (-1)")));
        await().atMost(10, TimeUnit.SECONDS).until(() -> writer.queued() == 2);

        holdWriter.countDown();

        assertThat(blocker.get()).isEqualTo(1);
        assertThat(good.get()).isEqualTo(1);
        assertThatThrownBy(bad::get).hasCauseInstanceOf(StoreException.class).hasMessageContaining("CHECK");
        String committed = writer.read(c -> {
            var rows = c.createStatement().executeQuery("SELECT group_concat(v) FROM (SELECT v FROM t ORDER BY v)");
            rows.next();
            return rows.getString(1);
        });
        assertThat(committed).isEqualTo("1,2");
    }

    @Test
    void write_queueFull_refusedAtOnce() throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        callers.submit(() -> writer.write(c -> {
            started.complete(null);
            waitFor(holdWriter);
            return 0;
        }));
        started.get(10, TimeUnit.SECONDS);
        callers.submit(() -> writer.write(c -> 0));
        callers.submit(() -> writer.write(c -> 0));
        await().atMost(10, TimeUnit.SECONDS).until(() -> writer.queued() == 2);

        assertThatThrownBy(() -> writer.write(c -> 0))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("overloaded");
    }

    private static int execute(Statement statement, String sql) throws java.sql.SQLException {
        try (statement) {
            return statement.executeUpdate(sql);
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test latch never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
