package org.rappel.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * PostgreSQL: every write is its own transaction on a pooled connection, run on the caller's thread; the server
 * does the concurrency control (row locks, {@code SKIP LOCKED}). Thread-safe.
 */
final class PooledTransactions implements Transactions {
    private final HikariDataSource pool;

    PooledTransactions(HikariDataSource pool) {
        this.pool = pool;
    }

    @Override
    public <T> T write(Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("callback store write failed: " + e.getMessage(), e);
        }
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
        pool.close();
    }

    static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
