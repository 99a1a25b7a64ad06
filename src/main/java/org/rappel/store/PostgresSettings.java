package org.rappel.store;

import java.time.Duration;
import java.util.Objects;

/**
 * The shared store for several Rappel nodes.
 *
 * @param jdbcUrl           e.g. {@code jdbc:postgresql://db.example:5432/rappel}
 * @param user              database role
 * @param password          its password; never logged
 * @param poolSize          connections of this node
 * @param connectionTimeout how long a call waits for a pooled connection before failing
 */
public record PostgresSettings(String jdbcUrl, String user, String password, int poolSize,
        Duration connectionTimeout) {

    public PostgresSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql:");
        }
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be positive");
        }
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    }

    public static PostgresSettings of(String jdbcUrl, String user, String password) {
        return new PostgresSettings(jdbcUrl, user, password, 8, Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return "PostgresSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
