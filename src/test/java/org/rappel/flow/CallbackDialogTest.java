package org.rappel.flow;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rappel.callback.CallbackAsk;
import org.rappel.callback.CallbackRefusal;
import org.rappel.callback.CallbackReply;
import org.rappel.callback.NumberCheck;
import org.rappel.callback.NumberRefusal;
import org.rappel.callback.OfferReason;
import org.rappel.estimate.Estimate;
import org.rappel.estimate.EstimatorChoice;
import org.rappel.estimate.QueueEvent;
import org.rappel.estimate.Reliability;
import org.rappel.estimate.WaitTimeEstimation;
import org.rappel.estimate.WaitTimeEstimator;
import org.rappel.estimate.WaitTimeEstimators;
import org.rappel.queue.AgentConfig;
import org.rappel.queue.AgentState;
import org.rappel.queue.ContactStatus;
import org.rappel.queue.ServiceConfig;
import org.rappel.store.ChannelOrigin;

/**
 * The callback offer and dialog of a held caller: a real contact center on the scripted session's manual executor,
 * and an in-memory callback office that answers only when the test says, so each test sees what the caller hears
 * before and after the office stored the callback.
 */
class CallbackDialogTest {

    private static final String CALLER_CHANNEL = "PJSIP/trunk-00000001";
    private static final String CALLER_ID = "1795701998.5";
    private static final Instant START = Instant.parse("2026-11-26T08:00:00Z");
    private static final String ALL = Step.ALL_KEYS;

    private final ManualScheduler scheduler = new ManualScheduler();
    private final Clock clock = new Clock() {
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
    };
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryCallbackDesk office = new InMemoryCallbackDesk();
    private ScriptedAgiSession session = new ScriptedAgiSession(scheduler, "hotline", CALLER_CHANNEL, CALLER_ID);
    private QueueDesk desk;
    private ContactCenterQueue queue;

    /** What the service's estimator answers; unreliable unless a test says otherwise. */
    private Estimate estimate = Estimate.ofSeconds(0, Reliability.TOO_FEW_OBSERVATIONS);

    private void open(String... loggedIn) {
        List<WaitTimeEstimator> estimators = new ArrayList<>(WaitTimeEstimators.all());
        estimators.add(new WaitTimeEstimator() {
            @Override
            public String name() {
                return "fixed";
            }

            @Override
            public void onEvent(QueueEvent event) {
            }

            @Override
            public Estimate estimate(String service, int position, int priority, Instant now) {
                return estimate;
            }
        });
        WaitTimeEstimation estimation = new WaitTimeEstimation(estimators,
                new EstimatorChoice("ql", Map.of("prestations", "fixed")), registry);
        AgentConfig agent = new AgentConfig("agent101", "PJSIP/agent101", Map.of("prestations", 1),
                Duration.ofSeconds(30));
        desk = QueueDesk.open(List.of(ServiceConfig.of("prestations")), List.of(agent), List.of(loggedIn), scheduler,
                clock, registry, estimation);
        HoldPolicy policy = new HoldPolicy(3, Duration.ofSeconds(60), Duration.ofSeconds(20),
                ZoneId.of("Europe/Paris"));
        queue = new ContactCenterQueue(desk, Map.of("prestations", policy), clock, office, "FR", registry);
        scheduler.runReady();
    }

    private CompletableFuture<FlowOutcome> hold(boolean callback, char key) {
        EnqueueRequest request = new EnqueueRequest(session, "hotline", "prestations", "default",
                List.of("rappel/still-busy", "rappel/press-1-for-callback"), Duration.ofSeconds(45),
                Map.of("language", "fr", "case", "4471", "phone", "06 12 34 56 78"), callback, key);
        CompletableFuture<FlowOutcome> left = new CompletableFuture<>();
        scheduler.execute(() -> queue.enqueue(request).whenComplete((outcome, error) -> left.complete(outcome)));
        return left;
    }

    private CompletableFuture<FlowOutcome> hold() {
        return hold(true, '1');
    }

    private void play(String sound, String escape) {
        session.expect("STREAM FILE " + sound + " " + escape, "200 result=0 endpos=8000");
    }

    /** The entry announcement (no reliable estimate), each sound interruptible by the callback key. */
    private void hearsEntry() {
        play("rappel/you-are-number", "1");
        session.expect("SAY NUMBER 1 1", "200 result=0");
        play("rappel/wait-unknown", "1");
    }

    private void holdsWithMusic() {
        session.expect("SET MUSIC ON default", "200 result=0");
        assertThat(session.next()).isEqualTo("WAIT FOR DIGIT 1000");
    }

    /** On hold, the caller presses the callback key during the music. */
    private CompletableFuture<FlowOutcome> onHoldPressesKey() {
        CompletableFuture<FlowOutcome> left = hold();
        hearsEntry();
        holdsWithMusic();
        session.reply("200 result=49");
        return left;
    }

    private void readsBack(String digits) {
        play("rappel/callback-your-number", ALL);
        session.expect("SAY DIGITS " + digits + " " + ALL, "200 result=0");
        assertThat(session.next()).isEqualTo("GET DATA rappel/callback-confirm-number 5000 1");
    }

    private void entersNumber(String digits) {
        session.expect("GET DATA rappel/callback-enter-number 10000 15", "200 result=" + digits);
    }

    private <T> T now(CompletableFuture<T> future) {
        scheduler.runReady();
        assertThat(future).isDone();
        return future.join();
    }

    private double offers(String reason) {
        var counter = registry.find("rappel.callback.offers").tags("service", "prestations", "reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double results(String result) {
        var counter = registry.find("rappel.callback.offer.results").tags("service", "prestations", "result", result)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double abandoned() {
        var counter = registry.find("rappel.queue.contacts.abandoned").tags("service", "prestations").counter();
        return counter == null ? 0 : counter.count();
    }

    private void stillWaitingFirst() {
        assertThat(now(desk.center().status(CALLER_ID))).isInstanceOfSatisfying(ContactStatus.Waiting.class,
                waiting -> assertThat(waiting.position()).isEqualTo(1));
    }

    // ---- the offer on entry

    @Test
    void entryOffer_accepted_callerIdReadBackThenConfirmedOnlyOnceStored() {
        open();
        office.offerReason = OfferReason.LONG_WAIT;
        CompletableFuture<FlowOutcome> left = hold();
        hearsEntry();

        session.expect("GET DATA rappel/callback-offer 5000 1", "200 result=1");
        readsBack("0612345678");
        session.reply("200 result=1");

        // The office has not stored it yet: the caller hears nothing, and certainly not the confirmation.
        assertThat(session.inFlight()).isFalse();
        assertThat(office.pendingRequests()).isEqualTo(1);
        scheduler.advance(Duration.ofSeconds(3));
        assertThat(session.inFlight()).isFalse();
        assertThat(session.sent()).doesNotContain("STREAM FILE rappel/callback-confirmed \"\"");

        office.confirmNext(Optional.of(Duration.ofMinutes(4)), Optional.empty());
        play("rappel/callback-confirmed", "\"\"");
        play("rappel/callback-expected", "\"\"");
        play("rappel/about", "\"\"");
        session.expect("SAY NUMBER 4 \"\"", "200 result=0");
        play("rappel/minutes", "\"\"");
        play("rappel/goodbye", "\"\"");
        session.expect("HANGUP", "200 result=1");

        assertThat(now(left)).isEqualTo(FlowOutcome.ENQUEUED_CALLBACK);
        assertThat(office.saved).hasSize(1);
        CallbackAsk ask = office.asked.get(0);
        assertThat(ask.service()).isEqualTo("prestations");
        assertThat(ask.givenNumber()).isEqualTo("+33612345678");
        assertThat(ask.callingLine()).isEqualTo("0612345678");
        assertThat(ask.virtualArrival()).contains(START);
        assertThat(ask.priority()).isEqualTo(3);
        assertThat(ask.language()).isEqualTo("fr");
        assertThat(ask.origin()).isEqualTo(ChannelOrigin.PHONE);
        assertThat(ask.slot()).isEmpty();
        assertThat(ask.heldContactId()).contains(CALLER_ID);
        assertThat(ask.ivrContext()).containsEntry("case", "4471").containsEntry("hotline", "hotline")
                .containsEntry("language", "fr").doesNotContainKey("phone");
        assertThat(office.offerWaitsAsked).containsExactly(Optional.empty());
        assertThat(offers("long_wait")).isEqualTo(1.0);
        assertThat(offers("surge")).isZero();
        assertThat(registry.find("rappel.callback.offer.results").counters()).hasSize(CallbackMetrics.Result.values()
                .length);
        assertThat(results("accepted")).isEqualTo(1.0);
        assertThat(abandoned()).isZero();
        assertThat(now(desk.center().size("prestations"))).isZero();
    }

    @Test
    void entryOffer_reliableEstimate_theRawWaitGoesToTheOffice() {
        estimate = Estimate.ofSeconds(250, Reliability.RELIABLE);
        open();
        office.offerReason = OfferReason.LONG_WAIT;
        hold();
        play("rappel/you-are-number", "1");
        session.expect("SAY NUMBER 1 1", "200 result=0");
        play("rappel/estimated-wait", "1");
        play("rappel/about", "1");
        session.expect("SAY NUMBER 4 1", "200 result=0");
        play("rappel/minutes", "1");

        assertThat(session.next()).isEqualTo("GET DATA rappel/callback-offer 5000 1");
        assertThat(office.offerWaitsAsked).containsExactly(Optional.of(Duration.ofSeconds(250)));
    }

    @Test
    void entryOffer_declined_holdsWithMusicAndKeepsPlace() {
        open();
        office.offerReason = OfferReason.SURGE;
        CompletableFuture<FlowOutcome> left = hold();
        hearsEntry();

        session.expect("GET DATA rappel/callback-offer 5000 1", "200 result=2");

        holdsWithMusic();
        assertThat(left).isNotDone();
        assertThat(office.asked).isEmpty();
        assertThat(offers("surge")).isEqualTo(1.0);
        assertThat(results("declined")).isEqualTo(1.0);
        stillWaitingFirst();
    }

    @Test
    void entryOffer_timeout_holds() {
        open();
        office.offerReason = OfferReason.LONG_WAIT;
        hold();
        hearsEntry();

        session.expect("GET DATA rappel/callback-offer 5000 1", "200 result= (timeout)");

        holdsWithMusic();
        assertThat(results("declined")).isEqualTo(1.0);
    }

    @Test
    void entryOffer_serviceClosed_playsTheClosedOffer() {
        open();
        office.offerReason = OfferReason.CLOSED;
        hold();
        hearsEntry();

        session.expect("GET DATA rappel/callback-offer-closed 5000 1", "200 result=1");

        readsBack("0612345678");
        assertThat(offers("closed")).isEqualTo(1.0);
    }

    @Test
    void entryOffer_none_noOfferAndCallbacksOffNode_keyIgnored() {
        open();
        office.offerReason = OfferReason.LONG_WAIT;
        CompletableFuture<FlowOutcome> left = hold(false, '1');
        play("rappel/you-are-number", "\"\"");
        session.expect("SAY NUMBER 1 \"\"", "200 result=0");
        play("rappel/wait-unknown", "\"\"");

        holdsWithMusic();
        session.reply("200 result=49");

        assertThat(session.next()).isEqualTo("WAIT FOR DIGIT 1000");
        assertThat(left).isNotDone();
        assertThat(office.offerWaitsAsked).isEmpty();
    }

    // ---- the key on hold

    @Test
    void holdKey_duringMusic_startsTheDialog() {
        open();
        onHoldPressesKey();

        readsBack("0612345678");
        assertThat(offers("caller_key")).isEqualTo(1.0);
    }

    @Test
    void holdKey_otherKeysAndOddKeys_ignored() {
        open();
        CompletableFuture<FlowOutcome> left = hold();
        hearsEntry();
        holdsWithMusic();

        for (String code : List.of("50", "42", "35", "48")) { // 2 * # 0
            session.reply("200 result=" + code);
            assertThat(session.next()).isEqualTo("WAIT FOR DIGIT 1000");
        }
        assertThat(left).isNotDone();
        assertThat(offers("caller_key")).isZero();
    }

    @Test
    void holdKey_configuredStar_startsTheDialogAndOneIsIgnored() {
        open();
        hold(true, '*');
        play("rappel/you-are-number", "*");
        session.expect("SAY NUMBER 1 *", "200 result=0");
        play("rappel/wait-unknown", "*");
        holdsWithMusic();

        session.reply("200 result=49");
        assertThat(session.next()).isEqualTo("WAIT FOR DIGIT 1000");
        session.reply("200 result=42");

        readsBack("0612345678");
    }

    @Test
    void holdKey_pressedDuringTheHoldMessage_notLost() {
        open();
        hold();
        hearsEntry();
        session.expect("SET MUSIC ON default", "200 result=0");
        for (int i = 0; i < 60; i++) {
            assertThat(session.next()).isEqualTo("WAIT FOR DIGIT 1000");
            scheduler.advance(Duration.ofSeconds(1));
            session.reply("200 result=0");
        }

        session.expect("STREAM FILE rappel/still-busy 1", "200 result=49 endpos=4000");

        readsBack("0612345678");
    }

    @Test
    void holdKey_pressedDuringTheEntryAnnouncement_notLost() {
        open();
        hold();
        play("rappel/you-are-number", "1");
        session.expect("SAY NUMBER 1 1", "200 result=49");

        readsBack("0612345678");
    }

    // ---- the number

    @Test
    void dialog_enterAnotherNumber_readBackAndAskedWithIt() {
        open();
        onHoldPressesKey();
        readsBack("0612345678");
        session.reply("200 result=2");

        entersNumber("0145678901");
        readsBack("0145678901");
        session.reply("200 result=1");

        assertThat(office.asked).singleElement().extracting(CallbackAsk::givenNumber).isEqualTo("+33145678901");
        assertThat(office.asked.get(0).callingLine()).isEqualTo("0612345678");
    }

    @Test
    void dialog_keyDuringReadBack_answersAtOnce() {
        open();
        onHoldPressesKey();
        play("rappel/callback-your-number", ALL);
        session.expect("SAY DIGITS 0612345678 " + ALL, "200 result=50");

        assertThat(session.next()).isEqualTo("GET DATA rappel/callback-enter-number 10000 15");
    }

    @Test
    void dialog_noCallerId_straightToEnteringANumber() {
        session = new ScriptedAgiSession(scheduler, "hotline", CALLER_CHANNEL, CALLER_ID, Optional.empty());
        open();
        onHoldPressesKey();

        entersNumber("0612345678");
        readsBack("0612345678");
        session.reply("200 result=1");
        assertThat(office.asked).singleElement().extracting(CallbackAsk::callingLine).isEqualTo("unknown");
    }

    @Test
    void dialog_anonymousCallerId_straightToEnteringANumber() {
        session = new ScriptedAgiSession(scheduler, "hotline", CALLER_CHANNEL, CALLER_ID, Optional.of("anonymous"));
        open();
        onHoldPressesKey();

        assertThat(session.next()).isEqualTo("GET DATA rappel/callback-enter-number 10000 15");
    }

    @Test
    void dialog_foreignCallerId_saysWhyThenAsksForANumber() {
        session = new ScriptedAgiSession(scheduler, "hotline", CALLER_CHANNEL, CALLER_ID,
                Optional.of("+442079460958"));
        open();
        onHoldPressesKey();

        play("rappel/number-foreign", "\"\"");
        assertThat(session.next()).isEqualTo("GET DATA rappel/callback-enter-number 10000 15");
    }

    @ParameterizedTest
    @EnumSource(NumberRefusal.class)
    void dialog_typedNumberRefused_reasonSpokenThenAnotherTry(NumberRefusal reason) {
        open();
        office.verdict("0999999999", new NumberCheck.Refused(reason));
        onHoldPressesKey();
        readsBack("0612345678");
        session.reply("200 result=2");

        entersNumber("0999999999");

        play("rappel/number-" + reason.code().replace('_', '-'), "\"\"");
        entersNumber("0612345678");
        readsBack("0612345678");
        assertThat(office.asked).isEmpty();
    }

    @Test
    void dialog_premiumRateTypedByThePlan_refused() {
        open();
        onHoldPressesKey();
        readsBack("0612345678");
        session.reply("200 result=2");

        entersNumber("0899123456");

        play("rappel/number-premium-rate", "\"\"");
        assertThat(session.next()).isEqualTo("GET DATA rappel/callback-enter-number 10000 15");
    }

    @Test
    void dialog_starAmongDigits_invalidNumber() {
        open();
        onHoldPressesKey();
        readsBack("0612345678");
        session.reply("200 result=2");

        entersNumber("06*2345678");

        play("rappel/number-invalid", "\"\"");
        assertThat(session.next()).isEqualTo("GET DATA rappel/callback-enter-number 10000 15");
    }

    @Test
    void dialog_threeRefusedNumbers_notPossibleBackToHoldWithPlaceKept() {
        open();
        CompletableFuture<FlowOutcome> left = onHoldPressesKey();
        readsBack("0612345678");
        session.reply("200 result=2");

        entersNumber("0899123456");
        play("rappel/number-premium-rate", "\"\"");
        entersNumber("3230");
        play("rappel/number-short-code", "\"\"");
        entersNumber("112");
        play("rappel/number-emergency", "\"\"");

        play("rappel/callback-not-possible", "\"\"");
        holdsWithMusic();
        assertThat(left).isNotDone();
        assertThat(office.asked).isEmpty();
        assertThat(results("refused_number")).isEqualTo(1.0);
        stillWaitingFirst();
    }

    @Test
    void dialog_oddKeysAtTheConfirmQuestion_wrongKeyThenAskedAgainUntilTriesRunOut() {
        open();
        CompletableFuture<FlowOutcome> left = onHoldPressesKey();
        readsBack("0612345678");

        session.reply("200 result=*");           // '*' is kept by GET DATA
        play("rappel/invalid-choice", "\"\"");
        readsBack("0612345678");
        session.reply("200 result=");            // '#' alone
        play("rappel/invalid-choice", "\"\"");
        readsBack("0612345678");
        session.reply("200 result= (timeout)");

        play("rappel/callback-not-possible", "\"\"");
        holdsWithMusic();
        assertThat(left).isNotDone();
        assertThat(results("no_input")).isEqualTo(1.0);
    }

    @Test
    void dialog_nothingTypedAsNumber_triesCounted() {
        open();
        onHoldPressesKey();
        readsBack("0612345678");
        session.reply("200 result=2");

        entersNumber(" (timeout)");
        entersNumber("");
        play("rappel/invalid-choice", "\"\"");
        entersNumber(" (timeout)");

        play("rappel/callback-not-possible", "\"\"");
        holdsWithMusic();
    }

    // ---- the office's answers

    @Test
    void office_refusesTheNumber_reasonSpokenAndAnotherTry() {
        open();
        onHoldPressesKey();
        readsBack("0612345678");
        session.reply("200 result=1");

        office.refuseNext(new CallbackReply.Refused(CallbackRefusal.NUMBER, "premium", Optional.of(
                NumberRefusal.SPECIAL), Optional.empty()));

        play("rappel/number-special", "\"\"");
        assertThat(session.next()).isEqualTo("GET DATA rappel/callback-enter-number 10000 15");
    }

    @Test
    void office_rateLimited_saysSoAndBackToHoldWithPlaceKept() {
        open();
        CompletableFuture<FlowOutcome> left = onHoldPressesKey();
        readsBack("0612345678");
        session.reply("200 result=1");

        office.refuseNext(new CallbackReply.Refused(CallbackRefusal.RATE_LIMITED, "too many", Optional.empty(),
                Optional.of(Duration.ofMinutes(10))));

        play("rappel/callback-too-many-requests", "\"\"");
        holdsWithMusic();
        assertThat(left).isNotDone();
        assertThat(results("rate_limited")).isEqualTo(1.0);
        stillWaitingFirst();
    }

    @Test
    void office_storeUnavailable_saysSoAndBackToHold() {
        open();
        CompletableFuture<FlowOutcome> left = onHoldPressesKey();
        readsBack("0612345678");
        session.reply("200 result=1");

        office.refuseNext(CallbackRefusal.UNAVAILABLE);

        play("rappel/callback-unavailable", "\"\"");
        holdsWithMusic();
        assertThat(left).isNotDone();
        assertThat(results("unavailable")).isEqualTo(1.0);
        assertThat(session.sent()).doesNotContain("STREAM FILE rappel/callback-confirmed \"\"");
        stillWaitingFirst();
    }

    @Test
    void office_futureFails_treatedAsUnavailable() {
        open();
        onHoldPressesKey();
        readsBack("0612345678");
        session.reply("200 result=1");

        office.failNext(new IllegalStateException("store down"));

        play("rappel/callback-unavailable", "\"\"");
        holdsWithMusic();
    }

    @Test
    void office_confirmsASlot_dayAndTimeSaidInTheServiceZone() {
        open();
        onHoldPressesKey();
        readsBack("0612345678");
        session.reply("200 result=1");
        Instant slot = Instant.parse("2026-11-30T07:30:00Z");

        office.confirmNext(Optional.empty(), Optional.of(slot));

        play("rappel/callback-confirmed", "\"\"");
        play("rappel/callback-scheduled", "\"\"");
        session.expect("SAY DATETIME " + slot.getEpochSecond() + " \"\" \"AdB 'digits/at' HM\" Europe/Paris",
                "200 result=0");
        play("rappel/goodbye", "\"\"");
        assertThat(session.next()).isEqualTo("HANGUP");
    }

    @Test
    void office_confirmsASlotAndAsteriskRefusesSayDatetime_goodbyeStillSaid() {
        open();
        CompletableFuture<FlowOutcome> left = onHoldPressesKey();
        readsBack("0612345678");
        session.reply("200 result=1");
        office.confirmNext(Optional.empty(), Optional.of(Instant.parse("2026-11-30T07:30:00Z")));
        play("rappel/callback-confirmed", "\"\"");
        play("rappel/callback-scheduled", "\"\"");

        assertThat(session.next()).startsWith("SAY DATETIME");
        session.reply("510 Invalid or unknown command");

        play("rappel/goodbye", "\"\"");
        session.expect("HANGUP", "200 result=1");
        assertThat(now(left)).isEqualTo(FlowOutcome.ENQUEUED_CALLBACK);
    }

    @Test
    void office_confirmsWithoutEstimate_saysWhenYourTurnComes() {
        open();
        onHoldPressesKey();
        readsBack("0612345678");
        session.reply("200 result=1");

        office.confirmNext(Optional.empty(), Optional.empty());

        play("rappel/callback-confirmed", "\"\"");
        play("rappel/callback-when-your-turn", "\"\"");
        play("rappel/goodbye", "\"\"");
        assertThat(session.next()).isEqualTo("HANGUP");
    }

    // ---- hang-ups

    @Test
    void hangUp_duringTheDialog_abandonedAndNothingAsked() {
        open();
        CompletableFuture<FlowOutcome> left = onHoldPressesKey();
        readsBack("0612345678");

        session.callerHangsUp();

        assertThat(now(left)).isEqualTo(FlowOutcome.ENQUEUED_ABANDONED);
        assertThat(office.asked).isEmpty();
        assertThat(results("hung_up")).isEqualTo(1.0);
        assertThat(abandoned()).isEqualTo(1.0);
    }

    @Test
    void hangUp_whileTheOfficeStores_callbackStandsAndNoAbandon() {
        open();
        CompletableFuture<FlowOutcome> left = onHoldPressesKey();
        readsBack("0612345678");
        session.reply("200 result=1");

        session.callerHangsUp();
        assertThat(left).isNotDone(); // the office's answer decides
        office.confirmNext(Optional.empty(), Optional.empty());

        assertThat(now(left)).isEqualTo(FlowOutcome.ENQUEUED_CALLBACK);
        assertThat(office.saved).hasSize(1);
        assertThat(abandoned()).isZero();
        assertThat(results("accepted")).isEqualTo(1.0);
    }

    @Test
    void hangUp_whileTheOfficeNeverAnswers_abandonedAfterAWhile() {
        open();
        CompletableFuture<FlowOutcome> left = onHoldPressesKey();
        readsBack("0612345678");
        session.reply("200 result=1");

        session.callerHangsUp();
        scheduler.advance(Duration.ofMillis(HeldCall.OFFICE_PATIENCE_AFTER_HANGUP_MILLIS - 1));
        assertThat(left).isNotDone();
        scheduler.advance(Duration.ofMillis(1));

        assertThat(now(left)).isEqualTo(FlowOutcome.ENQUEUED_ABANDONED);
        assertThat(results("hung_up")).isEqualTo(1.0);
    }

    @Test
    void hangUp_whileTheOfficeAnswersAndItRefuses_abandoned() {
        open();
        CompletableFuture<FlowOutcome> left = onHoldPressesKey();
        readsBack("0612345678");
        session.reply("200 result=1");

        session.callerHangsUp();
        office.refuseNext(CallbackRefusal.UNAVAILABLE);

        assertThat(now(left)).isEqualTo(FlowOutcome.ENQUEUED_ABANDONED);
        assertThat(abandoned()).isEqualTo(1.0);
    }

    @Test
    void hangUp_duringTheConfirmation_stillACallback() {
        open();
        CompletableFuture<FlowOutcome> left = onHoldPressesKey();
        readsBack("0612345678");
        session.reply("200 result=1");
        office.confirmNext(Optional.of(Duration.ofMinutes(20)), Optional.empty());
        assertThat(session.next()).isEqualTo("STREAM FILE rappel/callback-confirmed \"\"");

        session.callerHangsUp();
        session.reply("200 result=-1 endpos=3000");

        assertThat(now(left)).isEqualTo(FlowOutcome.ENQUEUED_CALLBACK);
        assertThat(abandoned()).isZero();
    }

    // ---- an agent comes free

    @Test
    void agentAssigned_duringTheDialog_callerPutThroughAtTheEndOfTheCommand() {
        open();
        CompletableFuture<FlowOutcome> left = onHoldPressesKey();
        play("rappel/callback-your-number", ALL);
        assertThat(session.next()).startsWith("SAY DIGITS");

        desk.center().login("agent101");
        scheduler.runReady();
        session.reply("200 result=0");

        session.expect("EXEC Dial PJSIP/agent101,20,m(default)", "200 result=0");
        session.expect("GET VARIABLE DIALSTATUS", "200 result=1 (ANSWER)");
        assertThat(now(left)).isEqualTo(FlowOutcome.ENQUEUED_CONNECTED);
        assertThat(office.asked).isEmpty();
        assertThat(results("agent_first")).isEqualTo(1.0);
    }

    @Test
    void agentAssigned_whileTheOfficeStores_confirmedWinsAndTheAgentIsNotDialled() {
        open();
        CompletableFuture<FlowOutcome> left = onHoldPressesKey();
        readsBack("0612345678");
        session.reply("200 result=1");

        desk.center().login("agent101");
        scheduler.runReady();
        office.confirmNext(Optional.empty(), Optional.empty());

        play("rappel/callback-confirmed", "\"\"");
        play("rappel/callback-when-your-turn", "\"\"");
        play("rappel/goodbye", "\"\"");
        session.expect("HANGUP", "200 result=1");
        assertThat(now(left)).isEqualTo(FlowOutcome.ENQUEUED_CALLBACK);
        assertThat(session.sent()).noneMatch(line -> line.startsWith("EXEC Dial"));
        assertThat(now(desk.center().agent("agent101")).state()).isEqualTo(AgentState.AVAILABLE);
    }

    @Test
    void agentAssigned_whileTheOfficeAnswersAndItRefuses_callerPutThrough() {
        open();
        onHoldPressesKey();
        readsBack("0612345678");
        session.reply("200 result=1");

        desk.center().login("agent101");
        scheduler.runReady();
        office.refuseNext(CallbackRefusal.UNAVAILABLE);

        play("rappel/callback-unavailable", "\"\"");
        assertThat(session.next()).isEqualTo("EXEC Dial PJSIP/agent101,20,m(default)");
    }

    @Test
    void holdKey_agentAlreadyAssigned_dialsInstead() {
        open();
        hold();
        hearsEntry();
        holdsWithMusic();
        desk.center().login("agent101");
        scheduler.runReady();

        session.reply("200 result=49");

        assertThat(session.next()).isEqualTo("EXEC Dial PJSIP/agent101,20,m(default)");
        assertThat(offers("caller_key")).isZero();
    }

    @Test
    void entryOffer_waitAnnouncedPassedToTheOffice() {
        assertThat(WaitPrompts.approximateWait(new org.rappel.estimate.Announcement.AboutMinutes(25)))
                .contains(Duration.ofMinutes(25));
        assertThat(WaitPrompts.approximateWait(new org.rappel.estimate.Announcement.RangeHours(1, 2)))
                .contains(Duration.ofHours(1));
        assertThat(WaitPrompts.approximateWait(new org.rappel.estimate.Announcement.LessThanAMinute()))
                .contains(Duration.ofSeconds(30));
    }
}
