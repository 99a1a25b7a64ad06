package org.rappel.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.rappel.estimate.Estimate;
import org.rappel.estimate.EstimatorChoice;
import org.rappel.estimate.QueueEvent;
import org.rappel.estimate.Reliability;
import org.rappel.estimate.WaitTimeEstimation;
import org.rappel.estimate.WaitTimeEstimator;
import org.rappel.estimate.WaitTimeEstimators;
import org.rappel.queue.AgentConfig;
import org.rappel.queue.AgentState;
import org.rappel.queue.AgentView;
import org.rappel.queue.Contact;
import org.rappel.queue.ContactCenter;
import org.rappel.queue.ContactKind;
import org.rappel.queue.ContactStatus;
import org.rappel.queue.RemovalReason;
import org.rappel.queue.ServiceConfig;

/**
 * A caller held by the real queue: a real contact center and real estimators on the same manual executor as the
 * scripted AGI session, so every step happens when the test says.
 */
class ContactCenterQueueTest {

    private static final String CALLER_CHANNEL = "PJSIP/trunk-00000001";
    private static final String CALLER_ID = "1795701998.5";
    private static final String AGENT_CHANNEL = "PJSIP/agent101-0000002a";

    private final ManualScheduler scheduler = new ManualScheduler();
    private final Clock clock = new SchedulerClock(scheduler);
    private final RecordingEstimator recorder = new RecordingEstimator();
    private final ScriptedAgiSession session = new ScriptedAgiSession(scheduler, "hotline", CALLER_CHANNEL, CALLER_ID);
    private QueueDesk desk;
    private ContactCenterQueue queue;

    /** Services prestations (announces {@code ql}) and logement (announces the recorder's figure); agent101. */
    private void open(Duration wrapUp, String... loggedIn) {
        open(ContactCenter.DEFAULT_MAX_PENDING_COMMANDS, wrapUp, loggedIn);
    }

    private void open(int maxPendingCommands, Duration wrapUp, String... loggedIn) {
        List<WaitTimeEstimator> estimators = new ArrayList<>(WaitTimeEstimators.all());
        estimators.add(recorder);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        WaitTimeEstimation estimation = new WaitTimeEstimation(estimators,
                new EstimatorChoice("ql", Map.of("logement", RecordingEstimator.NAME)), registry);
        AgentConfig agent = new AgentConfig("agent101", "PJSIP/agent101", Map.of("prestations", 1, "logement", 1),
                wrapUp);
        desk = QueueDesk.open(List.of(ServiceConfig.of("prestations"), ServiceConfig.of("logement")),
                List.of(agent), List.of(loggedIn), scheduler, clock, registry, estimation, maxPendingCommands);
        HoldPolicy policy = new HoldPolicy(0, Duration.ofSeconds(60), Duration.ofSeconds(20));
        queue = new ContactCenterQueue(desk, Map.of("prestations", policy, "logement", policy), clock);
        scheduler.runReady();
    }

    private CompletableFuture<FlowOutcome> hold(ScriptedAgiSession caller, String service) {
        EnqueueRequest request = new EnqueueRequest(caller, "hotline", service, "default",
                List.of("rappel/still-busy"), Duration.ofSeconds(45), Map.of("language", "fr"));
        CompletableFuture<FlowOutcome> left = new CompletableFuture<>();
        scheduler.execute(() -> queue.enqueue(request).whenComplete((outcome, error) -> left.complete(outcome)));
        return left;
    }

    private static void play(ScriptedAgiSession caller, String sound) {
        caller.expect("STREAM FILE " + sound + " \"\"", "200 result=0 endpos=8000");
    }

    /** The entry announcement when the estimate is not reliable, then music. */
    private static void hearsUnknownWait(ScriptedAgiSession caller, int position) {
        play(caller, "rappel/you-are-number");
        caller.expect("SAY NUMBER " + position + " \"\"", "200 result=0");
        play(caller, "rappel/wait-unknown");
        caller.expect("SET MUSIC ON default", "200 result=0");
    }

    /** Seconds of hold: each loop turn's WAIT FOR DIGIT answered after a second. */
    private void holdsFor(ScriptedAgiSession caller, int seconds) {
        for (int i = 0; i < seconds; i++) {
            assertThat(caller.next()).isEqualTo("WAIT FOR DIGIT 1000");
            scheduler.advance(Duration.ofSeconds(1));
            caller.reply("200 result=0");
        }
    }

    private <T> T now(CompletableFuture<T> future) {
        scheduler.runReady();
        assertThat(future).isDone();
        return future.join();
    }

    private AgentView agent() {
        return now(desk.center().agent("agent101"));
    }

    @Test
    void enqueue_unreliableEstimate_announcesPositionAndNoFigureThenHolds() {
        open(Duration.ofSeconds(30));
        CompletableFuture<FlowOutcome> left = hold(session, "prestations");

        hearsUnknownWait(session, 1);

        assertThat(session.next()).isEqualTo("WAIT FOR DIGIT 1000");
        assertThat(left).isNotDone();
        ContactStatus status = now(desk.center().status(CALLER_ID));
        assertThat(status).isInstanceOf(ContactStatus.Waiting.class);
        assertThat(status.contact().context()).containsEntry("language", "fr").containsEntry("hotline", "hotline");
        assertThat(recorder.events).singleElement().isInstanceOf(QueueEvent.ContactEntered.class);
    }

    @Test
    void enqueue_reliableEstimate_announcesPositionAndRoundedWait() {
        open(Duration.ofSeconds(30));
        recorder.answer = Estimate.ofSeconds(250, Reliability.RELIABLE);
        ScriptedAgiSession second = new ScriptedAgiSession(scheduler, "hotline", "PJSIP/trunk-00000002", "1795701998.9");
        hold(session, "logement");
        play(session, "rappel/you-are-number");
        session.expect("SAY NUMBER 1 \"\"", "200 result=0");
        play(session, "rappel/estimated-wait");
        play(session, "rappel/about");
        session.expect("SAY NUMBER 4 \"\"", "200 result=0");
        play(session, "rappel/minutes");
        session.expect("SET MUSIC ON default", "200 result=0");

        recorder.answer = Estimate.ofSeconds(5000, Reliability.RELIABLE);
        hold(second, "logement");

        play(second, "rappel/you-are-number");
        second.expect("SAY NUMBER 2 \"\"", "200 result=0");
        play(second, "rappel/estimated-wait");
        play(second, "rappel/between");
        second.expect("SAY NUMBER 1 \"\"", "200 result=0");
        play(second, "rappel/and");
        second.expect("SAY NUMBER 2 \"\"", "200 result=0");
        play(second, "rappel/hours");
        second.expect("SET MUSIC ON default", "200 result=0");
        assertThat(recorder.positionsAsked).containsExactly(1, 2);
    }

    @Test
    void enqueue_missingSounds_announcementGoesOnAndCallerHolds() {
        open(Duration.ofSeconds(30));
        CompletableFuture<FlowOutcome> left = hold(session, "prestations");

        session.expect("STREAM FILE rappel/you-are-number \"\"", "200 result=-1 endpos=0");
        scheduler.advance(Duration.ofMillis(PromptFailure.HANGUP_NOTICE_GRACE_MILLIS));
        session.expect("SAY NUMBER 1 \"\"", "200 result=-1");
        session.expect("STREAM FILE rappel/wait-unknown \"\"", "200 result=-1 endpos=0");
        scheduler.advance(Duration.ofMillis(PromptFailure.HANGUP_NOTICE_GRACE_MILLIS));
        session.expect("SET MUSIC ON default", "200 result=0");

        assertThat(session.next()).isEqualTo("WAIT FOR DIGIT 1000");
        assertThat(left).isNotDone();
    }

    @Test
    void enqueue_contactCenterOverloaded_holdsWithMusicAndEntersOnRetry() {
        open(1, Duration.ofSeconds(30));
        EnqueueRequest request = new EnqueueRequest(session, "hotline", "prestations", "default", List.of(),
                Duration.ofSeconds(45), Map.of());
        CompletableFuture<FlowOutcome> left = queue.enqueue(request).toCompletableFuture();
        // Called now, counted now: the caller's enqueue, run after it, finds the contact center full.
        CompletableFuture<Integer> filler = desk.center().size("prestations");

        session.expect("SET MUSIC ON default", "200 result=0");
        assertThat(now(filler)).isZero();
        holdsFor(session, HeldCall.ENTER_RETRY_TURNS);

        hearsUnknownWait(session, 1);
        assertThat(session.next()).isEqualTo("WAIT FOR DIGIT 1000");
        assertThat(left).isNotDone();
        assertThat(recorder.events).singleElement().isInstanceOf(QueueEvent.ContactEntered.class);
    }

    @Test
    void hold_announcementDue_playsHoldMessageAndFreshAnnouncementThenMusicAgain() {
        open(Duration.ofSeconds(30));
        hold(session, "prestations");
        hearsUnknownWait(session, 1);

        holdsFor(session, 60);

        play(session, "rappel/still-busy");
        play(session, "rappel/you-are-number");
        session.expect("SAY NUMBER 1 \"\"", "200 result=0");
        play(session, "rappel/wait-unknown");
        session.expect("SET MUSIC ON default", "200 result=0");
        assertThat(session.next()).isEqualTo("WAIT FOR DIGIT 1000");
    }

    @Test
    void hold_agentAssigned_dialsWithMusicAndConnectsOnBridgeEnter() {
        open(Duration.ofSeconds(30));
        CompletableFuture<FlowOutcome> left = hold(session, "prestations");
        hearsUnknownWait(session, 1);
        holdsFor(session, 3);

        desk.center().login("agent101");
        holdsFor(session, 1);

        assertThat(session.next()).isEqualTo("EXEC Dial PJSIP/agent101,20,m(default)");
        assertThat(agent().state()).isEqualTo(AgentState.RESERVED);
        desk.agentDialed(CALLER_CHANNEL, AGENT_CHANNEL);
        desk.agentBridged(AGENT_CHANNEL);
        scheduler.runReady();
        assertThat(agent().state()).isEqualTo(AgentState.ON_CALL);
        assertThat(recorder.events).last().isInstanceOf(QueueEvent.ServiceStarted.class);

        scheduler.advance(Duration.ofSeconds(90));
        session.reply("200 result=-1");
        session.expect("GET VARIABLE DIALSTATUS", "200 result=1 (ANSWER)");

        assertThat(now(left)).isEqualTo(FlowOutcome.ENQUEUED_CONNECTED);
        assertThat(agent().state()).isEqualTo(AgentState.WRAP_UP);
        assertThat(recorder.events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("ContactEntered", "ServiceStarted", "ServiceEnded");
        assertThat(((QueueEvent.ServiceStarted) recorder.events.get(1)).agent()).contains("agent101");
    }

    @Test
    void dial_amiSeesAgentHangUpFirst_callEndedOnceAndCallerConnected() {
        open(Duration.ofSeconds(30), "agent101");
        CompletableFuture<FlowOutcome> left = hold(session, "prestations");
        assertThat(session.next()).isEqualTo("EXEC Dial PJSIP/agent101,20,m(default)");
        desk.agentDialed(CALLER_CHANNEL, AGENT_CHANNEL);
        desk.agentBridged(AGENT_CHANNEL);
        scheduler.advance(Duration.ofSeconds(45));
        desk.agentHungUp(AGENT_CHANNEL);
        scheduler.runReady();
        assertThat(agent().state()).isEqualTo(AgentState.WRAP_UP);

        session.reply("200 result=-1");
        session.expect("GET VARIABLE DIALSTATUS", "200 result=1 (ANSWER)");

        assertThat(now(left)).isEqualTo(FlowOutcome.ENQUEUED_CONNECTED);
        assertThat(agent().state()).isEqualTo(AgentState.WRAP_UP);
        assertThat(recorder.events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("ContactEntered", "ServiceStarted", "ServiceEnded");
    }

    @Test
    void hold_agentAnswersWithoutAmi_connectedWhenDialReturnsAnswer() {
        open(Duration.ofSeconds(30), "agent101");
        CompletableFuture<FlowOutcome> left = hold(session, "prestations");

        assertThat(session.next()).isEqualTo("EXEC Dial PJSIP/agent101,20,m(default)");
        assertThat(agent().state()).isEqualTo(AgentState.RESERVED);
        session.reply("200 result=-1");
        session.expect("GET VARIABLE DIALSTATUS", "200 result=1 (ANSWER)");

        assertThat(now(left)).isEqualTo(FlowOutcome.ENQUEUED_CONNECTED);
        assertThat(agent().state()).isEqualTo(AgentState.WRAP_UP);
        assertThat(recorder.events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("ContactEntered", "ServiceStarted", "ServiceEnded");
    }

    @Test
    void dial_busy_backToHoldWithMusicAndAgentPaused() {
        open(Duration.ofSeconds(30));
        CompletableFuture<FlowOutcome> left = hold(session, "prestations");
        hearsUnknownWait(session, 1);
        desk.center().login("agent101");
        holdsFor(session, 1);

        session.expect("EXEC Dial PJSIP/agent101,20,m(default)", "200 result=0");
        session.expect("GET VARIABLE DIALSTATUS", "200 result=1 (BUSY)");

        session.expect("SET MUSIC ON default", "200 result=0");
        assertThat(session.next()).isEqualTo("WAIT FOR DIGIT 1000");
        assertThat(left).isNotDone();
        assertThat(agent().state()).isEqualTo(AgentState.PAUSED);
        assertThat(agent().pauseReason()).contains("busy");
        assertThat(now(desk.center().status(CALLER_ID))).isInstanceOfSatisfying(ContactStatus.Waiting.class,
                waiting -> assertThat(waiting.position()).isEqualTo(1));
    }

    @Test
    void dial_busy_estimatorsToldTheServiceLostItsAgent() {
        open(Duration.ofSeconds(30), "agent101");
        hold(session, "prestations");
        assertThat(recorder.staffing).extracting(QueueEvent.StaffingChanged::service,
                QueueEvent.StaffingChanged::agentsLoggedIn).contains(tuple(
                "prestations", 1));

        session.expect("EXEC Dial PJSIP/agent101,20,m(default)", "200 result=0");
        session.expect("GET VARIABLE DIALSTATUS", "200 result=1 (BUSY)");
        scheduler.runReady();

        assertThat(recorder.staffing).last().extracting(QueueEvent.StaffingChanged::agentsLoggedIn).isEqualTo(0);
    }

    @Test
    void dial_refusedByAsterisk_offerFailsAndCallerHoldsOn() {
        open(Duration.ofSeconds(30), "agent101");
        CompletableFuture<FlowOutcome> left = hold(session, "prestations");

        session.expect("EXEC Dial PJSIP/agent101,20,m(default)", "510 Invalid or unknown command");
        session.expect("GET VARIABLE DIALSTATUS", "200 result=0"); // queued with the Dial, answered, ignored

        session.expect("SET MUSIC ON default", "200 result=0");
        assertThat(session.next()).isEqualTo("WAIT FOR DIGIT 1000");
        assertThat(left).isNotDone();
        assertThat(agent().pauseReason()).contains("unavailable");
    }

    @Test
    void dial_noAnswer_backToHoldAndAgentPausedThenNextAgentRings() {
        open(Duration.ofSeconds(30));
        hold(session, "prestations");
        hearsUnknownWait(session, 1);
        desk.center().login("agent101");
        holdsFor(session, 1);

        session.expect("EXEC Dial PJSIP/agent101,20,m(default)", "200 result=0");
        scheduler.advance(Duration.ofSeconds(20));
        session.expect("GET VARIABLE DIALSTATUS", "200 result=1 (NOANSWER)");
        session.expect("SET MUSIC ON default", "200 result=0");

        assertThat(agent().pauseReason()).contains("no answer");
        holdsFor(session, 2);
        desk.center().unpause("agent101");
        holdsFor(session, 1);
        assertThat(session.next()).isEqualTo("EXEC Dial PJSIP/agent101,20,m(default)");
    }

    @Test
    void hold_callerHangsUp_contactRemovedAndAbandonReported() {
        open(Duration.ofSeconds(30));
        CompletableFuture<FlowOutcome> left = hold(session, "prestations");
        hearsUnknownWait(session, 1);
        holdsFor(session, 5);

        session.callerHangsUp();

        assertThat(now(left)).isEqualTo(FlowOutcome.ENQUEUED_ABANDONED);
        assertThat(now(desk.center().size("prestations"))).isZero();
        assertThat(recorder.events).last().isInstanceOfSatisfying(QueueEvent.ContactAbandoned.class,
                abandoned -> assertThat(abandoned.contactId()).isEqualTo(CALLER_ID));
    }

    @Test
    void dial_callerHangsUpWhileAgentRings_abandonedAndAgentFreed() {
        open(Duration.ofSeconds(30), "agent101");
        CompletableFuture<FlowOutcome> left = hold(session, "prestations");
        assertThat(session.next()).isEqualTo("EXEC Dial PJSIP/agent101,20,m(default)");
        scheduler.advance(Duration.ofSeconds(5));

        session.callerHangsUp();
        session.reply("200 result=-1");

        assertThat(now(left)).isEqualTo(FlowOutcome.ENQUEUED_ABANDONED);
        assertThat(agent().state()).isEqualTo(AgentState.AVAILABLE);
        assertThat(recorder.events).last().isInstanceOf(QueueEvent.ContactAbandoned.class);
    }

    @Test
    void dial_callerHangsUpDuringShortConversationWithoutAmi_dialStatusStillReadAndServed() {
        open(Duration.ofSeconds(30), "agent101");
        CompletableFuture<FlowOutcome> left = hold(session, "prestations");
        assertThat(session.next()).isEqualTo("EXEC Dial PJSIP/agent101,20,m(default)");
        scheduler.advance(Duration.ofSeconds(15)); // shorter than the ring timeout: timing alone would say abandoned

        session.replyThenHangUp("200 result=-1"); // as Asterisk: Dial's reply, then the HANGUP notice
        session.expect("GET VARIABLE DIALSTATUS", "200 result=1 (ANSWER)");

        assertThat(now(left)).isEqualTo(FlowOutcome.ENQUEUED_CONNECTED);
        assertThat(agent().state()).isEqualTo(AgentState.WRAP_UP);
        assertThat(recorder.events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("ContactEntered", "ServiceStarted", "ServiceEnded");
    }

    @Test
    void dial_callerHangsUpAfterLongConversationWithoutAmi_countsAsServed() {
        open(Duration.ofSeconds(30), "agent101");
        CompletableFuture<FlowOutcome> left = hold(session, "prestations");
        assertThat(session.next()).isEqualTo("EXEC Dial PJSIP/agent101,20,m(default)");
        scheduler.advance(Duration.ofSeconds(180));

        session.callerHangsUp();
        session.reply("200 result=-1");

        assertThat(now(left)).isEqualTo(FlowOutcome.ENQUEUED_CONNECTED);
        assertThat(agent().state()).isEqualTo(AgentState.WRAP_UP);
        assertThat(recorder.events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("ContactEntered", "ServiceStarted", "ServiceEnded");
    }

    @Test
    void desk_callerLeavesBeforeTheContactCenterTookThem_estimatorsKeepNoGhost() throws Exception {
        open(Duration.ofSeconds(30));
        Contact early = Contact.of("1795709999.1", ContactKind.LIVE_CALL, "prestations", clock.instant());

        CompletableFuture<Optional<QueueDesk.WaitInfo>> entered = desk.enter(early, "PJSIP/trunk-0000009", a -> { });
        desk.leave(early.id(), RemovalReason.ABANDONED);
        scheduler.runReady();

        assertThat(entered).isCompletedWithValue(Optional.empty());
        assertThat(recorder.events).isEmpty();
        CompletableFuture<Integer> waiting = desk.center().size("prestations");
        scheduler.runReady();
        assertThat(waiting).isCompletedWithValue(0);
    }

    @Test
    void hold_twoCallers_servedInArrivalOrder() {
        open(Duration.ofSeconds(10));
        ScriptedAgiSession second = new ScriptedAgiSession(scheduler, "hotline", "PJSIP/trunk-00000002", "1795701998.9");
        CompletableFuture<FlowOutcome> firstLeft = hold(session, "prestations");
        hearsUnknownWait(session, 1);
        hold(second, "prestations");
        hearsUnknownWait(second, 2);

        desk.center().login("agent101");
        holdsFor(second, 1);
        assertThat(second.next()).isEqualTo("WAIT FOR DIGIT 1000");
        holdsFor(session, 1);
        session.expect("EXEC Dial PJSIP/agent101,20,m(default)", "200 result=-1");
        session.expect("GET VARIABLE DIALSTATUS", "200 result=1 (ANSWER)");
        assertThat(now(firstLeft)).isEqualTo(FlowOutcome.ENQUEUED_CONNECTED);

        holdsFor(second, 9);
        assertThat(agent().state()).isEqualTo(AgentState.WRAP_UP);
        holdsFor(second, 1);
        assertThat(second.next()).isEqualTo("EXEC Dial PJSIP/agent101,20,m(default)");
    }

    /** Time of the manual scheduler, from an arbitrary morning. */
    private static final class SchedulerClock extends Clock {
        private static final Instant START = Instant.parse("2026-11-26T08:00:00Z");
        private final ManualScheduler scheduler;

        SchedulerClock(ManualScheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return START.plusMillis(scheduler.nowMillis());
        }
    }

    /** An estimator neighbour that records what it is told and answers a set figure. */
    private static final class RecordingEstimator implements WaitTimeEstimator {
        static final String NAME = "recorded";
        final List<QueueEvent> events = new ArrayList<>();
        final List<Integer> positionsAsked = new ArrayList<>();
        final List<QueueEvent.StaffingChanged> staffing = new ArrayList<>();
        Estimate answer = Estimate.ofSeconds(0, Reliability.TOO_FEW_OBSERVATIONS);

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public void onEvent(QueueEvent event) {
            if (event instanceof QueueEvent.StaffingChanged changed) {
                staffing.add(changed);
            } else {
                events.add(event);
            }
        }

        @Override
        public Estimate estimate(String service, int position, int priority, Instant now) {
            if (service.equals("logement")) {
                positionsAsked.add(position);
            }
            return answer;
        }
    }
}
