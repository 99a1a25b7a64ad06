package org.rappel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded SQLite store, plus what only a file on this machine can show. */
class SqliteCallbackStoreTest extends CallbackStoreContract {

    @TempDir
    Path dataDir;

    @Override
    protected CallbackStore open(Clock clock, MeterRegistry registry) {
        return CallbackStores.openSqlite(SqliteSettings.defaults(dataDir), clock, registry);
    }

    @Test
    void save_thenReopenOnTheSameFile_theCallbackIsThere() {
        CallbackRequest saved = store.save(request("+33612345678", T0)).callback();
        store.close();

        SimpleMeterRegistry again = new SimpleMeterRegistry();
        store = open(clock, again);

        assertThat(store.find(saved.id())).contains(saved);
        assertThat(store.loadPending()).containsExactly(saved);
        assertThat(again.get("rappel.callback.pending").gauge().value()).as("gauge counted at open").isEqualTo(1.0);
    }

    @Test
    void open_writesAWalJournalFileInTheDataFolder() throws Exception {
        store.save(request("+33612345678", T0));

        assertThat(Files.exists(dataDir.resolve(SqliteSettings.FILE_NAME))).isTrue();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteSettings.FILE_NAME));
                Statement statement = raw.createStatement();
                ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
            mode.next();
            assertThat(mode.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void open_everyConnectionFsyncsOnCommit() {
        JdbcCallbackStore jdbc = (JdbcCallbackStore) store;
        for (int i = 0; i < 3; i++) {
            int synchronous = jdbc.read(connection -> {
                try (Statement statement = connection.createStatement();
                        ResultSet mode = statement.executeQuery("PRAGMA synchronous")) {
                    mode.next();
                    return mode.getInt(1);
                }
            });
            assertThat(synchronous).as("synchronous=FULL").isEqualTo(2);
        }
    }

    @Test
    void save_afterClose_isRefusedWithAClearError() {
        store.close();

        assertThatThrownBy(() -> store.save(request("+33612345678", T0)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("closed");
    }
}
