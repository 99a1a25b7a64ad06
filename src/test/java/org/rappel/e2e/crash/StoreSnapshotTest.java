package org.rappel.e2e.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rappel.store.AttemptOutcome;
import org.rappel.store.AttemptReport;
import org.rappel.store.CallbackStore;
import org.rappel.store.CallbackStores;
import org.rappel.store.ChannelOrigin;
import org.rappel.store.Disposition;
import org.rappel.store.NewCallback;
import org.rappel.store.NodeId;
import org.rappel.store.SqliteSettings;

/** The test's own reader sees what the real store wrote, in the schema's words, while the store is open. */
class StoreSnapshotTest {
    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    private static final NodeId NODE = new NodeId("crash-node");

    @TempDir
    Path dir;

    @Test
    void sqlite_readsRequestsAndAttempts_whileTheStoreIsOpen() {
        StoreSnapshot.Source source = StoreSnapshot.Source.sqlite(dir.resolve(SqliteSettings.FILE_NAME));
        assertThat(source.read().callbacks()).as("no file yet").isEmpty();
        try (CallbackStore store = CallbackStores.openSqlite(SqliteSettings.defaults(dir),
                Clock.fixed(T0, ZoneOffset.UTC), new SimpleMeterRegistry())) {
            UUID done = store.save(request("+33611000001")).callback().id();
            UUID pending = store.save(request("+33611000002")).callback().id();
            store.claim(done, T0, NODE, Duration.ofSeconds(30)).orElseThrow();
            store.markDialing(done, NODE, T0.plusSeconds(30));
            store.recordAttempt(done, NODE, new AttemptReport(T0, T0.plusSeconds(5), AttemptOutcome.ANSWERED,
                    "originate reason 4"), new Disposition.Done()).orElseThrow();

            StoreSnapshot snapshot = source.read();

            assertThat(snapshot.byId()).containsOnlyKeys(done.toString(), pending.toString());
            assertThat(snapshot.byId().get(done.toString()).state()).isEqualTo("DONE");
            assertThat(snapshot.byId().get(pending.toString()))
                    .extracting(StoreSnapshot.Callback::state, StoreSnapshot.Callback::number,
                            StoreSnapshot.Callback::service)
                    .containsExactly("PENDING", "+33611000002", "prestations");
            assertThat(snapshot.attempts()).singleElement()
                    .extracting(StoreSnapshot.Attempt::callbackId, StoreSnapshot.Attempt::outcome)
                    .containsExactly(done.toString(), "ANSWERED");
            assertThat(snapshot.countByState()).containsExactly(Map.entry("DONE", 1L), Map.entry("PENDING", 1L));
        }
    }

    private static NewCallback request(String number) {
        return new NewCallback("prestations", number, number, T0, 0, "fr", Map.of(), ChannelOrigin.PHONE,
                Optional.empty());
    }
}
