package org.rappel.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Child process of {@link SqliteCrashTest}: saves callbacks and prints each id once {@code save} returned, then
 * dies at once ({@code Runtime.halt}: no close, no shutdown hooks, writes possibly still queued), as a crash would.
 */
public final class CrashingSaver {
    private CrashingSaver() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        CallbackStore store = CallbackStores.openSqlite(SqliteSettings.defaults(dataDir), Clock.systemUTC(),
                new SimpleMeterRegistry());
        Thread[] savers = new Thread[4];
        for (int t = 0; t < savers.length; t++) {
            int first = t * count;
            savers[t] = new Thread(() -> {
                for (int i = first; i < first + count; i++) {
                    String number = "+3361234" + String.format("%04d", i);
                    SaveOutcome saved = store.save(new NewCallback("impots", number, number,
                            Instant.parse("2026-11-26T09:00:00Z").plusMillis(i), 0, "fr", Map.of(),
                            ChannelOrigin.PHONE, Optional.empty()));
                    synchronized (System.out) {
                        System.out.println("CONFIRMED " + saved.callback().id());
                        System.out.flush();
                    }
                }
            });
            savers[t].start();
        }
        // Die while the savers are still at work: some writes are queued, one group may be half-committed.
        savers[0].join();
        Runtime.getRuntime().halt(137);
    }
}
