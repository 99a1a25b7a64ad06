package org.rappel.sim.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rappel.sim.ami.AmiEventTap;
import org.rappel.sim.ami.AmiSimulator;
import org.rappel.sim.ami.AnswerPolicies;
import org.rappel.sim.ami.AnswerPolicy;
import org.rappel.sim.ami.AnswerOutcome;

/**
 * EXEC Dial in the simulator, FastAGI bytes against {@code call-control/q1b_exec_dial*.log} and
 * {@code q1b_dial_opts.log}, and the AMI events of the same dial as an AMI client sees them.
 */
class DialApplicationTest {

    private static final double SCALE = 0.01;

    private StubFastAgiServer server;
    private AgiSimulator simulator;
    private AmiSimulator ami;
    private AmiEventTap tap;

    @BeforeEach
    void start() throws Exception {
        server = new StubFastAgiServer();
        simulator = new AgiSimulator(SimulatorSettings.defaults().withTimeScale(SCALE));
        ami = AmiSimulator.start(AmiSimulator.Options.defaults().withCredentials("ivr", "secret"));
        DialApplication.register(simulator, ami.dialer());
        tap = new AmiEventTap(ami.port(), "ivr", "secret");
        await().atMost(5, TimeUnit.SECONDS).until(tap::loggedIn);
    }

    @AfterEach
    void stop() throws Exception {
        tap.close();
        simulator.close();
        ami.close();
        server.close();
    }

    private static CallerScript.Builder caller() {
        return CallerScript.builder().script("hotline").callerId("0612345678");
    }

    private static AnswerPolicy answers(long ringSeconds, long talkSeconds) {
        return AnswerPolicies.answerAfter(Duration.ofSeconds(ringSeconds), Duration.ofSeconds(talkSeconds));
    }

    @Test
    void dial_agentAnswersAndHangsUp_resultMinusOneCallerStaysUp() throws Exception {
        ami.setEndpointPolicy("PJSIP/agent101", answers(2, 20));
        LiveCall live = simulator.place(server.address(), caller().build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            assertThat(agi.command("SET MUSIC ON default")).isEqualTo("200 result=0");
            agi.send("EXEC Dial PJSIP/agent101,30,m");
            agi.send("NOOP sent-during-dial");
            assertThat(agi.readLines(2)).containsExactly("200 result=-1", "200 result=0");
            assertThat(agi.command("GET VARIABLE DIALSTATUS")).isEqualTo("200 result=1 (ANSWER)");
            assertThat(agi.command("GET VARIABLE DIALEDPEERNAME"))
                    .matches("200 result=1 \\(PJSIP/agent101-[0-9a-f]{8}\\)");
            assertThat(agi.command("GET VARIABLE DIALEDPEERNUMBER")).isEqualTo("200 result=1 (agent101)");
            // 20 simulated seconds (not 0.2), timer jitter allowed
            assertThat(agi.command("GET VARIABLE ANSWEREDTIME")).matches("200 result=1 \\((19|2[0-9])\\)");
            assertThat(agi.quietFor(100)).isTrue(); // no HANGUP: the caller is still there
            assertThat(agi.command("STREAM FILE beep \"\"")).startsWith("200 result=0 endpos=");
        }
        CallTranscript transcript = live.finished().get(5, TimeUnit.SECONDS);
        CallTranscript.DialRecord dial = transcript.dials().get(0);
        assertThat(dial.status()).isEqualTo("ANSWER");
        assertThat(dial.callerHungUp()).isFalse();
        long talk = dial.endedAtNanos() - dial.answeredAtNanos().orElseThrow();
        assertThat(talk).isBetween(150_000_000L, 400_000_000L); // 20 s × 0.01
        // music while ringing (m), off once the agent answered
        List<CallTranscript.MusicChange> music = transcript.music();
        assertThat(music.get(music.size() - 1).on()).isFalse();
        assertThat(music.get(music.size() - 1).atNanos())
                .isCloseTo(dial.answeredAtNanos().orElseThrow(), org.assertj.core.data.Offset.offset(5_000_000L));
        assertThat(music.get(music.size() - 2).on()).isTrue();

        await().atMost(5, TimeUnit.SECONDS).until(() -> !tap.named("BridgeDestroy").isEmpty());
        List<String> names = tap.named("Newchannel", "DialBegin", "DialEnd", "BridgeCreate", "BridgeEnter",
                "BridgeLeave", "Hangup", "BridgeDestroy").stream().map(e -> e.get("Event")).toList();
        assertThat(names).containsExactly("Newchannel", "DialBegin", "DialEnd", "BridgeCreate", "BridgeEnter",
                "BridgeEnter", "BridgeLeave", "Hangup", "BridgeLeave", "BridgeDestroy");
        Map<String, String> begin = tap.named("DialBegin").get(0);
        assertThat(begin.get("Channel")).isEqualTo(live.channelName());
        assertThat(begin.get("DestChannel")).startsWith("PJSIP/agent101-");
        assertThat(begin.get("DialString")).isEqualTo("agent101");
        assertThat(tap.named("DialEnd").get(0).get("DialStatus")).isEqualTo("ANSWER");
        List<Map<String, String>> enter = tap.named("BridgeEnter");
        assertThat(enter.get(0).get("Channel")).isEqualTo(begin.get("DestChannel"));
        assertThat(enter.get(0).get("BridgeNumChannels")).isEqualTo("1");
        assertThat(enter.get(1).get("Channel")).isEqualTo(live.channelName());
        Map<String, String> hangup = tap.named("Hangup").get(0);
        assertThat(hangup.get("Channel")).isEqualTo(begin.get("DestChannel"));
        assertThat(hangup.get("Cause")).isEqualTo("16");
        assertThat(hangup.get("Cause-txt")).isEqualTo("Normal Clearing");
        assertThat(ami.activeChannels()).isZero();
    }

    @Test
    void dial_busy_resultZeroAndBackToTheAgi() throws Exception {
        ami.setEndpointPolicy("PJSIP/agent102", AnswerPolicies.busy());
        var call = simulator.call(server.address(), caller().build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            assertThat(agi.command("SET MUSIC ON default")).isEqualTo("200 result=0");
            assertThat(agi.command("EXEC Dial PJSIP/agent102,5")).isEqualTo("200 result=0");
            assertThat(agi.command("GET VARIABLE DIALSTATUS")).isEqualTo("200 result=1 (BUSY)");
            assertThat(agi.command("GET VARIABLE DIALEDPEERNAME")).isEqualTo("200 result=0");
        }
        CallTranscript transcript = call.get(5, TimeUnit.SECONDS);
        assertThat(transcript.music().get(transcript.music().size() - 1).on()).isFalse(); // no m: silence
        await().atMost(5, TimeUnit.SECONDS).until(() -> !tap.named("Hangup").isEmpty());
        assertThat(tap.named("DialEnd").get(0).get("DialStatus")).isEqualTo("BUSY");
        assertThat(tap.named("Hangup").get(0).get("Cause")).isEqualTo("17");
        assertThat(tap.named("BridgeEnter")).isEmpty();
    }

    @Test
    void dial_noAnswerWithMusic_musicWhileRingingThenOff() throws Exception {
        ami.setEndpointPolicy("Local/0612345698@citizens", AnswerPolicies.noAnswer());
        var call = simulator.call(server.address(), caller().build());
        long sent;
        try (var agi = server.accept()) {
            agi.readEnvironment();
            sent = System.nanoTime();
            assertThat(agi.command("EXEC Dial Local/0612345698@citizens,4,m")).isEqualTo("200 result=0");
            assertThat(System.nanoTime() - sent).isGreaterThanOrEqualTo(40_000_000L); // 4 s × 0.01
            assertThat(agi.command("GET VARIABLE DIALSTATUS")).isEqualTo("200 result=1 (NOANSWER)");
        }
        CallTranscript transcript = call.get(5, TimeUnit.SECONDS);
        assertThat(transcript.music()).extracting(CallTranscript.MusicChange::on).containsExactly(true, false);
        await().atMost(5, TimeUnit.SECONDS).until(() -> tap.named("Hangup").size() == 2);
        assertThat(tap.named("Newchannel")).extracting(e -> e.get("Channel"))
                .allMatch(c -> c.matches("Local/0612345698@citizens-[0-9a-f]{8};[12]"));
        assertThat(tap.named("DialEnd").get(0).get("DialStatus")).isEqualTo("NOANSWER");
        assertThat(tap.named("Hangup")).extracting(e -> e.get("Cause")).containsExactly("0", "0");
    }

    @Test
    void dial_congestionAndUnavailable_statuses() throws Exception {
        ami.setEndpointPolicy("PJSIP/agent103", AnswerPolicies.congestion());
        ami.setEndpointPolicy("PJSIP/agent104", (channel, random) -> new AnswerOutcome.Failed());
        var call = simulator.call(server.address(), caller().build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            assertThat(agi.command("EXEC Dial PJSIP/agent103,5")).isEqualTo("200 result=0");
            assertThat(agi.command("GET VARIABLE DIALSTATUS")).isEqualTo("200 result=1 (CONGESTION)");
            assertThat(agi.command("EXEC Dial PJSIP/agent104,5")).isEqualTo("200 result=0");
            assertThat(agi.command("GET VARIABLE DIALSTATUS")).isEqualTo("200 result=1 (CHANUNAVAIL)");
            assertThat(agi.command("EXEC Dial nodevice,5")).isEqualTo("200 result=0");
            assertThat(agi.command("GET VARIABLE DIALSTATUS")).isEqualTo("200 result=1 (CHANUNAVAIL)");
            assertThat(agi.command("EXEC Dial \"\"")).isEqualTo("200 result=-1");
        }
        call.get(5, TimeUnit.SECONDS);
        assertThat(tap.named("Newchannel")).hasSize(1); // agent104 and nodevice: no channel at all
    }

    @Test
    void dial_callerHangsUpInConversation_minusOneThenHangupAtOnce() throws Exception {
        ami.setEndpointPolicy("PJSIP/agent101", answers(1, 600));
        LiveCall live = simulator.place(server.address(), caller().build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            agi.send("EXEC Dial PJSIP/agent101,30,m");
            await().atMost(5, TimeUnit.SECONDS).until(() -> tap.named("BridgeEnter").size() == 2);
            live.hangUp();
            long at = System.nanoTime();
            assertThat(agi.readLines(2)).containsExactly("200 result=-1", "HANGUP");
            assertThat(System.nanoTime() - at).isLessThan(30_000_000L); // not the 40 ms notice delay
            assertThat(agi.command("GET VARIABLE DIALSTATUS")).isEqualTo("200 result=1 (ANSWER)");
            assertThat(agi.command("NOOP after")).isEqualTo("200 result=0");
        }
        CallTranscript transcript = live.finished().get(5, TimeUnit.SECONDS);
        assertThat(transcript.dials().get(0).callerHungUp()).isTrue();
        assertThat(transcript.outcome().orElseThrow().hangupSource()).isEqualTo(HangupSource.CALLER);
        await().atMost(5, TimeUnit.SECONDS).until(() -> !tap.named("BridgeDestroy").isEmpty());
        List<Map<String, String>> leave = tap.named("BridgeLeave");
        assertThat(leave.get(0).get("Channel")).isEqualTo(live.channelName());
        assertThat(leave.get(1).get("Channel")).startsWith("PJSIP/agent101-");
        await().atMost(5, TimeUnit.SECONDS).until(() -> ami.activeChannels() == 0);
    }

    @Test
    void dial_callerHangsUpWhileRinging_cancel() throws Exception {
        ami.setEndpointPolicy("PJSIP/agent101", AnswerPolicies.noAnswer());
        LiveCall live = simulator.place(server.address(), caller().build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            agi.send("EXEC Dial PJSIP/agent101,30");
            await().atMost(5, TimeUnit.SECONDS).until(() -> !tap.named("DialBegin").isEmpty());
            live.hangUp();
            assertThat(agi.readLines(2)).containsExactly("200 result=-1", "HANGUP");
            assertThat(agi.command("GET VARIABLE DIALSTATUS")).isEqualTo("200 result=1 (CANCEL)");
        }
        live.finished().get(5, TimeUnit.SECONDS);
        await().atMost(5, TimeUnit.SECONDS).until(() -> !tap.named("DialEnd").isEmpty());
        assertThat(tap.named("DialEnd").get(0).get("DialStatus")).isEqualTo("CANCEL");
        assertThat(ami.activeChannels()).isZero();
    }

    @Test
    void hangUpEndpoint_agentEndsConversationEarly() throws Exception {
        ami.setEndpointPolicy("PJSIP/agent105", answers(0, 600));
        var call = simulator.call(server.address(), caller().build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            agi.send("EXEC Dial PJSIP/agent105,30");
            await().atMost(5, TimeUnit.SECONDS).until(() -> tap.named("BridgeEnter").size() == 2);
            assertThat(ami.hangUpEndpoint("PJSIP/agent105")).isEqualTo(1);
            assertThat(agi.readLine()).isEqualTo("200 result=-1");
            assertThat(agi.command("GET VARIABLE DIALSTATUS")).isEqualTo("200 result=1 (ANSWER)");
        }
        call.get(5, TimeUnit.SECONDS);
    }

    @Test
    void abandonIfWaiting_connectedCallerStays_waitingCallerLeaves() throws Exception {
        ami.setEndpointPolicy("PJSIP/agent106", answers(0, 600));
        LiveCall connected = simulator.place(server.address(), caller().build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            agi.send("EXEC Dial PJSIP/agent106,30");
            await().atMost(5, TimeUnit.SECONDS).until(() -> tap.named("BridgeEnter").size() == 2);
            assertThat(connected.abandonIfWaiting().get(5, TimeUnit.SECONDS)).isFalse();
            assertThat(agi.quietFor(50)).isTrue();
            ami.hangUpEndpoint("PJSIP/agent106");
            assertThat(agi.readLine()).isEqualTo("200 result=-1");
        }
        connected.finished().get(5, TimeUnit.SECONDS);
        LiveCall waiting = simulator.place(server.address(), caller().build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            assertThat(agi.command("SET MUSIC ON default")).isEqualTo("200 result=0");
            assertThat(waiting.abandonIfWaiting().get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(agi.readLine()).isEqualTo("HANGUP");
        }
        assertThat(waiting.finished().get(5, TimeUnit.SECONDS).outcome().orElseThrow().hangupSource())
                .isEqualTo(HangupSource.CALLER);
    }

    @Test
    void dial_severalPeers_firstToAnswerWinsOthersCancelled() throws Exception {
        ami.setEndpointPolicy("PJSIP/agent107", AnswerPolicies.noAnswer());
        ami.setEndpointPolicy("Local/108@agents", answers(1, 2));
        var call = simulator.call(server.address(), caller().build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            assertThat(agi.command("EXEC Dial PJSIP/agent107&Local/108@agents,30")).isEqualTo("200 result=-1");
            assertThat(agi.command("GET VARIABLE DIALEDPEERNAME"))
                    .matches("200 result=1 \\(Local/108@agents-[0-9a-f]{8};1\\)");
            assertThat(agi.command("GET VARIABLE DIALEDPEERNUMBER")).isEqualTo("200 result=1 (108@agents)");
        }
        call.get(5, TimeUnit.SECONDS);
        await().atMost(5, TimeUnit.SECONDS).until(() -> ami.activeChannels() == 0);
        assertThat(tap.named("DialBegin")).hasSize(2);
        assertThat(tap.named("DialEnd")).extracting(e -> e.get("DestChannel").replaceAll("-[0-9a-f]{8}", "")
                + " " + e.get("DialStatus")).containsExactly("PJSIP/agent107 CANCEL", "Local/108@agents;1 ANSWER");
        assertThat(tap.named("Hangup")).filteredOn(e -> e.get("Channel").startsWith("PJSIP/agent107"))
                .extracting(e -> e.get("Cause")).containsExactly("26");
    }

    @Test
    void dialArguments_peersTimeoutAndMusicOption() {
        DialArguments a = DialArguments.parse("PJSIP/a&PJSIP/b,2.5,tm(jazz)");
        assertThat(a.peers()).containsExactly("PJSIP/a", "PJSIP/b");
        assertThat(a.timeout()).contains(Duration.ofMillis(2500));
        assertThat(a.musicClass()).contains("jazz");
        assertThat(DialArguments.parse("PJSIP/a,,m").musicClass()).contains("default");
        assertThat(DialArguments.parse("PJSIP/a,0,U(sub^x)").timeout()).isEmpty();
        assertThat(DialArguments.parse("PJSIP/a,x,U(m)").musicClass()).isEmpty();
    }
}
