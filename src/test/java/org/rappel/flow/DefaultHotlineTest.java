package org.rappel.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.rappel.agi.AgiScript;

/** The embedded hotline ({@code flows/hotline.yaml}) driven call by call through a scripted AGI session. */
class DefaultHotlineTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<EnqueueRequest> enqueued = new ArrayList<>();
    private final CompletableFuture<FlowOutcome> leftQueue = new CompletableFuture<>();
    private final ServiceQueue recordingQueue = request -> {
        enqueued.add(request);
        return leftQueue;
    };

    private CompletionStage<?> call(ScriptedAgiSession session, ServiceQueue queue) throws Exception {
        AgiScript script = FlowCatalog.load(List.of(), registry, queue).scriptFor(session.request()).orElseThrow();
        return script.run(session);
    }

    private void throughLanguageChoice(ScriptedAgiSession session, String key, String language) {
        session.expect("ANSWER", "200 result=0");
        session.expect("STREAM FILE rappel/welcome \"\"", "200 result=0 endpos=48000");
        session.expect("GET DATA rappel/choose-language 5000 1", "200 result=" + key);
        session.expect("SET VARIABLE CHANNEL(language) " + language, "200 result=1");
    }

    private double ended(String outcome) {
        return registry.get("rappel.flow.ended").tags("hotline", "hotline", "outcome", outcome).counter().count();
    }

    @Test
    void run_familyBenefitsInFrench_holdsWithMusicUntilCallerHangsUp() throws Exception {
        ScriptedAgiSession session = new ScriptedAgiSession(scheduler, "hotline");
        CompletionStage<?> done = call(session, ServiceQueue.musicOnHoldOnly());

        throughLanguageChoice(session, "1", "fr");
        session.expect("GET DATA rappel/main-menu 6000 1", "200 result=1");
        session.expect("STREAM FILE rappel/please-hold \"\"", "200 result=0 endpos=24000");
        session.expect("SET MUSIC ON default", "200 result=0");
        session.expect("WAIT FOR DIGIT 1000", "200 result=0");
        session.expect("WAIT FOR DIGIT 1000", "200 result=0");
        session.callerHangsUp();
        session.expect("WAIT FOR DIGIT 1000", "200 result=-1");

        assertThat(session.inFlight()).isFalse();
        assertThat(done.toCompletableFuture().getNow(null)).isEqualTo(FlowOutcome.ENQUEUED_ABANDONED);
        assertThat(ended("enqueued_abandoned")).isEqualTo(1.0);
        assertThat(ended("error")).isZero();
    }

    @Test
    void run_englishHousingAid_enqueuesToLogementWithLanguage() throws Exception {
        ScriptedAgiSession session = new ScriptedAgiSession(scheduler, "hotline");
        CompletionStage<?> done = call(session, recordingQueue);

        throughLanguageChoice(session, "2", "en");
        session.expect("GET DATA rappel/main-menu 6000 1", "200 result=2");
        session.expect("STREAM FILE rappel/please-hold \"\"", "200 result=0 endpos=24000");
        scheduler.runReady();

        assertThat(enqueued).singleElement().satisfies(request -> {
            assertThat(request.service()).isEqualTo("logement");
            assertThat(request.hotline()).isEqualTo("hotline");
            assertThat(request.variables()).containsEntry("language", "en");
            assertThat(request.holdMessage()).containsExactly("rappel/still-busy", "rappel/press-1-for-callback");
            assertThat(request.callback()).isTrue();
            assertThat(request.callbackKey()).isEqualTo('1');
            assertThat(request.holdMessageEvery()).hasSeconds(45);
        });
        assertThat(done.toCompletableFuture()).isNotDone();
        leftQueue.complete(FlowOutcome.ENQUEUED_CONNECTED);
        scheduler.runReady();
        assertThat(done.toCompletableFuture().getNow(null)).isEqualTo(FlowOutcome.ENQUEUED_CONNECTED);
    }

    @Test
    void run_languageTimeout_choosesFrench() throws Exception {
        ScriptedAgiSession session = new ScriptedAgiSession(scheduler, "hotline");
        call(session, recordingQueue);

        session.expect("ANSWER", "200 result=0");
        session.expect("STREAM FILE rappel/welcome \"\"", "200 result=0 endpos=48000");
        session.expect("GET DATA rappel/choose-language 5000 1", "200 result= (timeout)");
        session.expect("SET VARIABLE CHANNEL(language) fr", "200 result=1");
        assertThat(session.next()).isEqualTo("GET DATA rappel/main-menu 6000 1");
    }

    @Test
    void run_menuTimeout_enqueuesToGeneral() throws Exception {
        ScriptedAgiSession session = new ScriptedAgiSession(scheduler, "hotline");
        call(session, recordingQueue);

        throughLanguageChoice(session, "1", "fr");
        session.expect("GET DATA rappel/main-menu 6000 1", "200 result= (timeout)");
        session.expect("STREAM FILE rappel/please-hold \"\"", "200 result=0 endpos=24000");
        scheduler.runReady();

        assertThat(enqueued).singleElement().extracting(EnqueueRequest::service).isEqualTo("general");
    }

    @Test
    void run_invalidKeyThenValid_repeatsMenuAfterInvalidPrompt() throws Exception {
        ScriptedAgiSession session = new ScriptedAgiSession(scheduler, "hotline");
        call(session, recordingQueue);

        throughLanguageChoice(session, "1", "fr");
        session.expect("GET DATA rappel/main-menu 6000 1", "200 result=7");
        session.expect("STREAM FILE rappel/invalid-choice \"\"", "200 result=0 endpos=16000");
        session.expect("GET DATA rappel/main-menu 6000 1", "200 result=1");
        session.expect("STREAM FILE rappel/please-hold \"\"", "200 result=0 endpos=24000");
        scheduler.runReady();

        assertThat(enqueued).singleElement().extracting(EnqueueRequest::service).isEqualTo("prestations");
        assertThat(registry.get("rappel.flow.input.rejected")
                .tags("hotline", "hotline", "node", "main-menu", "reason", "invalid").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void run_threeInvalidKeys_fallsBackToGeneral() throws Exception {
        ScriptedAgiSession session = new ScriptedAgiSession(scheduler, "hotline");
        call(session, recordingQueue);

        throughLanguageChoice(session, "1", "fr");
        for (String key : List.of("9", "*", "0")) {
            session.expect("GET DATA rappel/main-menu 6000 1", "200 result=" + key);
            session.expect("STREAM FILE rappel/invalid-choice \"\"", "200 result=0 endpos=16000");
        }
        session.expect("STREAM FILE rappel/please-hold \"\"", "200 result=0 endpos=24000");
        scheduler.runReady();

        assertThat(enqueued).singleElement().extracting(EnqueueRequest::service).isEqualTo("general");
    }

    @Test
    void run_callerHangsUpDuringWelcome_endsAsCallerHangup() throws Exception {
        ScriptedAgiSession session = new ScriptedAgiSession(scheduler, "hotline");
        CompletionStage<?> done = call(session, recordingQueue);

        session.expect("ANSWER", "200 result=0");
        assertThat(session.next()).isEqualTo("STREAM FILE rappel/welcome \"\"");
        session.reply("200 result=-1 endpos=12000");
        session.callerHangsUp();

        assertThat(session.inFlight()).isFalse();
        assertThat(done.toCompletableFuture().getNow(null)).isEqualTo(FlowOutcome.CALLER_HANGUP);
        assertThat(ended("caller_hangup")).isEqualTo(1.0);
        assertThat(enqueued).isEmpty();
    }

    @Test
    void run_wholeCall_noCallerNumberInAnyMeterLabel() throws Exception {
        ScriptedAgiSession session = new ScriptedAgiSession(scheduler, "hotline");
        call(session, ServiceQueue.musicOnHoldOnly());
        throughLanguageChoice(session, "1", "fr");
        session.expect("GET DATA rappel/main-menu 6000 1", "200 result=8");
        session.expect("STREAM FILE rappel/invalid-choice \"\"", "200 result=-1 endpos=0");
        scheduler.advance(Duration.ofMillis(PromptFailure.HANGUP_NOTICE_GRACE_MILLIS));
        session.expect("GET DATA rappel/main-menu 6000 1", "200 result= (timeout)");
        session.expect("STREAM FILE rappel/please-hold \"\"", "200 result=0 endpos=24000");
        session.expect("SET MUSIC ON default", "200 result=0");
        session.callerHangsUp();

        String callerNumber = session.request().callerId().orElseThrow();
        assertThat(registry.getMeters()).isNotEmpty().allSatisfy(meter ->
                assertThat(meter.getId().getTags()).noneMatch(tag -> tag.getValue().contains(callerNumber)));
        assertThat(ended("enqueued_abandoned")).isEqualTo(1.0);
    }

    @Test
    void scriptFor_unknownHotline_isEmpty() throws Exception {
        FlowCatalog catalog = FlowCatalog.load(List.of(), registry);
        assertThat(catalog.scriptFor(new ScriptedAgiSession(scheduler, "urgences").request())).isEmpty();
        assertThat(catalog.scriptFor(new ScriptedAgiSession(scheduler, "hotline").request())).isPresent();
        assertThat(catalog.hotlines()).containsExactly("hotline");
    }

    @Test
    void run_callbackPending_offeredToCancelAfterTheLanguageThenTheMenu() throws Exception {
        InMemoryCallbackDesk office = new InMemoryCallbackDesk();
        office.store("+33612345678", "prestations");
        ScriptedAgiSession session = new ScriptedAgiSession(scheduler, "hotline");
        AgiScript script = FlowCatalog.load(List.of(), registry, recordingQueue, office)
                .scriptFor(session.request()).orElseThrow();
        script.run(session);

        throughLanguageChoice(session, "1", "fr");
        session.expect("GET DATA rappel/callback-pending 5000 1", "200 result=1");
        session.expect("STREAM FILE rappel/callback-cancelled \"\"", "200 result=0 endpos=8000");

        assertThat(session.next()).isEqualTo("GET DATA rappel/main-menu 6000 1");
        assertThat(office.cancelled).hasSize(1);
    }
}
