package org.rappel.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rappel.agi.AgiCommand;
import org.rappel.agi.AgiReply;
import org.rappel.agi.AgiScript;
import org.rappel.agi.AgiServerSettings;
import org.rappel.agi.AgiSession;
import org.rappel.agi.FastAgiServer;
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
 * The real FastAGI server, with a small script written here, driven by the simulated Asterisk over real
 * sockets: the session layer against Asterisk's forms, hang-up handling, and many calls at once.
 */
class FastAgiServerThroughSimulatorTest {

    /** Answer, ask for one key, say it back, end the AGI (the dialplan goes on). */
    private static final AgiScript ECHO_KEY = session -> send(session, AgiCommand.answer())
            .thenCompose(r -> send(session, AgiCommand.getData("rappel/main-menu", 3000, 1)))
            .thenCompose(r -> send(session, AgiCommand.sayDigits(
                    ((AgiReply.Success) r).result().isEmpty() ? "0" : ((AgiReply.Success) r).result(), "")))
            .thenCompose(r -> send(session, AgiCommand.setVariable("IVR_DONE", "yes")))
            .thenAccept(r -> session.close());

    /** A long announcement, then music on hold until the caller hangs up. */
    private static final AgiScript HOLD = session -> send(session, AgiCommand.answer())
            .thenCompose(r -> send(session, AgiCommand.streamFile("rappel/please-hold", "")))
            .thenCompose(r -> holdLoop(session));

    private FastAgiServer server;
    private InetSocketAddress address;
    private AgiSimulator simulator;

    private static CompletionStage<AgiReply> send(AgiSession session, AgiCommand command) {
        return session.send(command);
    }

    private static CompletionStage<Void> holdLoop(AgiSession session) {
        return session.send(AgiCommand.musicOn("default"))
                .thenCompose(r -> session.send(AgiCommand.waitForDigit(1000)))
                .thenCompose(r -> holdLoop(session))
                .exceptionally(e -> null); // AgiHangupException once the caller is gone
    }

    @BeforeEach
    void start() throws Exception {
        AgiServerSettings settings = AgiServerSettings.defaults();
        settings = new AgiServerSettings("127.0.0.1", 0, settings.allowedNetworks(), settings.maxLineLength(),
                settings.maxEnvironmentLines(), settings.environmentTimeout(), settings.hangupCloseDelay(),
                Duration.ofSeconds(2));
        server = new FastAgiServer(settings, request -> switch (request.script()) {
            case "echo" -> Optional.of(ECHO_KEY);
            case "hold" -> Optional.of(HOLD);
            default -> Optional.empty();
        }, new SimpleMeterRegistry());
        address = server.start();
        simulator = new AgiSimulator(SimulatorSettings.defaults().withTimeScale(0.01));
    }

    @AfterEach
    void stop() {
        simulator.close();
        server.close();
    }

    @Test
    void echoScript_keyReadBackAndDialplanGoesOn() throws Exception {
        CallerScript caller = CallerScript.builder().script("echo").language("fr").callerId("0612345678")
                .inputs(CallerInput.keys("7")).build();
        CallTranscript transcript = simulator.call(address, caller).get(10, TimeUnit.SECONDS);
        assertThat(transcript.commands()).containsExactly("ANSWER", "GET DATA rappel/main-menu 3000 1",
                "SAY DIGITS 7 \"\"", "SET VARIABLE IVR_DONE yes");
        assertThat(transcript.firstExchange("GET DATA").orElseThrow().replyText()).isEqualTo("200 result=7");
        CallOutcome outcome = transcript.outcome().orElseThrow();
        assertThat(outcome.status()).isEqualTo(AgiStatus.SUCCESS);
        assertThat(outcome.continuesAt()).isPresent();
        await().atMost(Duration.ofSeconds(2)).until(() -> server.activeSessions() == 0);
    }

    @Test
    void holdScript_callerHangsUpMidPrompt_serverClosesWithinOneSecond() throws Exception {
        CallerScript caller = CallerScript.builder().script("hold")
                .hangUp(new HangupPlan.DuringSound("rappel/please-hold", Duration.ofMillis(800))).build();
        CallTranscript transcript = simulator.call(address, caller).get(10, TimeUnit.SECONDS);
        assertThat(transcript.firstExchange("STREAM FILE").orElseThrow().replyText())
                .startsWith("200 result=-1 endpos=");
        assertThat(transcript.linesSent()).contains("HANGUP");
        CallOutcome outcome = transcript.outcome().orElseThrow();
        assertThat(outcome.hangupSource()).isEqualTo(HangupSource.CALLER);
        assertThat(outcome.status()).isEqualTo(AgiStatus.HANGUP);
        assertThat(outcome.closeAfterHangupNotice().orElseThrow()).isLessThan(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(2)).until(() -> server.activeSessions() == 0);
    }

    @Test
    void holdScript_callerHangsUpOnHold_musicHeardThenClean() throws Exception {
        CallerScript caller = CallerScript.builder().script("hold")
                .hangUp(new HangupPlan.DuringInput(3, Duration.ofMillis(500))).build();
        CallTranscript transcript = simulator.call(address, caller).get(10, TimeUnit.SECONDS);
        assertThat(transcript.heardMusic()).isTrue();
        assertThat(transcript.commands()).filteredOn(c -> c.startsWith("WAIT FOR DIGIT")).hasSizeGreaterThan(2);
        assertThat(transcript.outcome().orElseThrow().closeAfterHangupNotice().orElseThrow())
                .isLessThan(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(2)).until(() -> server.activeSessions() == 0);
    }

    @Test
    void echoScript_thousandConcurrentCallsComplete() throws Exception {
        int calls = 1000;
        List<CompletableFuture<CallTranscript>> all = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) {
            CallerScript caller = CallerScript.builder().script("echo").callerId(String.format("06%08d", i))
                    .inputs(CallerInput.keys(Integer.toString(i % 10))).build();
            all.add(simulator.call(address, caller));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        for (int i = 0; i < calls; i++) {
            CallTranscript transcript = all.get(i).join();
            assertThat(transcript.outcome().orElseThrow().status()).isEqualTo(AgiStatus.SUCCESS);
            assertThat(transcript.firstExchange("SAY DIGITS").orElseThrow().command())
                    .isEqualTo("SAY DIGITS " + (i % 10) + " \"\"");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.activeSessions() == 0);
    }
}
