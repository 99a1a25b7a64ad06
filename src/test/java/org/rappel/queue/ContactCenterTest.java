package org.rappel.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContactCenterTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ContactCenter center = ContactCenter.withOwnThread(
            List.of(ServiceConfig.of("tax"), ServiceConfig.of("housing")),
            List.of(new AgentConfig("a1", "PJSIP/agent101", Map.of("tax", 1), Duration.ofMillis(50)),
                    new AgentConfig("a2", "PJSIP/agent102", Map.of("housing", 1), Duration.ZERO)),
            Clock.systemUTC(), registry);

    @AfterEach
    void close() {
        center.close();
    }

    private static Contact call(String id, String service) {
        return Contact.of(id, ContactKind.LIVE_CALL, service, Instant.now());
    }

    @Test
    void enqueue_fromManyThreads_allQueuedInOrderOfArrival() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<CompletableFuture<ContactStatus>> results = new CopyOnWriteArrayList<>();
        Instant arrival = Instant.parse("2026-11-26T09:00:00Z");
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 250; i++) {
                    results.add(center.enqueue(Contact.of("t" + thread + "-" + i, ContactKind.LIVE_CALL, "tax",
                            arrival.plusSeconds(i * 4L + thread))));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(center.size("tax").get()).isEqualTo(1000);
        QueueSnapshot snapshot = center.snapshot().get();
        List<WaitingContact> tax = snapshot.services().get(0).waiting();
        assertThat(tax).hasSize(1000);
        for (int i = 0; i < tax.size(); i++) {
            assertThat(tax.get(i).position()).isEqualTo(i + 1);
            assertThat(tax.get(i).contact().id()).isEqualTo("t" + (i % 4) + "-" + (i / 4));
        }
        ContactStatus status = center.status("t2-100").get();
        assertThat(((ContactStatus.Waiting) status).position()).isEqualTo(100 * 4 + 2 + 1);
    }

    @Test
    void assignment_listenerAndFuturesOnOwnerThread() throws Exception {
        AtomicReference<String> listenerThread = new AtomicReference<>();
        List<Assignment> assignments = new CopyOnWriteArrayList<>();
        center.addAssignmentListener(assignment -> {
            listenerThread.set(Thread.currentThread().getName());
            assignments.add(assignment);
        });
        center.login("a1").get();
        center.enqueue(call("c1", "tax")).get();

        assertThat(assignments).extracting(Assignment::agentId, Assignment::dialString)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a1", "PJSIP/agent101"));
        assertThat(listenerThread.get()).isEqualTo("rappel-queue");
    }

    @Test
    void enqueue_futureCompletesOnOwnerThread() throws Exception {
        ScheduledExecutorService owner = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "given-owner"));
        try {
            ContactCenter onGiven = new ContactCenter(List.of(ServiceConfig.of("tax")),
                    List.of(new AgentConfig("a1", "PJSIP/agent101", Map.of("tax", 1), Duration.ZERO)),
                    owner, Clock.systemUTC(), new SimpleMeterRegistry());
            CountDownLatch ownerBusy = new CountDownLatch(1);
            owner.execute(() -> awaitQuietly(ownerBusy));
            AtomicReference<String> futureThread = new AtomicReference<>();
            // attached before the owner can run the command, so it runs where the future completes
            CompletableFuture<Void> done = onGiven.enqueue(call("c1", "tax"))
                    .thenRun(() -> futureThread.set(Thread.currentThread().getName()));
            ownerBusy.countDown();
            done.get(10, TimeUnit.SECONDS);
            assertThat(futureThread.get()).isEqualTo("given-owner");
        } finally {
            owner.shutdownNow();
        }
    }

    @Test
    void commands_ownerBacklogFull_refusedAtOnceAndCounted() throws Exception {
        ScheduledExecutorService owner = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "given-owner"));
        try {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            ContactCenter small = new ContactCenter(List.of(ServiceConfig.of("tax")),
                    List.of(new AgentConfig("a1", "PJSIP/agent101", Map.of("tax", 1), Duration.ZERO)),
                    owner, Clock.systemUTC(), meters, 2);
            CountDownLatch ownerBusy = new CountDownLatch(1);
            owner.execute(() -> awaitQuietly(ownerBusy));
            CompletableFuture<ContactStatus> first = small.enqueue(call("c1", "tax"));
            CompletableFuture<ContactStatus> second = small.enqueue(call("c2", "tax"));
            CompletableFuture<ContactStatus> third = small.enqueue(call("c3", "tax"));

            assertThat(third).isCompletedExceptionally();
            assertThat(third).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(ContactCenterException.Overloaded.class);
            assertThat(meters.get("rappel.queue.commands.refused").counter().count()).isEqualTo(1);
            ownerBusy.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(ContactStatus.Waiting.class);
            assertThat(second.get(10, TimeUnit.SECONDS)).isInstanceOf(ContactStatus.Waiting.class);
            assertThat(small.size("tax").get(10, TimeUnit.SECONDS)).isEqualTo(2);
        } finally {
            owner.shutdownNow();
        }
    }

    @Test
    void settlingCommands_ownerBacklogFull_stillTaken() throws Exception {
        ScheduledExecutorService owner = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "given-owner"));
        try {
            ContactCenter small = new ContactCenter(List.of(ServiceConfig.of("tax")),
                    List.of(new AgentConfig("a1", "PJSIP/agent101", Map.of("tax", 1), Duration.ZERO)),
                    owner, Clock.systemUTC(), new SimpleMeterRegistry(), 1);
            small.enqueue(call("waiting", "tax")).get(10, TimeUnit.SECONDS);
            small.enqueue(call("served", "tax")).get(10, TimeUnit.SECONDS);
            small.login("a1").get(10, TimeUnit.SECONDS);   // offered "waiting"
            CountDownLatch ownerBusy = new CountDownLatch(1);
            owner.execute(() -> awaitQuietly(ownerBusy));
            CompletableFuture<ContactStatus> refused = small.enqueue(call("new", "tax"));
            CompletableFuture<ContactStatus> refusedToo = small.enqueue(call("newer", "tax"));

            CompletableFuture<AgentView> connected = small.connected("waiting");
            CompletableFuture<AgentView> ended = small.callEnded("waiting");
            CompletableFuture<Contact> abandoned = small.remove("served", RemovalReason.ABANDONED);
            ownerBusy.countDown();

            assertThat(refused.isCompletedExceptionally() || refusedToo.isCompletedExceptionally()).isTrue();
            assertThat(connected.get(10, TimeUnit.SECONDS).state()).isEqualTo(AgentState.ON_CALL);
            assertThat(ended.get(10, TimeUnit.SECONDS).state()).isIn(AgentState.WRAP_UP, AgentState.AVAILABLE,
                    AgentState.RESERVED);
            assertThat(abandoned.get(10, TimeUnit.SECONDS).id()).isEqualTo("served");
        } finally {
            owner.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void callEnded_wrapUpOnOwnerTimer_thenAvailable() throws Exception {
        center.login("a1").get();
        center.enqueue(call("c1", "tax")).get();
        center.connected("c1").get();
        assertThat(center.callEnded("c1").get().state()).isEqualTo(AgentState.WRAP_UP);
        await().atMost(TIMEOUT).until(() -> center.agent("a1").get().state() == AgentState.AVAILABLE);
        assertThat(registry.get("rappel.agents").tag("state", "available").gauge().value()).isEqualTo(1);
    }

    @Test
    void login_unknownAgent_futureFailsWithUnknownAgent() {
        assertThat(center.login("nobody")).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(ContactCenterException.UnknownAgent.class)
                .withMessageContaining("nobody");
    }

    @Test
    void enqueue_unknownService_futureFailsAndNothingQueued() throws Exception {
        assertThat(center.enqueue(call("c1", "parking"))).failsWithin(TIMEOUT)
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(ContactCenterException.UnknownService.class);
        assertThat(center.snapshot().get().services()).allSatisfy(s -> assertThat(s.waiting()).isEmpty());
    }

    @Test
    void close_ownThread_laterCommandsFail() {
        center.close();
        assertThat(center.size("tax")).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void constructor_givenOwner_runsCommandsThere() throws Exception {
        ScheduledExecutorService owner = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "given-owner"));
        try {
            ContactCenter onGiven = new ContactCenter(List.of(ServiceConfig.of("tax")),
                    List.of(new AgentConfig("a1", "PJSIP/agent101", Map.of("tax", 1), Duration.ZERO)),
                    owner, Clock.systemUTC(), new SimpleMeterRegistry());
            AtomicReference<String> thread = new AtomicReference<>();
            onGiven.addAssignmentListener(a -> thread.set(Thread.currentThread().getName()));
            onGiven.enqueue(call("c1", "tax")).get();
            onGiven.login("a1").get();
            assertThat(thread.get()).isEqualTo("given-owner");
            onGiven.close(); // not its executor: must keep running
            assertThat(onGiven.size("tax").get()).isZero();
        } finally {
            owner.shutdownNow();
        }
    }
}
