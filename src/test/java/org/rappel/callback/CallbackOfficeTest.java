package org.rappel.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rappel.flow.QueueDesk;
import org.rappel.queue.AgentState;
import org.rappel.queue.Contact;
import org.rappel.queue.ContactKind;
import org.rappel.queue.WaitingContact;
import org.rappel.sim.ami.AmiSimulator;
import org.rappel.sim.ami.AmiSimulatorHooks;
import org.rappel.sim.ami.AnswerPolicies;
import org.rappel.store.AttemptOutcome;
import org.rappel.store.CallbackAttempt;
import org.rappel.store.CallbackRequest;
import org.rappel.store.CallbackState;
import org.rappel.store.CallbackStore;
import org.rappel.store.CallbackStores;
import org.rappel.store.ChannelOrigin;
import org.rappel.store.NewCallback;
import org.rappel.store.NodeId;
import org.rappel.store.SqliteSettings;
import org.rappel.store.TestClock;

/**
 * The office with its real parts: a SQLite store, the queue desk and contact center, the dialer over loopback to
 * the AMI simulator. Time is a test clock; the returned call's AGI is played by the test through the office's
 * script-side methods ({@link CallbackOffice#arrived} and the rest), as {@link CallbackCall} does.
 */
class CallbackOfficeTest {
        private static final NodeId NODE = new NodeId("node-a");
    private static final String SERVICE = OfficeNode.SERVICE;
    /** Wednesday 25 November 2026, 10:00 in Paris. */
    private static final Instant WEDNESDAY_10H = Instant.parse("2026-11-25T09:00:00Z");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final CallingHours OFFICE_HOURS = CallingHours.weekdays(PARIS, LocalTime.of(9, 0),
            LocalTime.of(17, 0));

    @TempDir
    Path dataDir;

    private final List<CallbackNotice> notices = new CopyOnWriteArrayList<>();
    private final List<AmiSimulatorHooks.AnsweredCall> answered = new CopyOnWriteArrayList<>();
    private final TestClock clock = new TestClock(WEDNESDAY_10H);
    private CallbackStore store;
    private AmiSimulator sim;
    private OfficeNode node;
    private QueueDesk desk;
    private CallbackOffice office;

    private void open(ServiceCallbacks service, CallingHours callingHours, String... loggedIn) {
        store = CallbackStores.openSqlite(SqliteSettings.defaults(dataDir), clock, new SimpleMeterRegistry());
        sim = AmiSimulator.start(AmiSimulator.Options.defaults()
                .withCredentials(OfficeNode.AMI_USER, OfficeNode.AMI_SECRET)
                .withPolicy(AnswerPolicies.answerAfter(Duration.ofMillis(20), Duration.ofSeconds(60))));
        sim.setHooks(new AmiSimulatorHooks() {
            @Override
            public void answered(AnsweredCall call) {
                answered.add(call);
            }
        });
        node = new OfficeNode(NODE, store, sim, clock, service, callingHours, notices::add, loggedIn);
        desk = node.desk;
        office = node.office;
    }

    private void open(String... loggedIn) {
        open(ServiceCallbacks.defaults(SERVICE, CallingHours.always(PARIS)), CallingHours.always(PARIS), loggedIn);
    }

    @AfterEach
    void tearDown() {
        if (node != null) {
            node.close();
        }
        if (sim != null) {
            sim.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private static CallbackAsk ask(String number, String callingLine) {
        return new CallbackAsk(SERVICE, number, callingLine, Optional.empty(), 0, "fr", Map.of("motif", "2"),
                ChannelOrigin.PHONE, Optional.empty(), Optional.empty());
    }

    private CallbackReply request(CallbackAsk ask) {
        return office.request(ask).orTimeout(10, TimeUnit.SECONDS).join();
    }

    private CallbackReply.Confirmed confirmed(CallbackAsk ask) {
        CallbackReply reply = request(ask);
        assertThat(reply).isInstanceOf(CallbackReply.Confirmed.class);
        return (CallbackReply.Confirmed) reply;
    }

    private List<WaitingContact> waiting() {
        return node.waiting();
    }

    /** A stored callback a node was dialling (claimed, DIALING) when it stopped, its lease running {@code lease}. */
    private CallbackRequest beingDialledBy(NodeId dialler, Duration lease) {
        CallbackRequest callback = store.save(new NewCallback(SERVICE, "+33612345678", "+33612345678",
                clock.instant(), 0, "fr", Map.of(), ChannelOrigin.PHONE, Optional.empty())).callback();
        store.claim(callback.id(), clock.instant(), dialler, lease).orElseThrow();
        store.markDialing(callback.id(), dialler, clock.instant().plus(lease));
        return callback;
    }

    private Optional<String> callbackIdOf(AmiSimulatorHooks.AnsweredCall call) {
        return Optional.ofNullable(call.variables().get(CallbackDialer.ID_VARIABLE));
    }

    @Test
    void request_isStoredThenInLineWithTheCallersContextButNoNumber() {
        open();
        office.start().join();

        CallbackReply.Confirmed reply = confirmed(ask("06 12 34 56 78", "+33612345678"));

        CallbackRequest stored = store.find(reply.callback().id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(CallbackState.PENDING);
        assertThat(stored.number()).isEqualTo("+33612345678");
        assertThat(waiting()).singleElement().satisfies(q -> {
            assertThat(q.contact().kind()).isEqualTo(ContactKind.CALLBACK);
            assertThat(q.contact().id()).isEqualTo("cb-" + stored.id());
            assertThat(q.contact().context()).containsEntry("motif", "2").containsEntry("language", "fr")
                    .doesNotContainValue("+33612345678");
        });
        assertThat(notices).extracting(CallbackNotice::kind).containsExactly(CallbackNotice.Kind.CONFIRMED);
    }

    @Test
    void badRequests_areRefusedAndChangeNothing() {
        open();
        office.start().join();

        CallbackReply premium = request(ask("08 99 23 45 67", "+33612345678"));
        CallbackReply unknown = request(new CallbackAsk("nope", "0612345678", "x", Optional.empty(), 0, "fr",
                Map.of(), ChannelOrigin.WEB, Optional.empty(), Optional.empty()));

        assertThat(premium).isInstanceOfSatisfying(CallbackReply.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(CallbackRefusal.NUMBER);
            assertThat(r.number()).contains(NumberRefusal.PREMIUM_RATE);
        });
        assertThat(unknown).isInstanceOfSatisfying(CallbackReply.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(CallbackRefusal.UNKNOWN_SERVICE));
        assertThat(store.loadPending()).isEmpty();
        assertThat(waiting()).isEmpty();
    }

    @Test
    void floodingFromOneLine_isRateLimited_andASecondRequestForANumberUpdatesTheFirst() {
        open();
        office.start().join();

        CallbackReply.Confirmed first = confirmed(ask("0612345601", "+33700000001"));
        CallbackReply.Confirmed again = confirmed(ask("0612345601", "+33700000001"));
        for (int i = 2; i <= 4; i++) {
            confirmed(ask("061234560" + i, "+33700000001"));
        }
        CallbackReply sixth = request(ask("0612345606", "+33700000001"));

        assertThat(again.updated()).isTrue();
        assertThat(again.callback().id()).isEqualTo(first.callback().id());
        assertThat(sixth).isInstanceOfSatisfying(CallbackReply.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(CallbackRefusal.RATE_LIMITED);
            assertThat(r.retryAfter()).isPresent();
        });
        assertThat(store.loadPending()).hasSize(4);
        assertThat(waiting()).hasSize(4);
    }

    @Test
    void callbackKeepsTheHeldCallersPlace_aheadOfCallersWhoCameLater() {
        open();
        office.start().join();
        Instant heldSince = clock.instant();
        desk.enter(new Contact("held-1", ContactKind.LIVE_CALL, SERVICE, 0, heldSince, Map.of()), "SIP/held-1",
                a -> { }).join();
        clock.advance(Duration.ofMinutes(1));
        desk.enter(new Contact("later-2", ContactKind.LIVE_CALL, SERVICE, 0, clock.instant(), Map.of()),
                "SIP/later-2", a -> { }).join();

        CallbackReply.Confirmed reply = confirmed(new CallbackAsk(SERVICE, "0612345678", "+33612345678",
                Optional.of(heldSince), 0, "fr", Map.of(), ChannelOrigin.PHONE, Optional.empty(),
                Optional.of("held-1")));

        assertThat(waiting()).extracting(q -> q.contact().id())
                .containsExactly("cb-" + reply.callback().id(), "later-2");
        assertThat(reply.callback().virtualArrival()).isEqualTo(heldSince);
    }

    @Test
    void agentFrees_citizenIsCalledCustomerFirst_andTheCallIsServed() {
        open();
        office.start().join();
        CallbackReply.Confirmed reply = confirmed(ask("0612345678", "+33612345678"));
        UUID id = reply.callback().id();

        desk.center().login("agent101").join();

        await().until(() -> answered.stream().anyMatch(c -> callbackIdOf(c).equals(Optional.of(id.toString()))));
        AmiSimulatorHooks.AnsweredCall call = answered.get(0);
        assertThat(call.channel()).startsWith("PJSIP/");
        await().until(() -> store.find(id).orElseThrow().state() == CallbackState.DONE);
        Optional<CallbackOffice.Leg> leg = office.arrived(id, call.channel()).join();
        assertThat(leg).hasValueSatisfying(l -> {
            assertThat(l.mode()).isEqualTo(CallbackMode.CUSTOMER_FIRST);
            assertThat(l.assignment().agentId()).isEqualTo("agent101");
            assertThat(l.assignment().dialString()).isEqualTo("PJSIP/agent101");
        });
        office.finished(id, CallbackOffice.Ending.SERVED);

        await().until(() -> desk.center().agent("agent101").join().state() == AgentState.AVAILABLE);
        assertThat(store.attempts(id)).extracting(CallbackAttempt::outcome).containsExactly(AttemptOutcome.ANSWERED);
        assertThat(waiting()).isEmpty();
    }

    @Test
    void unansweredCallback_freesTheAgent_isRetriedAfterTheBackOff_thenFails() {
        open();
        sim.setAnswerPolicy(AnswerPolicies.noAnswer());
        office.start().join();
        UUID id = confirmed(ask("0612345678", "+33612345678")).callback().id();

        desk.center().login("agent101").join();

        await().until(() -> store.attempts(id).size() == 1);
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(CallbackState.PENDING);
        await().until(() -> desk.center().agent("agent101").join().state() == AgentState.AVAILABLE);
        await().until(() -> waiting().isEmpty());
        assertThat(sim.originates()).isEqualTo(1);
        assertThat(notices).extracting(CallbackNotice::kind)
                .containsExactly(CallbackNotice.Kind.CONFIRMED, CallbackNotice.Kind.ATTEMPT_FAILED);

        office.rescan().join();
        assertThat(sim.originates()).as("not before the back-off").isEqualTo(1);
        clock.advance(Duration.ofMinutes(10));
        office.rescan().join();

        await().until(() -> store.find(id).orElseThrow().state() == CallbackState.FAILED);
        assertThat(store.attempts(id)).extracting(CallbackAttempt::outcome)
                .containsExactly(AttemptOutcome.NO_ANSWER, AttemptOutcome.NO_ANSWER);
        await().until(() -> notices.size() == 3);
        assertThat(notices.get(2).kind()).isEqualTo(CallbackNotice.Kind.FAILED);
        assertThat(sim.originates()).isEqualTo(2);
    }

    @Test
    void callbacksAndHeldCallers_areServedInVirtualArrivalOrder() {
        open();
        office.start().join();
        Instant t0 = clock.instant();
        List<String> served = new CopyOnWriteArrayList<>();
        desk.enter(new Contact("live-2", ContactKind.LIVE_CALL, SERVICE, 0, t0.plusSeconds(20), Map.of()),
                "SIP/live-2", a -> served.add(a.contact().id())).join();
        UUID early = confirmed(new CallbackAsk(SERVICE, "0612345671", "+33612345671", Optional.of(t0), 0, "fr",
                Map.of(), ChannelOrigin.PHONE, Optional.empty(), Optional.empty())).callback().id();
        UUID late = confirmed(new CallbackAsk(SERVICE, "0612345673", "+33612345673",
                Optional.of(t0.plusSeconds(40)), 0, "fr", Map.of(), ChannelOrigin.PHONE, Optional.empty(),
                Optional.empty())).callback().id();

        assertThat(waiting()).extracting(q -> q.contact().id()).containsExactly("cb-" + early, "live-2", "cb-" + late);
        desk.center().login("agent101").join();
        await().until(() -> answered.size() == 1);
        assertThat(callbackIdOf(answered.get(0))).contains(early.toString());
    }

    @Test
    void cancel_takesTheCallbackOutOfLine() {
        open();
        office.start().join();
        UUID id = confirmed(ask("0612345678", "+33612345678")).callback().id();

        assertThat(office.cancel(id).join()).hasValueSatisfying(c ->
                assertThat(c.state()).isEqualTo(CallbackState.CANCELLED));
        assertThat(office.cancel(id).join()).isEmpty();
        await().until(() -> waiting().isEmpty());
        assertThat(office.activeFor("+33612345678").join()).isEmpty();
        assertThat(notices).extracting(CallbackNotice::kind)
                .containsExactly(CallbackNotice.Kind.CONFIRMED, CallbackNotice.Kind.CANCELLED);
    }

    @Test
    void restartAfterACrashMidCall_recordsAnAttemptOfUnknownOutcome_andDoesNotRedialAtOnce() {
        open();
        CallbackRequest callback = beingDialledBy(NODE, Duration.ofMinutes(5));
        desk.center().login("agent101").join();

        office.start().join();

        assertThat(store.attempts(callback.id())).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(AttemptOutcome.FAILED);
            assertThat(a.reason()).contains("outcome unknown");
        });
        CallbackRequest after = store.find(callback.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(CallbackState.PENDING);
        assertThat(after.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        assertThat(waiting()).isEmpty();
        assertThat(sim.originates()).isZero();
    }

    @Test
    void callPlacedBeforeARestart_answeredAfterIt_isKeptAndTheCitizenWaitsOnTheLineForAnAgent() {
        open();
        CallbackRequest callback = beingDialledBy(NODE, Duration.ofMinutes(5));
        office.start().join();

        Optional<CallbackOffice.Adopted> adopted = office.adopt(callback.id(), "PJSIP/trunk-00000042").join();

        assertThat(adopted).isPresent();
        assertThat(store.find(callback.id()).orElseThrow().state()).isEqualTo(CallbackState.DONE);
        assertThat(store.attempts(callback.id())).extracting(CallbackAttempt::outcome)
                .containsExactly(AttemptOutcome.FAILED, AttemptOutcome.ANSWERED);
        assertThat(waiting()).extracting(w -> w.contact().id()).containsExactly("cb-" + callback.id());
        desk.center().login("agent101").join();
        assertThat(adopted.get().nextAgent().orTimeout(10, TimeUnit.SECONDS).join().agentId()).isEqualTo("agent101");
        assertThat(sim.originates()).as("the citizen is on the line: nobody dials them").isZero();
        assertThat(office.adopt(callback.id(), "PJSIP/trunk-00000043").join()).as("kept once").isEmpty();
    }

    @Test
    void aClaimWhoseLeaseEnded_onANodeGoneForGood_isTakenOverAndRetried() {
        open();
        CallbackRequest callback = beingDialledBy(new NodeId("node-gone"), Duration.ofSeconds(10));
        office.start().join();
        assertThat(waiting()).isEmpty();

        clock.advance(Duration.ofHours(1));
        office.rescan().join();

        assertThat(store.attempts(callback.id())).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(AttemptOutcome.FAILED);
            assertThat(a.reason()).contains("node-gone");
        });
        assertThat(store.find(callback.id()).orElseThrow().state()).isEqualTo(CallbackState.PENDING);
        clock.advance(Duration.ofMinutes(10));
        office.rescan().join();
        assertThat(waiting()).extracting(w -> w.contact().id()).containsExactly("cb-" + callback.id());
    }

    @Test
    void aSlotBookedForACallbackAlreadyInLine_takesItOutOfLineUntilTheSlot() {
        ServiceCallbacks service = new ServiceCallbacks(SERVICE, CallbackMode.CUSTOMER_FIRST, Duration.ofMinutes(5),
                OFFICE_HOURS, Duration.ofHours(1), 5);
        open(service, CallingHours.always(PARIS));
        office.start().join();
        confirmed(ask("0612345678", "+33612345678"));
        assertThat(waiting()).hasSize(1);
        Instant tomorrowNine = LocalDate.of(2026, 11, 26).atTime(9, 0).atZone(PARIS).toInstant();

        CallbackReply.Confirmed moved = confirmed(new CallbackAsk(SERVICE, "0612345678", "web:a", Optional.empty(),
                0, "fr", Map.of(), ChannelOrigin.WEB, Optional.of(tomorrowNine), Optional.empty()));

        assertThat(moved.updated()).isTrue();
        assertThat(moved.scheduledFor()).contains(tomorrowNine);
        await().until(() -> waiting().isEmpty());
        desk.center().login("agent101").join();
        assertThat(sim.originates()).isZero();
    }

    @Test
    void stopping_dialsNothingMore_andCallbacksStayPending() {
        open();
        office.start().join();
        UUID id = confirmed(ask("0612345678", "+33612345678")).callback().id();

        office.close();
        await().until(() -> waiting().isEmpty());
        desk.center().login("agent101").join();

        assertThat(sim.originates()).isZero();
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(CallbackState.PENDING);
    }

    @Test
    void pendingCallbacks_areReloadedInOrderOnStart() {
        open();
        Instant t0 = clock.instant();
        UUID second = store.save(new NewCallback(SERVICE, "+33612345672", "x", t0.plusSeconds(5), 0, "fr", Map.of(),
                ChannelOrigin.PHONE, Optional.empty())).callback().id();
        UUID first = store.save(new NewCallback(SERVICE, "+33612345671", "x", t0, 0, "fr", Map.of(),
                ChannelOrigin.WEB, Optional.empty())).callback().id();
        clock.advance(Duration.ofSeconds(5));

        office.start().join();

        assertThat(waiting()).extracting(q -> q.contact().id()).containsExactly("cb-" + first, "cb-" + second);
    }

    @Test
    void slots_followOpeningHoursAndCapacity() {
        ServiceCallbacks service = new ServiceCallbacks(SERVICE, CallbackMode.CUSTOMER_FIRST, Duration.ofMinutes(5),
                OFFICE_HOURS, Duration.ofHours(1), 1);
        open(service, CallingHours.always(PARIS));
        office.start().join();
        LocalDate thursday = LocalDate.of(2026, 11, 26);

        List<CallbackSlot> slots = office.slots(SERVICE, thursday, 1).join();
        Instant nine = thursday.atTime(9, 0).atZone(PARIS).toInstant();
        assertThat(slots).hasSize(8);
        assertThat(slots.get(0).start()).isEqualTo(nine);
        assertThat(slots.get(7).end()).isEqualTo(thursday.atTime(17, 0).atZone(PARIS).toInstant());

        CallbackAsk atNine = new CallbackAsk(SERVICE, "0612345678", "web:a", Optional.empty(), 0, "fr", Map.of(),
                ChannelOrigin.WEB, Optional.of(nine), Optional.empty());
        CallbackReply.Confirmed booked = confirmed(atNine);
        CallbackReply full = request(new CallbackAsk(SERVICE, "0612345679", "web:b", Optional.empty(), 0, "fr",
                Map.of(), ChannelOrigin.WEB, Optional.of(nine), Optional.empty()));
        CallbackReply evening = request(new CallbackAsk(SERVICE, "0612345679", "web:b", Optional.empty(), 0, "fr",
                Map.of(), ChannelOrigin.WEB, Optional.of(thursday.atTime(20, 0).atZone(PARIS).toInstant()),
                Optional.empty()));
        CallbackReply past = request(new CallbackAsk(SERVICE, "0612345679", "web:b", Optional.empty(), 0, "fr",
                Map.of(), ChannelOrigin.WEB, Optional.of(WEDNESDAY_10H.minus(Duration.ofDays(1))), Optional.empty()));

        assertThat(booked.scheduledFor()).contains(nine);
        assertThat(waiting()).as("a booked slot waits for its time").isEmpty();
        assertThat(full).isInstanceOfSatisfying(CallbackReply.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(CallbackRefusal.SLOT_FULL));
        assertThat(evening).isInstanceOfSatisfying(CallbackReply.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(CallbackRefusal.SLOT_OUTSIDE_HOURS));
        assertThat(past).isInstanceOfSatisfying(CallbackReply.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(CallbackRefusal.SLOT_NOT_BOOKABLE));
        assertThat(office.slots(SERVICE, thursday, 1).join().get(0).isFull()).isTrue();

        clock.advance(Duration.between(WEDNESDAY_10H, nine));
        office.rescan().join();
        assertThat(waiting()).extracting(q -> q.contact().id()).containsExactly("cb-" + booked.callback().id());
    }

    @Test
    void serviceClosed_callbackIsBookedForTheNextOpening() {
        ServiceCallbacks service = new ServiceCallbacks(SERVICE, CallbackMode.CUSTOMER_FIRST, Duration.ofMinutes(5),
                OFFICE_HOURS, Duration.ofMinutes(30), 10);
        open(service, CallingHours.always(PARIS));
        office.start().join();
        clock.advance(Duration.ofHours(9));

        assertThat(office.offerReason(SERVICE, Optional.of(Duration.ofMinutes(1)), clock.instant()))
                .isEqualTo(OfferReason.CLOSED);
        CallbackReply.Confirmed reply = confirmed(ask("0612345678", "+33612345678"));

        assertThat(reply.scheduledFor()).contains(LocalDate.of(2026, 11, 26).atTime(9, 0).atZone(PARIS).toInstant());
        assertThat(waiting()).isEmpty();
    }

    @Test
    void offerReason_followsThresholdSurgeAndReliability() {
        open();
        Instant now = clock.instant();

        assertThat(office.offerReason(SERVICE, Optional.of(Duration.ofMinutes(2)), now)).isEqualTo(OfferReason.NONE);
        assertThat(office.offerReason(SERVICE, Optional.of(Duration.ofMinutes(6)), now))
                .isEqualTo(OfferReason.LONG_WAIT);
        assertThat(office.offerReason(SERVICE, Optional.empty(), now)).isEqualTo(OfferReason.LONG_WAIT);
        office.setSurge(SERVICE, true);
        assertThat(office.offerReason(SERVICE, Optional.of(Duration.ofMinutes(2)), now)).isEqualTo(OfferReason.SURGE);
        assertThat(office.offerReason("unknown", Optional.empty(), now)).isEqualTo(OfferReason.NONE);
    }

    @Test
    void agentFirst_ringsTheAgent_thenTheScriptDialsTheCitizenAndRecordsTheOutcome() {
        ServiceCallbacks service = new ServiceCallbacks(SERVICE, CallbackMode.AGENT_FIRST, Duration.ofMinutes(5),
                CallingHours.always(PARIS), Duration.ofMinutes(30), 10);
        open(service, CallingHours.always(PARIS));
        office.start().join();
        UUID id = confirmed(ask("0612345678", "+33612345678")).callback().id();

        desk.center().login("agent101").join();

        await().until(() -> answered.size() == 1);
        assertThat(answered.get(0).channel()).startsWith("PJSIP/agent101");
        Optional<CallbackOffice.Leg> leg = office.arrived(id, answered.get(0).channel()).join();
        assertThat(leg).hasValueSatisfying(l -> {
            assertThat(l.mode()).isEqualTo(CallbackMode.AGENT_FIRST);
            assertThat(l.citizenDialString()).isEqualTo("PJSIP/+33612345678@trunk");
        });
        office.citizenDialed(id, AttemptOutcome.BUSY, "DIALSTATUS BUSY").join();
        office.finished(id, CallbackOffice.Ending.NOT_REACHED);

        assertThat(store.attempts(id)).extracting(CallbackAttempt::outcome).containsExactly(AttemptOutcome.BUSY);
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(CallbackState.PENDING);
        await().until(() -> desk.center().agent("agent101").join().state() == AgentState.AVAILABLE);
    }

    @Test
    void callbackArrivingForNoReservedAgent_isNotServed() {
        open();
        office.start().join();

        assertThat(office.arrived(UUID.randomUUID(), "PJSIP/trunk-0001").join()).isEmpty();
    }
}
