package org.rappel.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    private static final Duration WRAP_UP = Duration.ofSeconds(30);

    private final ManualTime time = new ManualTime(T0);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Assignment> assignments = new ArrayList<>();
    private RuntimeException listenerFailure;
    private final Dispatcher dispatcher = new Dispatcher(
            List.of(ServiceConfig.of("tax"), ServiceConfig.of("housing")),
            List.of(new AgentConfig("a1", "PJSIP/agent101", Map.of("tax", 1), WRAP_UP),
                    new AgentConfig("a2", "PJSIP/agent102", Map.of("tax", 5, "housing", 1), WRAP_UP),
                    new AgentConfig("a3", "PJSIP/agent103", Map.of("housing", 1), Duration.ZERO)),
            time, time, registry, assignment -> {
                if (listenerFailure != null) {
                    throw listenerFailure;
                }
                assignments.add(assignment);
            });

    @AfterEach
    void invariantsHold() {
        dispatcher.checkInvariants();
    }

    private static Contact call(String id, String service, long arrivalSecond) {
        return Contact.of(id, ContactKind.LIVE_CALL, service, T0.plusSeconds(arrivalSecond));
    }

    private AgentState state(String agentId) {
        return dispatcher.agent(agentId).state();
    }

    private Assignment lastAssignment() {
        return assignments.get(assignments.size() - 1);
    }

    private double counter(String name, String service) {
        return registry.get(name).tag("service", service).counter().count();
    }

    private double agentsIn(AgentState state) {
        return registry.get("rappel.agents").tag("state", state.name().toLowerCase()).gauge().value();
    }

    /** The command is refused with that exception and the whole state is as before. */
    private void assertRefusedUnchanged(ThrowingCallable command, Class<? extends ContactCenterException> refusal) {
        QueueSnapshot before = dispatcher.snapshot();
        int assigned = assignments.size();
        assertThatThrownBy(command).isInstanceOf(refusal);
        assertThat(dispatcher.snapshot()).isEqualTo(before);
        assertThat(assignments).hasSize(assigned);
    }

    // ---- dispatch rule

    @Test
    void enqueue_noAgentLoggedIn_waits() {
        ContactStatus status = dispatcher.enqueue(call("c1", "tax", 0));
        assertThat(status).isEqualTo(new ContactStatus.Waiting(call("c1", "tax", 0), 1, 1));
        assertThat(assignments).isEmpty();
        assertThat(registry.get("rappel.queue.contacts.waiting").tag("service", "tax").gauge().value()).isEqualTo(1);
        assertThat(counter("rappel.queue.contacts.enqueued", "tax")).isEqualTo(1);
    }

    @Test
    void enqueue_agentAvailable_assignedAtOnceAndReserved() {
        dispatcher.login("a1");
        ContactStatus status = dispatcher.enqueue(call("c1", "tax", 0));
        assertThat(status).isEqualTo(new ContactStatus.Offered(call("c1", "tax", 0), "a1"));
        assertThat(assignments).containsExactly(new Assignment(call("c1", "tax", 0), "a1", "PJSIP/agent101", T0));
        assertThat(state("a1")).isEqualTo(AgentState.RESERVED);
        assertThat(dispatcher.agent("a1").contactId()).contains("c1");
        assertThat(counter("rappel.queue.contacts.dispatched", "tax")).isEqualTo(1);
        assertThat(registry.get("rappel.queue.contacts.waiting").tag("service", "tax").gauge().value()).isZero();
        assertThat(agentsIn(AgentState.RESERVED)).isEqualTo(1);
        assertThat(agentsIn(AgentState.LOGGED_OUT)).isEqualTo(2);
    }

    @Test
    void enqueue_severalAgentsAvailable_longestAvailableGetsIt() {
        dispatcher.login("a2");
        time.advance(Duration.ofSeconds(10));
        dispatcher.login("a1");
        dispatcher.enqueue(call("c1", "tax", 0));
        assertThat(lastAssignment().agentId()).isEqualTo("a2");
        dispatcher.enqueue(call("c2", "tax", 1));
        assertThat(lastAssignment().agentId()).isEqualTo("a1");
    }

    @Test
    void enqueue_availableSinceSameMoment_higherSkillLevelGetsIt() {
        dispatcher.login("a1");
        dispatcher.login("a2");
        dispatcher.enqueue(call("c1", "tax", 0));
        assertThat(lastAssignment().agentId()).isEqualTo("a2");
    }

    @Test
    void enqueue_onlyUnskilledAgentAvailable_waits() {
        dispatcher.login("a3");
        dispatcher.enqueue(call("c1", "tax", 0));
        assertThat(assignments).isEmpty();
        assertThat(state("a3")).isEqualTo(AgentState.AVAILABLE);
    }

    @Test
    void login_contactsWaitingInSeveralSkills_getsEarliestArrival() {
        dispatcher.enqueue(call("t", "tax", 20));
        dispatcher.enqueue(call("h", "housing", 10));
        dispatcher.login("a2");
        assertThat(lastAssignment().contact().id()).isEqualTo("h");
        assertThat(dispatcher.status("t")).isInstanceOf(ContactStatus.Waiting.class);
    }

    @Test
    void move_toServiceWithAvailableAgent_offeredAtOnce() {
        dispatcher.login("a3");
        dispatcher.enqueue(call("c1", "tax", 0));
        ContactStatus status = dispatcher.move("c1", "housing");
        assertThat(status).isEqualTo(new ContactStatus.Offered(call("c1", "housing", 0), "a3"));
        assertThat(dispatcher.size("tax")).isZero();
        assertThat(counter("rappel.queue.contacts.enqueued", "housing")).isEqualTo(1);
    }

    @Test
    void nextContactFor_contactsWaiting_peeksWithoutTaking() {
        dispatcher.enqueue(call("t", "tax", 20));
        dispatcher.enqueue(call("h", "housing", 10));
        assertThat(dispatcher.nextContactFor("a2")).contains(call("h", "housing", 10));
        assertThat(dispatcher.nextContactFor("a1")).contains(call("t", "tax", 20));
        assertThat(dispatcher.size("housing")).isEqualTo(1);
        assertThat(dispatcher.nextContactFor("a3")).contains(call("h", "housing", 10));
    }

    @Test
    void changePriority_waiting_movesAheadInItsService() {
        dispatcher.enqueue(call("c1", "tax", 0));
        dispatcher.enqueue(call("c2", "tax", 10));
        ContactStatus status = dispatcher.changePriority("c2", 1);
        assertThat(((ContactStatus.Waiting) status).position()).isEqualTo(1);
        assertThat(status.contact().priorityClass()).isEqualTo(1);
    }

    // ---- outcomes

    @Test
    void connected_agentOnCallAndWaitRecorded() {
        dispatcher.enqueue(call("c1", "tax", 0));
        time.advance(Duration.ofSeconds(42));
        dispatcher.login("a1");
        AgentView view = dispatcher.connected("c1");
        assertThat(view.state()).isEqualTo(AgentState.ON_CALL);
        assertThat(dispatcher.status("c1")).isEqualTo(new ContactStatus.Connected(call("c1", "tax", 0), "a1"));
        var timer = registry.get("rappel.queue.wait").tag("service", "tax").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.SECONDS)).isEqualTo(42.0);
    }

    @Test
    void offerFailed_noAnswer_contactBackAtFrontAndAgentPaused() {
        dispatcher.enqueue(call("c1", "tax", 0));
        dispatcher.enqueue(call("c2", "tax", 5));
        dispatcher.login("a1");
        assertThat(lastAssignment().contact().id()).isEqualTo("c1");
        dispatcher.enqueue(call("c3", "tax", 1));

        ContactStatus status = dispatcher.offerFailed("c1", OfferOutcome.NO_ANSWER);

        assertThat(status).isEqualTo(new ContactStatus.Waiting(call("c1", "tax", 0), 1, 3));
        AgentView a1 = dispatcher.agent("a1");
        assertThat(a1.state()).isEqualTo(AgentState.PAUSED);
        assertThat(a1.pauseReason()).contains("no answer");
        assertThat(a1.contactId()).isEmpty();
        assertThat(assignments).hasSize(1);
        dispatcher.login("a2");
        assertThat(lastAssignment().contact().id()).isEqualTo("c1");
    }

    @Test
    void offerFailed_missedOfferPauseElapses_agentTakesCallsAgain() {
        dispatcher.enqueue(call("c1", "tax", 0));
        dispatcher.login("a1");
        dispatcher.offerFailed("c1", OfferOutcome.NO_ANSWER);

        time.advance(AgentConfig.DEFAULT_MISSED_OFFER_PAUSE.minusSeconds(1));
        assertThat(state("a1")).isEqualTo(AgentState.PAUSED);
        time.advance(Duration.ofSeconds(1));

        assertThat(lastAssignment().agentId()).isEqualTo("a1");
        assertThat(lastAssignment().contact().id()).isEqualTo("c1");
        assertThat(state("a1")).isEqualTo(AgentState.RESERVED);
    }

    @Test
    void offerFailed_pausedByHandMeanwhile_staysPaused() {
        dispatcher.enqueue(call("c1", "tax", 0));
        dispatcher.login("a1");
        dispatcher.offerFailed("c1", OfferOutcome.BUSY);
        time.advance(Duration.ofSeconds(10));
        dispatcher.pause("a1", "training");

        time.advance(AgentConfig.DEFAULT_MISSED_OFFER_PAUSE);

        assertThat(state("a1")).isEqualTo(AgentState.PAUSED);
        assertThat(dispatcher.agent("a1").pauseReason()).contains("training");
        assertThat(assignments).hasSize(1);
    }

    @Test
    void offerFailed_zeroMissedOfferPause_pausedUntilUnpaused() {
        Dispatcher strict = new Dispatcher(List.of(ServiceConfig.of("tax")),
                List.of(new AgentConfig("a9", "PJSIP/agent109", Map.of("tax", 1), WRAP_UP, Duration.ZERO)),
                time, time, registry, assignments::add);
        strict.enqueue(call("c1", "tax", 0));
        strict.login("a9");
        strict.offerFailed("c1", OfferOutcome.NO_ANSWER);

        time.advance(Duration.ofHours(8));

        assertThat(strict.agent("a9").state()).isEqualTo(AgentState.PAUSED);
    }

    @Test
    void offerFailed_anotherAgentAvailable_offeredToIt() {
        dispatcher.login("a1");
        dispatcher.login("a2");
        dispatcher.enqueue(call("c1", "tax", 0));
        assertThat(lastAssignment().agentId()).isEqualTo("a2");
        dispatcher.offerFailed("c1", OfferOutcome.BUSY);
        assertThat(lastAssignment().agentId()).isEqualTo("a1");
        assertThat(lastAssignment().contact().id()).isEqualTo("c1");
        assertThat(dispatcher.agent("a2").pauseReason()).contains("busy");
        assertThat(counter("rappel.queue.contacts.dispatched", "tax")).isEqualTo(2);
    }

    @Test
    void callEnded_wrapUpThenAvailableAndNextContact() {
        dispatcher.login("a1");
        dispatcher.enqueue(call("c1", "tax", 0));
        dispatcher.connected("c1");
        dispatcher.enqueue(call("c2", "tax", 1));
        assertThat(dispatcher.callEnded("c1").state()).isEqualTo(AgentState.WRAP_UP);
        assertThatThrownBy(() -> dispatcher.status("c1")).isInstanceOf(ContactCenterException.UnknownContact.class);

        time.advance(WRAP_UP.minusSeconds(1));
        assertThat(state("a1")).isEqualTo(AgentState.WRAP_UP);
        assertThat(assignments).hasSize(1);
        time.advance(Duration.ofSeconds(1));
        assertThat(state("a1")).isEqualTo(AgentState.RESERVED);
        assertThat(lastAssignment().contact().id()).isEqualTo("c2");
        assertThat(lastAssignment().reservedAt()).isEqualTo(T0.plus(WRAP_UP));
    }

    @Test
    void callEnded_noWrapUpTime_availableAtOnce() {
        dispatcher.login("a3");
        dispatcher.enqueue(call("c1", "housing", 0));
        dispatcher.connected("c1");
        assertThat(dispatcher.callEnded("c1").state()).isEqualTo(AgentState.AVAILABLE);
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void remove_offeredContact_agentAvailableAgainKeepingItsPlace() {
        dispatcher.login("a1");
        time.advance(Duration.ofSeconds(10));
        dispatcher.login("a3");
        dispatcher.enqueue(call("c1", "housing", 0));
        assertThat(lastAssignment().agentId()).isEqualTo("a3");
        time.advance(Duration.ofSeconds(5));
        dispatcher.login("a2");  // available later than a3 was

        Contact removed = dispatcher.remove("c1", RemovalReason.ABANDONED);

        assertThat(removed.id()).isEqualTo("c1");
        assertThat(state("a3")).isEqualTo(AgentState.AVAILABLE);
        assertThat(counter("rappel.queue.contacts.abandoned", "housing")).isEqualTo(1);
        dispatcher.enqueue(call("c2", "housing", 1));
        assertThat(lastAssignment().agentId()).isEqualTo("a3");
    }

    @Test
    void remove_waitingWithdrawn_notCountedAsAbandon() {
        dispatcher.enqueue(call("c1", "tax", 0));
        dispatcher.remove("c1", RemovalReason.WITHDRAWN);
        assertThat(counter("rappel.queue.contacts.abandoned", "tax")).isZero();
        assertThat(dispatcher.size("tax")).isZero();
    }

    @Test
    void enqueue_callbackReplacingCall_keepsCallersPlace() {
        dispatcher.enqueue(call("c1", "tax", 0));
        dispatcher.enqueue(call("c2", "tax", 10));
        dispatcher.enqueue(call("c3", "tax", 20));
        Contact c2 = dispatcher.remove("c2", RemovalReason.WITHDRAWN);
        ContactStatus callback = dispatcher.enqueue(new Contact("cb2", ContactKind.CALLBACK, "tax",
                c2.priorityClass(), c2.virtualArrival(), Map.of("lang", "fr")));
        assertThat(((ContactStatus.Waiting) callback).position()).isEqualTo(2);
    }

    // ---- agents who should get no call

    @Test
    void pause_available_getsNoCallUntilUnpaused() {
        dispatcher.login("a1");
        AgentView paused = dispatcher.pause("a1", "lunch");
        assertThat(paused.pauseReason()).contains("lunch");
        dispatcher.enqueue(call("c1", "tax", 0));
        assertThat(assignments).isEmpty();
        dispatcher.unpause("a1");
        assertThat(lastAssignment().agentId()).isEqualTo("a1");
    }

    @Test
    void logout_available_getsNoCall() {
        dispatcher.login("a1");
        dispatcher.logout("a1");
        dispatcher.enqueue(call("c1", "tax", 0));
        assertThat(assignments).isEmpty();
        assertThat(state("a1")).isEqualTo(AgentState.LOGGED_OUT);
    }

    @Test
    void pause_onCall_pausedAfterWrapUp() {
        dispatcher.login("a1");
        dispatcher.enqueue(call("c1", "tax", 0));
        dispatcher.connected("c1");
        AgentView view = dispatcher.pause("a1", "training");
        assertThat(view.state()).isEqualTo(AgentState.ON_CALL);
        assertThat(view.afterCall()).isEqualTo(AgentView.AfterCall.PAUSE);
        dispatcher.enqueue(call("c2", "tax", 1));
        dispatcher.callEnded("c1");
        time.advance(WRAP_UP);
        assertThat(dispatcher.agent("a1").state()).isEqualTo(AgentState.PAUSED);
        assertThat(dispatcher.agent("a1").pauseReason()).contains("training");
        assertThat(assignments).hasSize(1);
    }

    @Test
    void logout_reserved_loggedOutWhenOfferFails() {
        dispatcher.login("a1");
        dispatcher.enqueue(call("c1", "tax", 0));
        dispatcher.logout("a1");
        dispatcher.offerFailed("c1", OfferOutcome.NO_ANSWER);
        assertThat(state("a1")).isEqualTo(AgentState.LOGGED_OUT);
        assertThat(dispatcher.size("tax")).isEqualTo(1);
    }

    @Test
    void logout_onCall_loggedOutWhenCallEnds() {
        dispatcher.login("a1");
        dispatcher.enqueue(call("c1", "tax", 0));
        dispatcher.connected("c1");
        dispatcher.logout("a1");
        dispatcher.enqueue(call("c2", "tax", 1));
        assertThat(dispatcher.callEnded("c1").state()).isEqualTo(AgentState.LOGGED_OUT);
        assertThat(time.pendingTasks()).isZero();
        assertThat(assignments).hasSize(1);
    }

    @Test
    void pause_duringWrapUp_endsWrapUpAndTimerIgnored() {
        dispatcher.login("a1");
        dispatcher.enqueue(call("c1", "tax", 0));
        dispatcher.connected("c1");
        dispatcher.callEnded("c1");
        dispatcher.pause("a1", "break");
        dispatcher.enqueue(call("c2", "tax", 1));
        time.advance(WRAP_UP.multipliedBy(2));
        assertThat(state("a1")).isEqualTo(AgentState.PAUSED);
        assertThat(assignments).hasSize(1);
        dispatcher.unpause("a1");
        assertThat(lastAssignment().contact().id()).isEqualTo("c2");
    }

    @Test
    void logout_duringWrapUpWithPauseAsked_pauseForgotten() {
        dispatcher.login("a1");
        dispatcher.enqueue(call("c1", "tax", 0));
        dispatcher.connected("c1");
        dispatcher.pause("a1", "training");
        dispatcher.callEnded("c1");
        dispatcher.logout("a1");
        dispatcher.login("a1");
        dispatcher.enqueue(call("c2", "tax", 1));
        dispatcher.connected("c2");
        dispatcher.callEnded("c2");
        time.advance(WRAP_UP);
        assertThat(state("a1")).isEqualTo(AgentState.AVAILABLE);
    }

    @Test
    void login_again_noChange() {
        dispatcher.login("a1");
        time.advance(Duration.ofSeconds(5));
        assertThat(dispatcher.login("a1").since()).isEqualTo(T0);
    }

    // ---- listener failure

    @Test
    void enqueue_listenerThrows_offerFailsAndContactWaits() {
        dispatcher.login("a1");
        listenerFailure = new IllegalStateException("call path down");
        ContactStatus status = dispatcher.enqueue(call("c1", "tax", 0));
        assertThat(status).isInstanceOf(ContactStatus.Waiting.class);
        assertThat(dispatcher.agent("a1").pauseReason()).contains(OfferOutcome.UNAVAILABLE.pauseReason());
    }

    // ---- refused commands change nothing

    @Test
    void agentCommands_unknownAgent_refusedUnchanged() {
        dispatcher.login("a1");
        dispatcher.enqueue(call("c1", "tax", 0));
        dispatcher.enqueue(call("c2", "tax", 0));
        Class<ContactCenterException.UnknownAgent> unknown = ContactCenterException.UnknownAgent.class;
        assertRefusedUnchanged(() -> dispatcher.login("zz"), unknown);
        assertRefusedUnchanged(() -> dispatcher.logout("zz"), unknown);
        assertRefusedUnchanged(() -> dispatcher.pause("zz", "lunch"), unknown);
        assertRefusedUnchanged(() -> dispatcher.unpause("zz"), unknown);
        assertRefusedUnchanged(() -> dispatcher.nextContactFor("zz"), unknown);
        assertRefusedUnchanged(() -> dispatcher.agent("zz"), unknown);
    }

    @Test
    void serviceCommands_unknownService_refusedUnchanged() {
        dispatcher.login("a3");
        dispatcher.enqueue(call("c1", "tax", 0));
        Class<ContactCenterException.UnknownService> unknown = ContactCenterException.UnknownService.class;
        assertRefusedUnchanged(() -> dispatcher.enqueue(call("x", "parking", 0)), unknown);
        assertRefusedUnchanged(() -> dispatcher.move("c1", "parking"), unknown);
        assertRefusedUnchanged(() -> dispatcher.size("parking"), unknown);
    }

    @Test
    void contactCommands_unknownContact_refusedUnchanged() {
        dispatcher.login("a1");
        dispatcher.enqueue(call("c1", "tax", 0));
        dispatcher.enqueue(call("c2", "tax", 1));
        Class<ContactCenterException.UnknownContact> unknown = ContactCenterException.UnknownContact.class;
        assertRefusedUnchanged(() -> dispatcher.remove("zz", RemovalReason.ABANDONED), unknown);
        assertRefusedUnchanged(() -> dispatcher.status("zz"), unknown);
        assertRefusedUnchanged(() -> dispatcher.move("zz", "housing"), unknown);
        assertRefusedUnchanged(() -> dispatcher.changePriority("zz", 3), unknown);
        assertRefusedUnchanged(() -> dispatcher.connected("zz"), unknown);
        assertRefusedUnchanged(() -> dispatcher.offerFailed("zz", OfferOutcome.BUSY), unknown);
        assertRefusedUnchanged(() -> dispatcher.callEnded("zz"), unknown);
    }

    @Test
    void enqueue_duplicateId_refusedUnchanged() {
        dispatcher.login("a1");
        dispatcher.enqueue(call("c1", "tax", 0));   // offered to a1
        dispatcher.enqueue(call("c2", "tax", 1));   // waiting
        Class<ContactCenterException.DuplicateContact> duplicate = ContactCenterException.DuplicateContact.class;
        assertRefusedUnchanged(() -> dispatcher.enqueue(call("c1", "housing", 0)), duplicate);
        assertRefusedUnchanged(() -> dispatcher.enqueue(call("c2", "housing", 0)), duplicate);
    }

    @Test
    void commands_wrongContactState_refusedUnchanged() {
        dispatcher.login("a1");
        dispatcher.login("a2");
        dispatcher.enqueue(call("offered", "tax", 0));
        dispatcher.enqueue(call("connected", "tax", 1));
        dispatcher.connected("connected");
        dispatcher.enqueue(call("waiting", "tax", 2));
        Class<ContactCenterException.ContactStateConflict> conflict = ContactCenterException.ContactStateConflict.class;
        assertRefusedUnchanged(() -> dispatcher.connected("waiting"), conflict);
        assertRefusedUnchanged(() -> dispatcher.offerFailed("waiting", OfferOutcome.BUSY), conflict);
        assertRefusedUnchanged(() -> dispatcher.callEnded("waiting"), conflict);
        assertRefusedUnchanged(() -> dispatcher.callEnded("offered"), conflict);
        assertRefusedUnchanged(() -> dispatcher.offerFailed("connected", OfferOutcome.BUSY), conflict);
        assertRefusedUnchanged(() -> dispatcher.remove("connected", RemovalReason.ABANDONED), conflict);
        assertRefusedUnchanged(() -> dispatcher.move("offered", "housing"), conflict);
        assertRefusedUnchanged(() -> dispatcher.changePriority("offered", 2), conflict);
    }

    @Test
    void pause_loggedOut_refusedUnchanged() {
        assertRefusedUnchanged(() -> dispatcher.pause("a1", "lunch"), ContactCenterException.IllegalAgentState.class);
        assertRefusedUnchanged(() -> dispatcher.unpause("a1"), ContactCenterException.IllegalAgentState.class);
    }

    @Test
    void constructor_skillForUnknownService_refused() {
        assertThatThrownBy(() -> new Dispatcher(List.of(ServiceConfig.of("tax")),
                List.of(new AgentConfig("a1", "PJSIP/agent101", Map.of("parking", 1), WRAP_UP)),
                time, time, registry, a -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parking");
    }
}
