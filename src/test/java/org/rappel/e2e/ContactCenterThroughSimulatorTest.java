package org.rappel.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

/**
 * The contact center end to end: the whole Rappel server with agents and AMI configured, the simulated Asterisk
 * on both sides (FastAGI callers, EXEC Dial answered by simulated agents, AMI events of the dial), over real
 * sockets on free ports. Callers press 1 (French) then 3 (general questions) and hold. Caller-side times are
 * scaled by 0.02 (an agent's 10 s conversation lasts 200 ms); Rappel's own timers run in real time.
 */
class ContactCenterThroughSimulatorTest {

    private static final double SCALE = 0.02;

    @TempDir
    Path dir;

    private AmiSimulator ami;
    private AmiEventTap tap;
    private RappelServer rappel;
    private AgiSimulator simulator;
    private final List<LiveCall> calls = new ArrayList<>();

    private void start(String agentsYaml) throws Exception {
        start("", agentsYaml);
    }

    private void start(String servicesYaml, String agentsYaml) throws Exception {
        ami = AmiSimulator.start(AmiSimulator.Options.defaults().withCredentials("rappel", "sim-secret")
                .withPolicy(AnswerPolicies.answerAfter(Duration.ofSeconds(1), Duration.ofSeconds(10))));
        tap = new AmiEventTap(ami.port(), "rappel", "sim-secret");
        Path file = dir.resolve("rappel.yaml");
        Files.writeString(file, (servicesYaml.isEmpty() ? "" : "services:\n" + servicesYaml) + "agents:\n"
                + agentsYaml);
        Map<String, String> env = new HashMap<>(Map.of("RAPPEL_AGI_PORT", "0", "RAPPEL_HTTP_PORT", "0",
                "RAPPEL_STORE_DATA_DIR", TestDataDirs.fresh(),
                "RAPPEL_AGI_BIND", "127.0.0.1", "RAPPEL_HTTP_BIND", "127.0.0.1"));
        env.put("RAPPEL_AMI_PORT", Integer.toString(ami.port()));
        env.put("RAPPEL_AMI_SECRET", "sim-secret");
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
    }

    /** A caller for general questions (menu key 3). */
    private LiveCall caller(String number) {
        return caller(number, "3");
    }

    /** French (1), then {@code menuKey}: 1 family benefits, 2 housing aid, 3 general questions. */
    private LiveCall caller(String number, String menuKey) {
        CallerScript.Builder b = CallerScript.builder().script("hotline").language("fr").callerId(number)
                .inputs(CallerInput.keys("1"), CallerInput.keys(menuKey));
        LiveCall call = simulator.place(rappel.agiAddress(), b.build());
        calls.add(call);
        return call;
    }

    private CallTranscript finished(LiveCall call) throws Exception {
        return call.finished().get(30, TimeUnit.SECONDS);
    }

    private List<String> dialBeginCallers() {
        return tap.named("DialBegin").stream().map(e -> e.get("Channel")).toList();
    }

    @Test
    void callers_hearPositionAndWait_servedInArrivalOrder() throws Exception {
        start("""
                  agent101: {dial-string: PJSIP/agent101, skills: {general: 1}, wrap-up: 0s}
                """);
        ami.setEndpointPolicy("PJSIP/agent101", AnswerPolicies.answerAfter(Duration.ofSeconds(1),
                Duration.ofSeconds(1000)));
        LiveCall first = caller("0600000001");
        await().atMost(10, TimeUnit.SECONDS).until(() -> tap.named("BridgeEnter").size() == 2);
        LiveCall second = caller("0600000002");
        await().atMost(10, TimeUnit.SECONDS).until(() -> rappel.contactCenter().size("general").join() == 1);
        LiveCall third = caller("0600000003");
        await().atMost(10, TimeUnit.SECONDS).until(() -> rappel.contactCenter().size("general").join() == 2);
        ami.setEndpointPolicy("PJSIP/agent101", AnswerPolicies.answerAfter(Duration.ofSeconds(1),
                Duration.ofSeconds(2)));
        assertThat(ami.hangUpEndpoint("PJSIP/agent101")).isEqualTo(1); // the first conversation ends

        CallTranscript t1 = finished(first);
        CallTranscript t2 = finished(second);
        CallTranscript t3 = finished(third);
        assertThat(dialBeginCallers()).containsExactly(first.channelName(), second.channelName(),
                third.channelName());
        for (CallTranscript t : List.of(t1, t2, t3)) {
            assertThat(t.dials()).extracting(CallTranscript.DialRecord::status).containsExactly("ANSWER");
            assertThat(t.dials().get(0).peer()).startsWith("PJSIP/agent101-");
            assertThat(t.commandsWhileBusy()).as("commands pipelined").isZero();
        }
        // the waiting callers heard their place (2nd, then 3rd in line) and a wait estimate
        assertThat(t2.soundNames()).containsSubsequence("rappel/you-are-number", "digits/1");
        assertThat(t3.soundNames()).containsSubsequence("rappel/you-are-number", "digits/2");
        assertThat(t3.soundNames()).anyMatch(s -> s.startsWith("rappel/estimated-wait")
                || s.equals("rappel/wait-unknown"));
        assertThat(t2.heardMusic()).isTrue();
        await().atMost(5, TimeUnit.SECONDS).until(() -> rappel.activeCalls() == 0);
    }

    @Test
    void agents_longestAvailableGetsTheFirstCaller() throws Exception {
        start("""
                  agent101: {dial-string: PJSIP/agent101, skills: {general: 1}, logged-in: false}
                  agent102: {dial-string: PJSIP/agent102, skills: {general: 1}, logged-in: false}
                """);
        rappel.contactCenter().login("agent102").join();
        rappel.contactCenter().login("agent101").join(); // same skill; agent102 has waited longer
        ami.setAnswerPolicy(AnswerPolicies.answerAfter(Duration.ofSeconds(1), Duration.ofSeconds(100)));
        LiveCall first = caller("0600000041");
        await().atMost(10, TimeUnit.SECONDS).until(() -> tap.named("BridgeEnter").size() == 2);
        LiveCall second = caller("0600000042");
        await().atMost(10, TimeUnit.SECONDS).until(() -> tap.named("BridgeEnter").size() == 4);
        assertThat(tap.named("DialBegin")).extracting(e -> e.get("Channel") + " -> "
                + e.get("DestChannel").replaceAll("-[0-9a-f]{8}$", "")).containsExactly(
                first.channelName() + " -> PJSIP/agent102", second.channelName() + " -> PJSIP/agent101");
        ami.hangUpEndpoint("PJSIP/agent101");
        ami.hangUpEndpoint("PJSIP/agent102");
        assertThat(finished(first).dials().get(0).status()).isEqualTo("ANSWER");
        assertThat(finished(second).dials().get(0).status()).isEqualTo("ANSWER");
    }

    @Test
    void contacts_higherPriorityServiceServedBeforeEarlierCaller() throws Exception {
        start("""
                  general: {priority: 0}
                  logement: {priority: 10}
                """, """
                  agent101: {dial-string: PJSIP/agent101, skills: {general: 1, logement: 1}, wrap-up: 0s}
                """);
        ami.setEndpointPolicy("PJSIP/agent101", AnswerPolicies.answerAfter(Duration.ofSeconds(1),
                Duration.ofSeconds(1000)));
        LiveCall busyWith = caller("0600000050");
        await().atMost(10, TimeUnit.SECONDS).until(() -> tap.named("BridgeEnter").size() == 2);
        LiveCall earlierGeneral = caller("0600000051", "3");
        await().atMost(10, TimeUnit.SECONDS).until(() -> rappel.contactCenter().size("general").join() == 1);
        LiveCall laterHousing = caller("0600000052", "2");
        await().atMost(10, TimeUnit.SECONDS).until(() -> rappel.contactCenter().size("logement").join() == 1);
        ami.setEndpointPolicy("PJSIP/agent101", AnswerPolicies.answerAfter(Duration.ofSeconds(1),
                Duration.ofSeconds(2)));
        ami.hangUpEndpoint("PJSIP/agent101");
        finished(busyWith);
        finished(earlierGeneral);
        finished(laterHousing);
        assertThat(dialBeginCallers()).containsExactly(busyWith.channelName(), laterHousing.channelName(),
                earlierGeneral.channelName());
    }

    @Test
    void abandoningCaller_leavesTheQueue() throws Exception {
        start("""
                  agent101: {dial-string: PJSIP/agent101, skills: {general: 1}, logged-in: false}
                """);
        LiveCall waiting = caller("0600000010");
        await().atMost(10, TimeUnit.SECONDS).until(() -> rappel.contactCenter().size("general").join() == 1);
        waiting.hangUp();
        CallTranscript t = finished(waiting);
        assertThat(t.dials()).isEmpty();
        await().atMost(5, TimeUnit.SECONDS).until(() -> rappel.contactCenter().size("general").join() == 0);
        // an agent logging in afterwards is not offered the gone caller
        rappel.contactCenter().login("agent101").join();
        assertThat(tap.named("DialBegin")).isEmpty();
        assertThat(rappel.contactCenter().agent("agent101").join().state()).isEqualTo(AgentState.AVAILABLE);
    }

    @Test
    void pausedOrLoggedOutAgent_getsNoCall() throws Exception {
        start("""
                  agent101: {dial-string: PJSIP/agent101, skills: {general: 1}}
                  agent102: {dial-string: PJSIP/agent102, skills: {general: 1}}
                  agent103: {dial-string: PJSIP/agent103, skills: {general: 1}}
                """);
        rappel.contactCenter().pause("agent101", "lunch").join();
        rappel.contactCenter().logout("agent103").join();
        LiveCall a = caller("0600000021");
        CallTranscript t = finished(a);
        assertThat(t.dials()).extracting(CallTranscript.DialRecord::peer)
                .allMatch(p -> p.startsWith("PJSIP/agent102-"));
        assertThat(tap.named("DialBegin")).extracting(e -> e.get("DestChannel"))
                .allMatch(c -> c.startsWith("PJSIP/agent102-"));
    }

    @Test
    void busyAgents_callerBackToHoldThenServed() throws Exception {
        start("""
                  agent101: {dial-string: PJSIP/agent101, skills: {general: 1}}
                  agent102: {dial-string: PJSIP/agent102, skills: {general: 1}}
                """);
        ami.setEndpointPolicy("PJSIP/agent101", AnswerPolicies.busy());
        ami.setEndpointPolicy("PJSIP/agent102", AnswerPolicies.busy());
        LiveCall a = caller("0600000031");
        await().atMost(10, TimeUnit.SECONDS).until(() -> tap.named("DialEnd").size() >= 1);
        ami.setEndpointPolicy("PJSIP/agent101", AnswerPolicies.answerAfter(Duration.ofSeconds(1),
                Duration.ofSeconds(2)));
        ami.setEndpointPolicy("PJSIP/agent102", AnswerPolicies.answerAfter(Duration.ofSeconds(1),
                Duration.ofSeconds(2)));
        rappel.contactCenter().unpause("agent101").join();
        rappel.contactCenter().unpause("agent102").join();
        CallTranscript t = finished(a);
        assertThat(t.dials().get(0).status()).isEqualTo("BUSY");
        assertThat(t.dials()).extracting(CallTranscript.DialRecord::status).endsWith("ANSWER");
        // back on hold with music between the failed offer and the next one
        List<String> commands = t.commands();
        int firstDial = commands.indexOf(commands.stream().filter(c -> c.startsWith("EXEC Dial")).findFirst()
                .orElseThrow());
        assertThat(commands.subList(firstDial, commands.size())).contains("SET MUSIC ON default");
    }

    @Test
    void amiCutMidRun_noContactLost() throws Exception {
        start("""
                  agent101: {dial-string: PJSIP/agent101, skills: {general: 1}, wrap-up: 0s}
                  agent102: {dial-string: PJSIP/agent102, skills: {general: 1}, wrap-up: 0s}
                """);
        ami.setAnswerPolicy(AnswerPolicies.answerAfter(Duration.ofSeconds(1), Duration.ofSeconds(20)));
        List<LiveCall> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(caller(String.format("06000001%02d", i)));
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> tap.named("BridgeEnter").size() >= 2);
        ami.cutConnections(); // Rappel and the tap lose AMI; the conversations go on
        await().atMost(15, TimeUnit.SECONDS).until(() -> ami.loggedInSessions() >= 1); // Rappel is back
        for (LiveCall call : batch) {
            CallTranscript t = finished(call);
            assertThat(t.dials()).as(call.channelName()).extracting(CallTranscript.DialRecord::status)
                    .endsWith("ANSWER");
        }
        assertThat(rappel.contactCenter().size("general").join()).isZero();
        // no agent left stuck in a call whose end AMI could not report
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(rappel.contactCenter().agent("agent101").join().state()).isEqualTo(AgentState.AVAILABLE);
            assertThat(rappel.contactCenter().agent("agent102").join().state()).isEqualTo(AgentState.AVAILABLE);
        });
    }
}
