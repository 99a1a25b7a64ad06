package org.rappel.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rappel.RappelServer;
import org.rappel.TestDataDirs;
import org.rappel.admin.HttpSettings;
import org.rappel.agi.AgiServerSettings;
import org.rappel.config.RappelConfig;
import org.rappel.config.StoreSettings;
import org.rappel.sim.agi.AgiSimulator;
import org.rappel.sim.agi.AgiStatus;
import org.rappel.sim.agi.CallOutcome;
import org.rappel.sim.agi.CallTranscript;
import org.rappel.sim.agi.CallerInput;
import org.rappel.sim.agi.CallerScript;
import org.rappel.sim.agi.HangupPlan;
import org.rappel.sim.agi.HangupSource;
import org.rappel.sim.agi.SimulatorSettings;

/**
 * The whole Rappel server, started in-process on free ports with the embedded {@code hotline} flow, called by
 * the simulated Asterisk over real sockets: language choice, main menu, retries, hold with music, hang-ups.
 * Times scaled by 0.02 (a 6 s menu timeout lasts 120 ms; the server's own WAIT FOR DIGIT 1000 lasts 20 ms).
 */
class HotlineThroughSimulatorTest {

    private RappelServer rappel;
    private InetSocketAddress agi;
    private AgiSimulator simulator;

    @BeforeEach
    void start() throws Exception {
        AgiServerSettings d = AgiServerSettings.defaults();
        AgiServerSettings agiSettings = new AgiServerSettings("127.0.0.1", 0, d.allowedNetworks(), d.maxLineLength(),
                d.maxEnvironmentLines(), d.environmentTimeout(), d.hangupCloseDelay(), Duration.ofSeconds(2));
        HttpSettings h = HttpSettings.defaults();
        RappelConfig defaults = RappelConfig.defaults();
        rappel = new RappelServer(new RappelConfig(agiSettings, new HttpSettings("127.0.0.1", 0, h.maxRequestBytes()),
                List.of(), defaults.services(), List.of(), Optional.empty(), "test-node",
                new StoreSettings(Path.of(TestDataDirs.fresh()), Optional.empty()), defaults.callback(),
                defaults.api())).start();
        agi = rappel.agiAddress();
        simulator = new AgiSimulator(SimulatorSettings.defaults().withTimeScale(0.02));
    }

    @AfterEach
    void stop() {
        simulator.close();
        rappel.close();
    }

    private static CallerScript.Builder frenchCaller() {
        return CallerScript.builder().script("hotline").language("fr").callerId("0612345678");
    }

    private CallTranscript call(CallerScript script) throws Exception {
        return simulator.call(agi, script).get(20, TimeUnit.SECONDS);
    }

    private void assertCleanEnd(CallTranscript transcript) {
        assertThat(transcript.commandsWhileBusy()).as("commands pipelined").isZero();
        CallOutcome outcome = transcript.outcome().orElseThrow();
        assertThat(outcome.hangupSource()).isEqualTo(HangupSource.CALLER);
        assertThat(outcome.status()).isEqualTo(AgiStatus.HANGUP);
        // The server may close on the -1 reply, before the HANGUP line: measured from the hang-up itself.
        assertThat(outcome.closeAfterHangup().orElseThrow()).isLessThan(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(2)).until(() -> rappel.activeCalls() == 0);
    }

    @Test
    void frenchCaller_picksHousingAid_holdsWithMusic() throws Exception {
        CallerScript script = frenchCaller().inputs(CallerInput.keys("1"), CallerInput.keys("2"))
                .hangUp(new HangupPlan.DuringInput(6, Duration.ofMillis(100))).build();
        CallTranscript transcript = call(script);
        assertThat(transcript.commands()).containsSubsequence(
                "ANSWER",
                "GET DATA rappel/choose-language 5000 1",
                "SET VARIABLE CHANNEL(language) fr",
                "GET DATA rappel/main-menu 6000 1",
                "STREAM FILE rappel/please-hold \"\"",
                "SET MUSIC ON default",
                "WAIT FOR DIGIT 1000",
                "WAIT FOR DIGIT 1000");
        assertThat(transcript.firstExchange("GET DATA rappel/main-menu").orElseThrow().replyText())
                .isEqualTo("200 result=2");
        assertThat(transcript.soundNames()).containsSubsequence("rappel/welcome", "rappel/choose-language",
                "rappel/main-menu", "rappel/please-hold");
        assertThat(transcript.heardMusic()).isTrue();
        assertCleanEnd(transcript);
    }

    @Test
    void invalidKeyThenSilence_menuAskedAgainThenTimeoutRoute() throws Exception {
        CallerScript script = frenchCaller()
                .inputs(CallerInput.keys("1"), CallerInput.keys("9"), CallerInput.silence())
                .hangUp(new HangupPlan.DuringInput(5, Duration.ofMillis(100))).build();
        CallTranscript transcript = call(script);
        List<CallTranscript.Exchange> menus = transcript.exchanges().stream()
                .filter(e -> e.command().startsWith("GET DATA rappel/main-menu")).toList();
        assertThat(menus).extracting(CallTranscript.Exchange::replyText)
                .containsExactly("200 result=9", "200 result= (timeout)");
        assertThat(transcript.soundNames()).containsSubsequence("rappel/main-menu", "rappel/invalid-choice",
                "rappel/main-menu", "rappel/please-hold");
        // on-timeout: other-question, a hold like the others
        assertThat(transcript.commands()).containsSubsequence("SET MUSIC ON default", "WAIT FOR DIGIT 1000");
        assertCleanEnd(transcript);
    }

    @Test
    void threeInvalidKeys_triesExhaustedThenFailureRoute() throws Exception {
        CallerScript script = frenchCaller()
                .inputs(CallerInput.keys("1"), CallerInput.keys("7"), CallerInput.keys("8"), CallerInput.keys("9"))
                .hangUp(new HangupPlan.DuringInput(6, Duration.ofMillis(100))).build();
        CallTranscript transcript = call(script);
        assertThat(transcript.commands()).filteredOn(c -> c.startsWith("GET DATA rappel/main-menu")).hasSize(3);
        assertThat(transcript.soundNames()).filteredOn("rappel/invalid-choice"::equals).hasSizeGreaterThanOrEqualTo(2);
        assertThat(transcript.soundNames()).contains("rappel/please-hold");
        assertThat(transcript.heardMusic()).isTrue();
        assertCleanEnd(transcript);
    }

    @Test
    void languageTimeout_defaultFrench() throws Exception {
        CallerScript script = CallerScript.builder().script("hotline").language("en")
                .inputs(CallerInput.silence(), CallerInput.keys("1"))
                .hangUp(new HangupPlan.DuringInput(5, Duration.ofMillis(100))).build();
        CallTranscript transcript = call(script);
        assertThat(transcript.firstExchange("GET DATA rappel/choose-language").orElseThrow().replyText())
                .endsWith("(timeout)");
        assertThat(transcript.commands()).contains("SET VARIABLE CHANNEL(language) fr");
        assertCleanEnd(transcript);
    }

    @Test
    void callerHangsUpMidPrompt_sessionEndsCleanly() throws Exception {
        CallerScript script = frenchCaller().inputs(CallerInput.keys("1"))
                .hangUp(new HangupPlan.DuringSound("rappel/main-menu", Duration.ofMillis(300))).build();
        CallTranscript transcript;
        try (ServerLogCapture logs = new ServerLogCapture()) {
            transcript = call(script);
            await().atMost(Duration.ofSeconds(2)).until(() -> rappel.activeCalls() == 0);
            assertThat(logs.serverWarningsAndErrors()).as("server log of a caller hanging up").isEmpty();
        }
        assertThat(transcript.firstExchange("GET DATA rappel/main-menu").orElseThrow().replyText())
                .isEqualTo("200 result=-1");
        assertThat(transcript.sounds()).last().extracting(CallTranscript.SoundHeard::end)
                .isEqualTo(CallTranscript.SoundEnd.HANGUP);
        assertCleanEnd(transcript);
    }

    @Test
    void thousandConcurrentCalls_allReachHoldAndEndCleanly() throws Exception {
        int calls = 1000;
        // At 0.02 the hold loop's WAIT FOR DIGIT 1000 lasts 20 ms, and 1,000 holding calls would push 50,000
        // commands a second through one 2-core machine: not a load Asterisk makes. At 0.1 it is 10,000.
        try (AgiSimulator simulator = new AgiSimulator(SimulatorSettings.defaults().withTimeScale(0.1))) {
            placeAndCheck(simulator, calls);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> rappel.activeCalls() == 0);
    }

    private void placeAndCheck(AgiSimulator simulator, int calls) throws Exception {
        List<CompletableFuture<CallTranscript>> all = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) {
            CallerScript script = frenchCaller().callerId(String.format("06%08d", i))
                    .inputs(CallerInput.keys("1"), CallerInput.keys(Integer.toString(1 + i % 3)))
                    .hangUp(new HangupPlan.DuringInput(4, Duration.ofMillis(100))).build();
            all.add(simulator.call(agi, script));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
        for (CompletableFuture<CallTranscript> call : all) {
            CallTranscript transcript = call.join();
            assertThat(transcript.commands()).contains("SET MUSIC ON default");
            CallOutcome outcome = transcript.outcome().orElseThrow();
            assertThat(outcome.status()).isEqualTo(AgiStatus.HANGUP);
            assertThat(outcome.closeAfterHangup().orElseThrow()).isLessThan(Duration.ofSeconds(1));
        }
    }
}
