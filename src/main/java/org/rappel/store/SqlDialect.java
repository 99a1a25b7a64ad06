package org.rappel.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The few places where SQLite and PostgreSQL SQL differ. Statements are written once with {@code {json}},
 * {@code {least}}, {@code {greatest}} and {@code {lock}} markers, which each dialect fills in.
 */
enum SqlDialect {
    SQLITE("?", "min", "max", "") {
        @Override
        void bindId(PreparedStatement statement, int index, UUID id) throws SQLException {
            statement.setString(index, id.toString());
        }
    },
    POSTGRESQL("CAST(? AS jsonb)", "LEAST", "GREATEST", "FOR UPDATE SKIP LOCKED") {
        @Override
        void bindId(PreparedStatement statement, int index, UUID id) throws SQLException {
            statement.setObject(index, id);
        }
    };

    private final String jsonParameter;
    private final String least;
    private final String greatest;
    private final String lockSkipLocked;

    SqlDialect(String jsonParameter, String least, String greatest, String lockSkipLocked) {
        this.jsonParameter = jsonParameter;
        this.least = least;
        this.greatest = greatest;
        this.lockSkipLocked = lockSkipLocked;
    }

    abstract void bindId(PreparedStatement statement, int index, UUID id) throws SQLException;

    /** Flyway location of this dialect's migrations. */
    String migrations() {
        return "classpath:db/migration/" + name().toLowerCase(java.util.Locale.ROOT);
    }

    String resolve(String template) {
        return template.replace("{json}", jsonParameter)
                .replace("{least}", least)
                .replace("{greatest}", greatest)
                .replace("{lock}", lockSkipLocked);
    }
}
