package org.rappel.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL the tests use, named by {@code RAPPEL_TEST_PG_URL}, {@code RAPPEL_TEST_PG_USER} and
 * {@code RAPPEL_TEST_PG_PASSWORD} (CI sets them; see the store section of the README for a local server).
 */
public final class PostgresTestDatabase {
    public static final String URL_VARIABLE = "RAPPEL_TEST_PG_URL";

    private PostgresTestDatabase() {
    }

    public static PostgresSettings settings() {
        String url = System.getenv(URL_VARIABLE);
        String user = System.getenv().getOrDefault("RAPPEL_TEST_PG_USER", "postgres");
        String password = System.getenv().getOrDefault("RAPPEL_TEST_PG_PASSWORD", "");
        return PostgresSettings.of(url, user, password);
    }

    /** Empties the callback tables, if a previous test created them, so each test starts from nothing. */
    public static void empty() {
        PostgresSettings settings = settings();
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(),
                settings.password());
                Statement statement = connection.createStatement()) {
            statement.execute("DO $$ BEGIN IF to_regclass('callback_request') IS NOT NULL THEN "
                    + "TRUNCATE callback_attempt, callback_request; END IF; END $$");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test database: " + e.getMessage(), e);
        }
    }
}
