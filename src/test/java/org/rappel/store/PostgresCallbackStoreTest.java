package org.rappel.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The contract on the shared PostgreSQL store, plus two nodes claiming from it at once. */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+",
        disabledReason = "no PostgreSQL given: set RAPPEL_TEST_PG_URL (and RAPPEL_TEST_PG_USER, "
                + "RAPPEL_TEST_PG_PASSWORD) to run the PostgreSQL store tests")
class PostgresCallbackStoreTest extends CallbackStoreContract {

    @Override
    protected CallbackStore open(Clock clock, MeterRegistry registry) {
        PostgresTestDatabase.empty();
        return CallbackStores.openPostgres(PostgresTestDatabase.settings(), clock, registry);
    }

    @Test
    void claimDue_twoNodesAtOnce_neverGetTheSameCallback() throws Exception {
        int callbacks = 300;
        Set<UUID> saved = new HashSet<>();
        for (int i = 0; i < callbacks; i++) {
            saved.add(store.save(request(number(i), T0.minusMillis(i))).callback().id());
        }
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try (CallbackStore nodeB = CallbackStores.openPostgres(PostgresTestDatabase.settings(), clock,
                new SimpleMeterRegistry())) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<UUID>>> claims = new ArrayList<>();
            for (var node : List.of(new Claimer(store, NODE_A, start), new Claimer(nodeB, NODE_B, start))) {
                claims.add(nodes.submit(node));
            }
            start.countDown();
            List<UUID> byA = claims.get(0).get();
            List<UUID> byB = claims.get(1).get();

            assertThat(byA).doesNotHaveDuplicates().doesNotContainAnyElementsOf(byB);
            assertThat(byB).doesNotHaveDuplicates();
            Set<UUID> all = new HashSet<>(byA);
            all.addAll(byB);
            assertThat(all).isEqualTo(saved);
            assertThat(byA).as("both nodes got work").isNotEmpty();
            assertThat(byB).as("both nodes got work").isNotEmpty();
        } finally {
            nodes.shutdownNow();
        }
    }

    /** One node polling for due callbacks, a few at a time, until none is left. */
    private record Claimer(CallbackStore store, NodeId node, CountDownLatch start) implements Callable<List<UUID>> {
        @Override
        public List<UUID> call() throws Exception {
            start.await();
            List<UUID> mine = new ArrayList<>();
            while (true) {
                List<CallbackRequest> batch = store.claimDue(T0, node, LEASE, 7);
                if (batch.isEmpty()) {
                    return mine;
                }
                batch.forEach(c -> mine.add(c.id()));
            }
        }
    }
}
