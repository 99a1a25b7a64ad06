package org.rappel.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.rappel.store.PostgresSettings;

/**
 * Where callback promises are kept, as configured under {@code store:}.
 *
 * @param dataDir  the embedded SQLite store's folder (file {@code callbacks.db}); used when {@code postgres} is
 *                 empty
 * @param postgres the shared PostgreSQL database, for several Rappel nodes
 */
public record StoreSettings(Path dataDir, Optional<PostgresSettings> postgres) {

    public StoreSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(postgres, "postgres");
    }

    /** SQLite in {@code data/} under the working folder. */
    public static StoreSettings defaults() {
        return new StoreSettings(Path.of("data"), Optional.empty());
    }
}
