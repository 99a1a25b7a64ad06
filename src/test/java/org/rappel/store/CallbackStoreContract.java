package org.rappel.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link CallbackStore} contract, run against every implementation by a subclass that opens a fresh, empty
 * store before each test.
 */
abstract class CallbackStoreContract {
    static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    static final NodeId NODE_A = new NodeId("node-a");
    static final NodeId NODE_B = new NodeId("node-b");
    static final Duration LEASE = Duration.ofSeconds(30);

    protected final TestClock clock = new TestClock(T0);
    protected SimpleMeterRegistry registry;
    protected CallbackStore store;

    /** Opens the store under test; the database behind it is empty the first time in each test. */
    protected abstract CallbackStore open(Clock clock, MeterRegistry registry);

    @BeforeEach
    void openStore() {
        registry = new SimpleMeterRegistry();
        store = open(clock, registry);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static NewCallback request(String number, String service, Instant arrival, int priority) {
        return new NewCallback(service, number, number, arrival, priority, "fr",
                Map.of("menu", "1-2", "case", "A-77"), ChannelOrigin.PHONE, Optional.empty());
    }

    static NewCallback request(String number, Instant arrival) {
        return request(number, "impots", arrival, 0);
    }

    static String number(int i) {
        return "+3361234" + String.format("%04d", i);
    }

    double pendingGauge() {
        return registry.get("rappel.callback.pending").gauge().value();
    }

    @Test
    void save_newRequest_isPendingDueAtArrivalAndFindable() {
        NewCallback asked = new NewCallback("impots", "+33612345678", "+33145678901", T0.minusSeconds(90), 2, "en",
                Map.of("menu", "3", "case", "2026-0042"), ChannelOrigin.WEB, Optional.empty());

        SaveOutcome outcome = store.save(asked);

        assertThat(outcome).isInstanceOf(SaveOutcome.Created.class);
        CallbackRequest saved = outcome.callback();
        assertThat(saved.state()).isEqualTo(CallbackState.PENDING);
        assertThat(saved.attempts()).isZero();
        assertThat(saved.nextAttemptAt()).isEqualTo(T0.minusSeconds(90));
        assertThat(saved.claimedBy()).isEmpty();
        assertThat(store.find(saved.id())).contains(saved);
        assertThat(saved).extracting(CallbackRequest::service, CallbackRequest::number, CallbackRequest::callingLine,
                        CallbackRequest::priority, CallbackRequest::language, CallbackRequest::ivrContext,
                        CallbackRequest::origin)
                .containsExactly("impots", "+33612345678", "+33145678901", 2, "en",
                        Map.of("menu", "3", "case", "2026-0042"), ChannelOrigin.WEB);
        assertThat(pendingGauge()).isEqualTo(1.0);
    }

    @Test
    void save_requestedSlot_isDueAtTheSlot() {
        Instant slot = T0.plus(Duration.ofHours(20));
        NewCallback asked = new NewCallback("impots", "+33612345678", "+33612345678", T0, 0, "fr", Map.of(),
                ChannelOrigin.PHONE, Optional.of(slot));

        CallbackRequest saved = store.save(asked).callback();

        assertThat(saved.requestedSlot()).contains(slot);
        assertThat(saved.nextAttemptAt()).isEqualTo(slot);
        assertThat(store.claimDue(T0.plusSeconds(60), NODE_A, LEASE, 10)).isEmpty();
        assertThat(store.claimDue(slot, NODE_A, LEASE, 10)).extracting(CallbackRequest::id).containsExactly(saved.id());
    }

    @Test
    void save_sameNumberAndService_mergesIntoTheActiveOne() {
        CallbackRequest first = store.save(request("+33612345678", "impots", T0.minusSeconds(300), 0)).callback();
        NewCallback again = new NewCallback("impots", "+33612345678", "+33145678901", T0, 5, "en",
                Map.of("case", "B-12"), ChannelOrigin.WEB, Optional.empty());

        SaveOutcome outcome = store.save(again);

        assertThat(outcome).isInstanceOf(SaveOutcome.Merged.class);
        CallbackRequest merged = outcome.callback();
        assertThat(merged.id()).isEqualTo(first.id());
        assertThat(merged.virtualArrival()).as("keeps the earlier place").isEqualTo(T0.minusSeconds(300));
        assertThat(merged.priority()).as("keeps the higher priority").isEqualTo(5);
        assertThat(merged.language()).isEqualTo("en");
        assertThat(merged.ivrContext()).isEqualTo(Map.of("case", "B-12"));
        assertThat(merged.callingLine()).isEqualTo("+33145678901");
        assertThat(store.countByState().get(CallbackState.PENDING)).isEqualTo(1);
        assertThat(pendingGauge()).isEqualTo(1.0);
    }

    @Test
    void save_sameNumberWhileClaimed_mergesWithoutTouchingTheClaim() {
        CallbackRequest first = store.save(request("+33612345678", T0)).callback();
        store.claimDue(T0, NODE_A, LEASE, 1);

        CallbackRequest merged = store.save(request("+33612345678", T0.plusSeconds(5))).callback();

        assertThat(merged.id()).isEqualTo(first.id());
        assertThat(merged.state()).isEqualTo(CallbackState.CLAIMED);
        assertThat(merged.claimedBy()).contains(NODE_A);
    }

    @Test
    void save_sameNumberOtherService_isASecondCallback() {
        CallbackRequest impots = store.save(request("+33612345678", "impots", T0, 0)).callback();
        CallbackRequest caf = store.save(request("+33612345678", "caf", T0, 0)).callback();

        assertThat(caf.id()).isNotEqualTo(impots.id());
        assertThat(store.loadPending()).hasSize(2);
    }

    @Test
    void save_afterTheFirstWasKept_isANewCallback() {
        CallbackRequest first = store.save(request("+33612345678", T0)).callback();
        store.claimDue(T0, NODE_A, LEASE, 1);
        store.recordAttempt(first.id(), NODE_A, answered(), new Disposition.Done());

        SaveOutcome second = store.save(request("+33612345678", T0.plusSeconds(600)));

        assertThat(second).isInstanceOf(SaveOutcome.Created.class);
        assertThat(second.callback().id()).isNotEqualTo(first.id());
    }

    @Test
    void loadPending_highestPriorityThenEarliestArrivalFirst() {
        CallbackRequest late = store.save(request(number(1), "impots", T0.minusSeconds(10), 0)).callback();
        CallbackRequest early = store.save(request(number(2), "impots", T0.minusSeconds(50), 0)).callback();
        CallbackRequest urgent = store.save(request(number(3), "impots", T0.minusSeconds(1), 9)).callback();
        CallbackRequest claimed = store.save(request(number(4), "impots", T0.minusSeconds(99), 9)).callback();
        store.claim(claimed.id(), T0, NODE_A, LEASE);

        assertThat(store.loadPending()).extracting(CallbackRequest::id)
                .containsExactly(urgent.id(), early.id(), late.id());
    }

    @Test
    void claimDue_takesDueOnesInServingOrderUpToMax() {
        CallbackRequest low = store.save(request(number(1), "impots", T0.minusSeconds(100), 0)).callback();
        CallbackRequest high = store.save(request(number(2), "impots", T0.minusSeconds(10), 3)).callback();
        CallbackRequest notYet = store.save(new NewCallback("impots", number(3), number(3), T0, 9, "fr", Map.of(),
                ChannelOrigin.WEB, Optional.of(T0.plusSeconds(3600)))).callback();
        store.save(request(number(4), "impots", T0.minusSeconds(5), 0));

        List<CallbackRequest> claimed = store.claimDue(T0, NODE_A, LEASE, 2);

        assertThat(claimed).extracting(CallbackRequest::id).containsExactly(high.id(), low.id());
        assertThat(claimed).allSatisfy(c -> {
            assertThat(c.state()).isEqualTo(CallbackState.CLAIMED);
            assertThat(c.claimedBy()).contains(NODE_A);
            assertThat(c.leaseUntil()).contains(T0.plus(LEASE));
        });
        assertThat(store.find(notYet.id()).orElseThrow().state()).isEqualTo(CallbackState.PENDING);
    }

    @Test
    void claimDue_whileLeaseRuns_neverHandsTheSameTwice() {
        CallbackRequest saved = store.save(request("+33612345678", T0)).callback();
        assertThat(store.claimDue(T0, NODE_A, LEASE, 10)).hasSize(1);

        assertThat(store.claimDue(T0.plusSeconds(29), NODE_B, LEASE, 10)).isEmpty();
        assertThat(store.claim(saved.id(), T0.plusSeconds(29), NODE_B, LEASE)).isEmpty();
    }

    @Test
    void claimIfDue_takesAPendingCallbackOnlyOnceDue_whereClaimTakesItWhenever() {
        Instant slot = T0.plus(Duration.ofHours(20));
        CallbackRequest saved = store.save(new NewCallback("impots", "+33612345678", "+33612345678", T0, 0, "fr",
                Map.of(), ChannelOrigin.PHONE, Optional.of(slot))).callback();

        assertThat(store.claimIfDue(saved.id(), T0.plusSeconds(60), NODE_A, LEASE)).isEmpty();
        assertThat(store.find(saved.id()).orElseThrow().state()).isEqualTo(CallbackState.PENDING);
        assertThat(store.claimIfDue(saved.id(), slot, NODE_A, LEASE)).hasValueSatisfying(c ->
                assertThat(c.claimedBy()).contains(NODE_A));
        assertThat(store.claimIfDue(saved.id(), slot, NODE_B, LEASE)).as("claimed, lease running").isEmpty();
        assertThat(store.claimIfDue(saved.id(), slot.plus(LEASE), NODE_B, LEASE)).as("lease ended").isPresent();
    }

    @Test
    void claim_takesAPendingCallbackBeforeItIsDue() {
        Instant slot = T0.plus(Duration.ofHours(20));
        CallbackRequest saved = store.save(new NewCallback("impots", "+33612345678", "+33612345678", T0, 0, "fr",
                Map.of(), ChannelOrigin.PHONE, Optional.of(slot))).callback();

        assertThat(store.claim(saved.id(), T0.plusSeconds(60), NODE_A, LEASE)).isPresent();
    }

    @Test
    void claimDue_afterLeaseEnded_handsTheCallbackToAnotherNode() {
        CallbackRequest saved = store.save(request("+33612345678", T0)).callback();
        store.claimDue(T0, NODE_A, LEASE, 10);
        store.markDialing(saved.id(), NODE_A, T0.plus(LEASE));

        List<CallbackRequest> reclaimed = store.claimDue(T0.plus(LEASE), NODE_B, LEASE, 10);

        assertThat(reclaimed).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(saved.id());
            assertThat(c.claimedBy()).contains(NODE_B);
        });
        assertThat(store.recordAttempt(saved.id(), NODE_A, answered(), new Disposition.Done()))
                .as("the node that lost its lease may not close the callback").isEmpty();
        assertThat(store.attempts(saved.id())).isEmpty();
    }

    @Test
    void markDialing_renewsTheLeaseOfTheOwnerOnly() {
        CallbackRequest saved = store.save(request("+33612345678", T0)).callback();
        store.claimDue(T0, NODE_A, LEASE, 10);

        assertThat(store.markDialing(saved.id(), NODE_B, T0.plusSeconds(120))).isFalse();
        assertThat(store.markDialing(saved.id(), NODE_A, T0.plusSeconds(120))).isTrue();

        CallbackRequest dialing = store.find(saved.id()).orElseThrow();
        assertThat(dialing.state()).isEqualTo(CallbackState.DIALING);
        assertThat(dialing.leaseUntil()).contains(T0.plusSeconds(120));
        assertThat(store.claimDue(T0.plus(LEASE), NODE_B, LEASE, 10)).isEmpty();
    }

    @Test
    void release_givesTheClaimBackWithoutAnAttempt() {
        CallbackRequest saved = store.save(request("+33612345678", T0)).callback();
        store.claimDue(T0, NODE_A, LEASE, 10);

        assertThat(store.release(saved.id(), NODE_B)).isFalse();
        assertThat(store.release(saved.id(), NODE_A)).isTrue();

        CallbackRequest released = store.find(saved.id()).orElseThrow();
        assertThat(released.state()).isEqualTo(CallbackState.PENDING);
        assertThat(released.attempts()).isZero();
        assertThat(released.claimedBy()).isEmpty();
        assertThat(store.claimDue(T0, NODE_B, LEASE, 10)).hasSize(1);
    }

    @Test
    void releaseClaims_handsBackEveryClaimOfTheRestartedNode() {
        store.save(request(number(1), T0));
        store.save(request(number(2), T0));
        CallbackRequest other = store.save(request(number(3), T0.plusSeconds(1))).callback();
        List<CallbackRequest> mine = store.claimDue(T0, NODE_A, LEASE, 2);
        store.markDialing(mine.get(0).id(), NODE_A, T0.plus(LEASE));
        store.claim(other.id(), T0.plusSeconds(1), NODE_B, LEASE);

        assertThat(store.releaseClaims(NODE_A)).isEqualTo(2);

        assertThat(store.loadPending()).extracting(CallbackRequest::id)
                .containsExactlyInAnyOrderElementsOf(mine.stream().map(CallbackRequest::id).toList());
        assertThat(store.find(other.id()).orElseThrow().claimedBy()).contains(NODE_B);
    }

    @Test
    void recordAttempt_noAnswerWithRetry_backToPendingDueLater() {
        CallbackRequest saved = store.save(request("+33612345678", T0)).callback();
        store.claimDue(T0, NODE_A, LEASE, 1);
        AttemptReport noAnswer = new AttemptReport(T0, T0.plusSeconds(25), AttemptOutcome.NO_ANSWER, "DIALSTATUS=NOANSWER");

        AttemptRecorded recorded = store.recordAttempt(saved.id(), NODE_A, noAnswer,
                new Disposition.Retry(T0.plusSeconds(600))).orElseThrow();

        assertThat(recorded.attempt()).isEqualTo(new CallbackAttempt(saved.id(), 1, T0, T0.plusSeconds(25),
                AttemptOutcome.NO_ANSWER, "DIALSTATUS=NOANSWER"));
        CallbackRequest after = recorded.callback();
        assertThat(after.state()).isEqualTo(CallbackState.PENDING);
        assertThat(after.attempts()).isEqualTo(1);
        assertThat(after.nextAttemptAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(after.claimedBy()).isEmpty();
        assertThat(store.find(saved.id())).contains(after);
        assertThat(store.claimDue(T0.plusSeconds(599), NODE_A, LEASE, 1)).isEmpty();
        assertThat(store.claimDue(T0.plusSeconds(600), NODE_A, LEASE, 1)).hasSize(1);
        assertThat(pendingGauge()).isEqualTo(1.0);
    }

    @Test
    void recordAttempt_fullLifecycle_numbersAttemptsAndEndsDone() {
        CallbackRequest saved = store.save(request("+33612345678", T0)).callback();
        store.claimDue(T0, NODE_A, LEASE, 1);
        store.markDialing(saved.id(), NODE_A, T0.plus(LEASE));
        store.recordAttempt(saved.id(), NODE_A, new AttemptReport(T0, T0.plusSeconds(3), AttemptOutcome.BUSY, "17"),
                new Disposition.Retry(T0.plusSeconds(60)));
        store.claimDue(T0.plusSeconds(60), NODE_B, LEASE, 1);

        AttemptRecorded done = store.recordAttempt(saved.id(), NODE_B, answered(), new Disposition.Done())
                .orElseThrow();

        assertThat(done.callback().state()).isEqualTo(CallbackState.DONE);
        assertThat(done.callback().attempts()).isEqualTo(2);
        assertThat(store.attempts(saved.id())).extracting(CallbackAttempt::attemptNo, CallbackAttempt::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, AttemptOutcome.BUSY),
                        org.assertj.core.groups.Tuple.tuple(2, AttemptOutcome.ANSWERED));
        assertThat(store.loadPending()).isEmpty();
        assertThat(store.recordAttempt(saved.id(), NODE_B, answered(), new Disposition.Done())).isEmpty();
        assertThat(pendingGauge()).isZero();
    }

    @Test
    void recordAttempt_failed_endsFailed() {
        CallbackRequest saved = store.save(request("+33612345678", T0)).callback();
        store.claimDue(T0, NODE_A, LEASE, 1);

        CallbackRequest after = store.recordAttempt(saved.id(), NODE_A,
                new AttemptReport(T0, T0.plusSeconds(1), AttemptOutcome.CONGESTION, "34"),
                new Disposition.Failed("5 attempts without answer")).orElseThrow().callback();

        assertThat(after.state()).isEqualTo(CallbackState.FAILED);
        assertThat(store.countByState()).containsEntry(CallbackState.FAILED, 1L).containsEntry(CallbackState.PENDING, 0L);
    }

    @Test
    void recordAttempt_withoutClaim_isRefused() {
        CallbackRequest saved = store.save(request("+33612345678", T0)).callback();

        assertThat(store.recordAttempt(saved.id(), NODE_A, answered(), new Disposition.Done())).isEmpty();
        assertThat(store.find(saved.id()).orElseThrow().state()).isEqualTo(CallbackState.PENDING);
    }

    @Test
    void cancel_byId_endsTheActiveCallbackOnce() {
        CallbackRequest saved = store.save(request("+33612345678", T0)).callback();

        assertThat(store.cancel(saved.id())).hasValueSatisfying(c ->
                assertThat(c.state()).isEqualTo(CallbackState.CANCELLED));
        assertThat(store.cancel(saved.id())).isEmpty();
        assertThat(store.cancel(UUID.randomUUID())).isEmpty();
        assertThat(store.loadPending()).isEmpty();
        assertThat(pendingGauge()).isZero();
    }

    @Test
    void cancel_byNumberAndService_onlyThatService() {
        store.save(request("+33612345678", "impots", T0, 0));
        CallbackRequest caf = store.save(request("+33612345678", "caf", T0, 0)).callback();

        assertThat(store.cancel("+33612345678", "impots")).isPresent();
        assertThat(store.cancel("+33612345678", "impots")).isEmpty();

        assertThat(store.loadPending()).extracting(CallbackRequest::id).containsExactly(caf.id());
    }

    @Test
    void cancel_whileDialing_theDialerCannotCloseItAnymore() {
        CallbackRequest saved = store.save(request("+33612345678", T0)).callback();
        store.claimDue(T0, NODE_A, LEASE, 1);
        store.markDialing(saved.id(), NODE_A, T0.plus(LEASE));

        assertThat(store.cancel(saved.id())).isPresent();

        assertThat(store.recordAttempt(saved.id(), NODE_A, answered(), new Disposition.Done())).isEmpty();
        assertThat(store.find(saved.id()).orElseThrow().state()).isEqualTo(CallbackState.CANCELLED);
    }

    @Test
    void countByState_everyStatePresent() {
        store.save(request(number(1), T0));
        store.save(request(number(2), T0.plusSeconds(1)));
        CallbackRequest cancelled = store.save(request(number(3), T0.plusSeconds(2))).callback();
        store.cancel(cancelled.id());
        store.claimDue(T0, NODE_A, LEASE, 1);

        Map<CallbackState, Long> counts = store.countByState();

        assertThat(counts).containsOnlyKeys(CallbackState.values());
        assertThat(counts).containsEntry(CallbackState.PENDING, 1L).containsEntry(CallbackState.CLAIMED, 1L)
                .containsEntry(CallbackState.CANCELLED, 1L).containsEntry(CallbackState.DONE, 0L);
        assertThat(pendingGauge()).isEqualTo(2.0);
    }

    @Test
    void save_manyThreadsAtOnce_loseNothing() throws Exception {
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<List<UUID>>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                jobs.add(() -> {
                    List<UUID> ids = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        ids.add(store.save(request(number(base + i), T0.plusMillis(base + i))).callback().id());
                    }
                    return ids;
                });
            }
            Set<UUID> acknowledged = new HashSet<>();
            for (Future<List<UUID>> done : pool.invokeAll(jobs)) {
                acknowledged.addAll(done.get());
            }

            assertThat(acknowledged).hasSize(threads * perThread);
            assertThat(store.loadPending()).extracting(CallbackRequest::id)
                    .containsExactlyInAnyOrderElementsOf(acknowledged);
            assertThat(registry.get("rappel.callback.store.writes").tag("operation", "save")
                    .tag("outcome", "committed").counter().count()).isEqualTo(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void save_sameNumberFromManyThreads_leavesOneActiveCallback() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<SaveOutcome>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int priority = t;
                jobs.add(() -> store.save(request("+33612345678", "impots", T0.plusSeconds(priority), priority)));
            }
            List<SaveOutcome> outcomes = new ArrayList<>();
            for (Future<SaveOutcome> done : pool.invokeAll(jobs)) {
                outcomes.add(done.get());
            }

            assertThat(outcomes).filteredOn(o -> o instanceof SaveOutcome.Created).hasSize(1);
            assertThat(outcomes).extracting(o -> o.callback().id()).containsOnly(outcomes.get(0).callback().id());
            assertThat(store.loadPending()).singleElement().satisfies(c -> {
                assertThat(c.priority()).isEqualTo(threads - 1);
                assertThat(c.virtualArrival()).isEqualTo(T0);
            });
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void save_recordsTheWriteDuration() {
        store.save(request("+33612345678", T0));

        assertThat(registry.get("rappel.callback.store.write.duration").tag("operation", "save").timer().count())
                .isEqualTo(1);
    }

    static AttemptReport answered() {
        return new AttemptReport(T0, T0.plusSeconds(40), AttemptOutcome.ANSWERED, "");
    }
}
