package org.rappel.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rappel.RappelServer;
import org.rappel.TestDataDirs;
import org.rappel.config.RappelConfig;
import org.rappel.queue.AgentState;
import org.rappel.sim.agi.AgiSimulator;
import org.rappel.sim.agi.CallTranscript;
import org.rappel.sim.agi.CallerInput;
import org.rappel.sim.agi.CallerScript;
import org.rappel.sim.agi.DialApplication;
import org.rappel.sim.agi.LiveCall;
import org.rappel.sim.agi.SimulatorSettings;
import org.rappel.sim.ami.AmiEventTap;
import org.rappel.sim.ami.AmiSimulator;
import org.rappel.sim.ami.AnswerPolicies;
import org.slf4j.LoggerFactory;

/**
 * The AMI link cut and restored while agents are in calls, end to end: the whole Rappel server, the simulated
 * Asterisk on both sides, and a network cut that lasts ({@link AmiSimulator#networkDown}), so the events of what
 * happens meanwhile are lost as with a dropped TCP session. Once the link is back, Rappel resyncs from
 * {@code CoreShowChannels}. Caller-side times are scaled by 0.02; Rappel's own timers run in real time.
 */
class AmiResyncThroughSimulatorTest {

    private static final double SCALE = 0.02;

    @TempDir
    Path dir;

    private AmiSimulator ami;
    private AmiEventTap tap;
    private RappelServer rappel;
    private AgiSimulator simulator;
    /** What the agent-leg watcher logs: its resync line says what the channel list settled. */
    private final Logger watcherLog = (Logger) LoggerFactory.getLogger("org.rappel.AgentLegWatcher");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<LiveCall> calls = new ArrayList<>();

    private void start(String servicesYaml, String agentsYaml) throws Exception {
        ami = AmiSimulator.start(AmiSimulator.Options.defaults().withCredentials("rappel", "sim-secret"));
        tap = new AmiEventTap(ami.port(), "rappel", "sim-secret");
        Path file = dir.resolve("rappel.yaml");
        Files.writeString(file, "services:\n" + servicesYaml + "agents:\n" + agentsYaml);
        Map<String, String> env = new HashMap<>(Map.of("RAPPEL_AGI_PORT", "0", "RAPPEL_HTTP_PORT", "0",
                "RAPPEL_STORE_DATA_DIR", TestDataDirs.fresh(),
                "RAPPEL_AGI_BIND", "127.0.0.1", "RAPPEL_HTTP_BIND", "127.0.0.1"));
        env.put("RAPPEL_AMI_PORT", Integer.toString(ami.port()));
        env.put("RAPPEL_AMI_SECRET", "sim-secret");
        logs.start();
        watcherLog.setLevel(Level.INFO);
        watcherLog.addAppender(logs);
        rappel = new RappelServer(RappelConfig.load(Optional.of(file), env)).start();
        simulator = new AgiSimulator(SimulatorSettings.defaults().withTimeScale(SCALE));
        DialApplication.register(simulator, ami.dialer());
        await().atMost(10, TimeUnit.SECONDS).until(() -> ami.loggedInSessions() == 2); // Rappel and the tap
    }

    @AfterEach
    void stop() throws Exception {
        calls.forEach(LiveCall::hangUp);
        if (simulator != null) {
            simulator.close();
        }
        if (rappel != null) {
            rappel.close();
        }
        if (tap != null) {
            tap.close();
        }
        if (ami != null) {
            ami.close();
        }
        watcherLog.detachAppender(logs);
        watcherLog.setLevel(null);
    }

    /** French (1), then general questions (3). */
    private LiveCall caller(String number) {
        CallerScript.Builder b = CallerScript.builder().script("hotline").language("fr").callerId(number)
                .inputs(CallerInput.keys("1"), CallerInput.keys("3"));
        LiveCall call = simulator.place(rappel.agiAddress(), b.build());
        calls.add(call);
        return call;
    }

    private CallTranscript finished(LiveCall call) throws Exception {
        return call.finished().get(30, TimeUnit.SECONDS);
    }

    private AgentState agent101() {
        return rappel.contactCenter().agent("agent101").join().state();
    }

    /** Cuts the network to the manager port until {@link #restoreAmi()}; Rappel's session is gone once it returns. */
    private void cutAmi() {
        ami.networkDown(true);
        await().atMost(10, TimeUnit.SECONDS).until(() -> ami.loggedInSessions() == 0);
    }

    /** Rappel reconnects (the tap does not) and its resync is logged. */
    private String restoreAmi() {
        ami.networkDown(false);
        await().atMost(20, TimeUnit.SECONDS).until(() -> ami.loggedInSessions() == 1);
        await().atMost(10, TimeUnit.SECONDS).until(() -> resyncLine().isPresent());
        return resyncLine().orElseThrow();
    }

    private Optional<String> resyncLine() {
        synchronized (logs.list) {
            return logs.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("AMI resync:"))
                    .findFirst();
        }
    }

    @Test
    void agentHangsUpWhileAmiIsCut_agentWrapsUpThenTakesTheNextCaller() throws Exception {
        start("""
                  general: {priority: 0}
                """, """
                  agent101: {dial-string: PJSIP/agent101, skills: {general: 1}, wrap-up: 1s}
                """);
        ami.setEndpointPolicy("PJSIP/agent101", AnswerPolicies.answerAfter(Duration.ofSeconds(1),
                Duration.ofSeconds(1000)));
        LiveCall first = caller("0600000201");
        await().atMost(10, TimeUnit.SECONDS).until(() -> agent101() == AgentState.ON_CALL); // from BridgeEnter
        LiveCall second = caller("0600000202");
        await().atMost(10, TimeUnit.SECONDS).until(() -> rappel.contactCenter().size("general").join() == 1);

        cutAmi();
        assertThat(ami.hangUpEndpoint("PJSIP/agent101")).isEqualTo(1); // its Hangup event reaches nobody
        CallTranscript t1 = finished(first);
        String resync = restoreAmi();

        // Rappel's view of agent101's first leg was settled by the channel list (whichever path freed the agent)
        assertThat(resync).contains("1 agent leg(s) followed", "1 ended while the link was down");
        assertThat(t1.dials()).extracting(CallTranscript.DialRecord::status).containsExactly("ANSWER");
        // after wrap-up, agent101 takes the caller who waited, and is in conversation with them
        await().atMost(10, TimeUnit.SECONDS).until(() -> rappel.contactCenter().size("general").join() == 0);
        await().atMost(10, TimeUnit.SECONDS).until(() -> ami.bridgedChannels() == 1);
        await().atMost(10, TimeUnit.SECONDS).until(() -> agent101() == AgentState.ON_CALL);
        assertThat(ami.hangUpEndpoint("PJSIP/agent101")).isEqualTo(1);
        CallTranscript t2 = finished(second);
        assertThat(t2.dials()).extracting(CallTranscript.DialRecord::status).containsExactly("ANSWER");
        assertThat(t2.dials().get(0).peer()).startsWith("PJSIP/agent101-");
        // no contact lost: both served, nobody waiting, the agent free again
        await().atMost(10, TimeUnit.SECONDS).until(() -> agent101() == AgentState.AVAILABLE);
        await().atMost(5, TimeUnit.SECONDS).until(() -> rappel.activeCalls() == 0);
    }

    @Test
    void agentAnswersWhileAmiIsCut_connectedLearntFromTheChannelList() throws Exception {
        start("""
                  general: {priority: 0, ring-timeout: 5m}
                """, """
                  agent101: {dial-string: PJSIP/agent101, skills: {general: 1}, wrap-up: 0s}
                """);
        // rings 3 s, then a conversation far longer than the test
        ami.setEndpointPolicy("PJSIP/agent101", AnswerPolicies.answerAfter(Duration.ofSeconds(150),
                Duration.ofSeconds(5000)));
        LiveCall call = caller("0600000203");
        await().atMost(10, TimeUnit.SECONDS).until(() -> !tap.named("DialBegin").isEmpty());

        cutAmi();
        await().atMost(10, TimeUnit.SECONDS).until(() -> ami.bridgedChannels() == 1); // BridgeEnter lost
        assertThat(agent101()).as("without AMI, the answer is known only when Dial returns")
                .isEqualTo(AgentState.RESERVED);
        String resync = restoreAmi();

        assertThat(resync).contains("1 still up (1 in a bridge)");
        await().atMost(5, TimeUnit.SECONDS).until(() -> agent101() == AgentState.ON_CALL);
        assertThat(call.finished()).isNotDone();
        assertThat(ami.hangUpEndpoint("PJSIP/agent101")).isEqualTo(1);
        assertThat(finished(call).dials()).extracting(CallTranscript.DialRecord::status).containsExactly("ANSWER");
        await().atMost(10, TimeUnit.SECONDS).until(() -> agent101() == AgentState.AVAILABLE);
    }
}
