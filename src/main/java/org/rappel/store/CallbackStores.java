package org.rappel.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens a {@link CallbackStore}: migrates the schema (Flyway, {@code db/migration/<dialect>}) and returns a store
 * ready for work. A store that cannot be opened fails the start with a {@link StoreException} saying why.
 */
public final class CallbackStores {
    private static final Logger log = LoggerFactory.getLogger(CallbackStores.class);

    private CallbackStores() {
    }

    /**
     * The embedded store: WAL journal, {@code synchronous=FULL} (a commit is fsync'd before it returns), every
     * write on one writer thread.
     */
    public static CallbackStore openSqlite(SqliteSettings settings, Clock clock, MeterRegistry registry) {
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new StoreException("cannot create the data folder " + settings.dataDir() + ": " + e, e);
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.setBusyTimeout((int) settings.busyTimeout().toMillis());
        sqlite.enforceForeignKeys(true);
        // The write lock is taken at BEGIN, so a transaction never fails half-way on a lock upgrade.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl("jdbc:sqlite:" + settings.file().toAbsolutePath());

        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setPoolName("rappel-store-sqlite");
        // The writer takes one connection per group commit; readers use the others.
        config.setMaximumPoolSize(settings.readPoolSize() + 1);
        HikariDataSource pool = open(config);
        migrate(pool, SqlDialect.SQLITE);
        SerialWriter writer = new SerialWriter(pool, settings.writeQueueCapacity(), settings.maxGroupCommit(),
                registry);
        log.info("callback store: SQLite {}", settings.file().toAbsolutePath());
        return new JdbcCallbackStore(SqlDialect.SQLITE, writer, clock, new StoreMetrics(registry, "sqlite"));
    }

    /** The shared store: claims use {@code FOR UPDATE SKIP LOCKED} so that nodes never dial the same callback. */
    public static CallbackStore openPostgres(PostgresSettings settings, Clock clock, MeterRegistry registry) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setPoolName("rappel-store-postgresql");
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        HikariDataSource pool = open(config);
        migrate(pool, SqlDialect.POSTGRESQL);
        log.info("callback store: PostgreSQL {}", settings.jdbcUrl());
        return new JdbcCallbackStore(SqlDialect.POSTGRESQL, new PooledTransactions(pool), clock,
                new StoreMetrics(registry, "postgresql"));
    }

    private static HikariDataSource open(HikariConfig config) {
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the callback store (" + config.getPoolName() + "): "
                    + e.getMessage(), e);
        }
    }

    private static void migrate(HikariDataSource pool, SqlDialect dialect) {
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations(dialect.migrations())
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new StoreException("callback store schema migration failed: " + e.getMessage(), e);
        }
    }
}
