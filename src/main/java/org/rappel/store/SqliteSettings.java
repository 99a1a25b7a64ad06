package org.rappel.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The embedded store: one SQLite file {@code callbacks.db} in {@code dataDir}.
 *
 * @param writeQueueCapacity writes that may wait for the writer thread before new ones are refused
 * @param maxGroupCommit     writes committed together in one transaction (one fsync) at most
 * @param readPoolSize       connections for reads beside the writer
 * @param busyTimeout        how long a connection waits for a lock held by another process (a backup tool)
 */
public record SqliteSettings(Path dataDir, int writeQueueCapacity, int maxGroupCommit, int readPoolSize,
        Duration busyTimeout) {

    public static final String FILE_NAME = "callbacks.db";

    public SqliteSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        if (writeQueueCapacity < 1 || maxGroupCommit < 1 || readPoolSize < 1) {
            throw new IllegalArgumentException("queue capacity, group size and pool size must be positive");
        }
        Objects.requireNonNull(busyTimeout, "busyTimeout");
    }

    public static SqliteSettings defaults(Path dataDir) {
        return new SqliteSettings(dataDir, 10_000, 256, 4, Duration.ofSeconds(5));
    }

    public Path file() {
        return dataDir.resolve(FILE_NAME);
    }
}
