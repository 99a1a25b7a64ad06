package org.rappel.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A promise confirmed to the citizen survives the process dying: a child JVM saves callbacks from four threads
 * and is halted while writes are still queued; every id it printed after {@code save} returned must be in the
 * file when a new store opens it.
 */
class SqliteCrashTest {
    @TempDir
    Path dataDir;

    @Test
    void save_processHaltedMidSurge_everyConfirmedCallbackIsThere() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-DRAPPEL_LOG_LEVEL=WARN", CrashingSaver.class.getName(), dataDir.toString(), "200")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Set<UUID> confirmed = new HashSet<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("CONFIRMED ")) {
                    confirmed.add(UUID.fromString(line.substring("CONFIRMED ".length())));
                }
            }
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("the child was halted, not closed").isEqualTo(137);

        try (CallbackStore reopened = CallbackStores.openSqlite(SqliteSettings.defaults(dataDir),
                Clock.systemUTC(), new SimpleMeterRegistry())) {
            List<CallbackRequest> pending = reopened.loadPending();
            Set<UUID> stored = pending.stream().map(CallbackRequest::id).collect(Collectors.toSet());

            assertThat(confirmed).hasSizeGreaterThanOrEqualTo(200);
            assertThat(stored).containsAll(confirmed);
        }
    }
}
