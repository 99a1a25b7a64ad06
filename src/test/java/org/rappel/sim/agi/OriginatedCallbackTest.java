package org.rappel.sim.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rappel.sim.ami.AmiEventTap;
import org.rappel.sim.ami.AmiSimulator;
import org.rappel.sim.ami.AnswerPolicies;
import org.rappel.sim.ami.CallbackOrder;
import org.rappel.sim.ami.OriginateLog;
import org.rappel.sim.ami.OriginateRecord;
import org.rappel.sim.dialplan.Dialplan;

/**
 * Callbacks through the simulated Asterisk over real sockets: an async Originate into the shipped
 * {@code asterisk-config/extensions.conf}'s {@code rappel-callback} context, answered by a simulated citizen (or
 * agent), runs {@code AGI(agi://…/callback?id=…)} toward a plain FastAGI server, with the environment of
 * call-control/q3_cb_agi.log; the citizens' policies give the OriginateResponse reasons of
 * q3_originate_codes.log; an agent-first script's Dial to the citizen gets their DIALSTATUS; the originate log
 * tells what was dialled.
 */
class OriginatedCallbackTest {

    private static final String CITIZEN = "PJSIP/+33612345678@trunk";
    private static final String CALLBACK_ID = "6f1c2a1e-0b7d-4c35-9a39-3f0c7f5d2b11";

    private StubFastAgiServer server;
    private AgiSimulator agi;
    private AmiSimulator ami;
    private AmiEventTap tap;

    private void start(CallbackOrder order) throws Exception {
        server = new StubFastAgiServer();
        agi = new AgiSimulator(SimulatorSettings.defaults().withTimeScale(0.01));
        ami = AmiSimulator.start(AmiSimulator.Options.defaults().withCredentials("rappel", "secret"));
        Dialplan dialplan = Dialplan.load(Path.of("asterisk-config/extensions.conf"))
                .withGlobal("RAPPEL_AGI", "127.0.0.1:" + server.address().getPort());
        dialplan.requireSimulated("rappel-callback");
        ami.runDialplan(dialplan, agi, order);
        tap = new AmiEventTap(ami.port(), "rappel", "secret");
        await().atMost(5, TimeUnit.SECONDS).until(tap::loggedIn);
    }

    @AfterEach
    void stop() throws Exception {
        if (tap != null) {
            tap.close();
        }
        agi.close();
        ami.close();
        server.close();
    }

    private void originate(String actionId, String channel, String callbackId, long timeoutMs) throws Exception {
        tap.send("Action: Originate", "ActionID: " + actionId, "Channel: " + channel, "Context: rappel-callback",
                "Exten: s", "Priority: 1", "CallerID: \"Rappel\" <3230>", "Timeout: " + timeoutMs, "Async: true",
                "Variable: RAPPEL_CALLBACK_ID=" + callbackId);
    }

    private Map<String, String> originateResponse(String actionId) {
        await().atMost(5, TimeUnit.SECONDS).until(() -> !responses(actionId).isEmpty());
        return responses(actionId).get(0);
    }

    private List<Map<String, String>> responses(String actionId) {
        return tap.events(e -> "OriginateResponse".equals(e.get("Event")) && actionId.equals(e.get("ActionID")));
    }

    private List<Map<String, String>> eventsOf(String channel, String... names) {
        List<String> wanted = List.of(names);
        return tap.events(e -> wanted.contains(e.get("Event")) && channel.equals(e.get("Channel")));
    }

    @Test
    void customerFirst_answeredCallConnectsWithTheOriginatedChannelsEnvironment() throws Exception {
        start(CallbackOrder.AS_CAPTURED);
        ami.setEndpointPolicy(CITIZEN, AnswerPolicies.answerAndListen(Duration.ofMillis(20)));
        originate("cb-1", CITIZEN, CALLBACK_ID, 30_000);

        try (var c = server.accept()) {
            String[] env = c.readEnvironment().split("\n", -1);
            Map<String, String> response = originateResponse("cb-1");
            String channel = response.get("Channel");
            assertThat(channel).matches("PJSIP/trunk-[0-9a-f]{8}");
            int port = server.address().getPort();
            assertThat(env).hasSize(24);
            assertThat(List.of(env).subList(0, 21)).containsExactly(
                    "agi_network: yes",
                    "agi_network_script: callback?id=" + CALLBACK_ID,
                    "agi_request: agi://127.0.0.1:" + port + "/callback?id=" + CALLBACK_ID,
                    "agi_channel: " + channel,
                    "agi_language: en",
                    "agi_type: PJSIP",
                    "agi_uniqueid: " + response.get("Uniqueid"),
                    "agi_version: 22.10.1",
                    "agi_callerid: 3230",
                    "agi_calleridname: Rappel",
                    "agi_callingpres: 0",
                    "agi_callingani2: 0",
                    "agi_callington: 0",
                    "agi_callingtns: 0",
                    "agi_dnid: unknown",
                    "agi_rdnis: unknown",
                    "agi_context: rappel-callback",
                    "agi_extension: s",
                    "agi_priority: 2",
                    "agi_enhanced: 0.0",
                    "agi_accountcode: ");
            assertThat(env[21]).matches("agi_threadid: [0-9]+");
            assertThat(env[22]).isEmpty();
            assertThat(response).containsEntry("Response", "Success").containsEntry("Reason", "4")
                    .containsEntry("Context", "rappel-callback").containsEntry("Exten", "s")
                    .containsEntry("CallerIDNum", "3230").containsEntry("CallerIDName", "Rappel");

            assertThat(c.command("GET VARIABLE RAPPEL_CALLBACK_ID")).isEqualTo("200 result=1 (" + CALLBACK_ID + ")");
            assertThat(c.command("CHANNEL STATUS")).isEqualTo("200 result=6");
            assertThat(c.command("STREAM FILE rappel/callback-intro \"\"")).startsWith("200 result=0 endpos=");
            assertThat(ami.activeChannels()).isEqualTo(1);
        }
        // The server closed: AGISTATUS SUCCESS, the dialplan goes on to Hangup().
        await().atMost(5, TimeUnit.SECONDS).until(() -> ami.activeChannels() == 0);
        String channel = originateResponse("cb-1").get("Channel");
        assertThat(eventsOf(channel, "Newexten")).extracting(e -> e.get("Priority") + " " + e.get("Application")
                + "(" + e.get("AppData") + ")").containsExactly(
                "1 NoOp(Rappel callback " + CALLBACK_ID + ")",
                "2 AGI(agi://127.0.0.1:" + server.address().getPort() + "/callback?id=" + CALLBACK_ID + ")",
                "3 Hangup()");
        assertThat(eventsOf(channel, "VarSet")).anyMatch(e -> "AGISTATUS".equals(e.get("Variable"))
                && "SUCCESS".equals(e.get("Value")));
        assertThat(eventsOf(channel, "Hangup")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("Cause", "16").containsEntry("Context", "rappel-callback"));

        OriginateRecord record = ami.originateLog().records().get(0);
        assertThat(record.callbackId()).contains(CALLBACK_ID);
        assertThat(record.actionId()).contains("cb-1");
        assertThat(record.dialString()).isEqualTo(CITIZEN);
        assertThat(record.channel()).isEqualTo(channel);
        assertThat(record.outcome()).isEqualTo(OriginateRecord.Outcome.ANSWERED);
        assertThat(record.answeredAt()).isPresent();
        assertThat(record.endedAt()).isPresent();
        assertThat(record.endedAt().get()).isAfterOrEqualTo(record.answeredAt().get());
        assertThat(ami.dialplanErrors()).isEmpty();
    }

    @Test
    void applicationForm_localChannel_asCaptured() throws Exception {
        start(CallbackOrder.AS_CAPTURED);
        String local = "Local/0612345678@exp_citizens";
        ami.setEndpointPolicy(local, AnswerPolicies.answerAndListen(Duration.ZERO));
        int port = server.address().getPort();
        tap.send("Action: Originate", "ActionID: app-1", "Channel: " + local, "Application: AGI",
                "Data: agi://127.0.0.1:" + port + "/callback?id=43", "CallerID: \"Hotline\" <0800123456>",
                "Timeout: 30000", "Async: true", "Variable: CB_ID=43");

        Map<String, String> response = originateResponse("app-1"); // response first for this form, as captured
        assertThat(response).containsEntry("Application", "AGI")
                .containsEntry("Data", "agi://127.0.0.1:" + port + "/callback?id=43");
        try (var c = server.accept()) {
            String env = c.readEnvironment();
            assertThat(env).contains("agi_channel: " + response.get("Channel") + "\n", "agi_type: Local\n",
                    "agi_context: exp_citizens\n", "agi_extension: 0612345678\n", "agi_priority: 1\n",
                    "agi_callerid: 0800123456\n", "agi_calleridname: Hotline\n");
            assertThat(response.get("Channel")).matches("Local/0612345678@exp_citizens-[0-9a-f]{8};1");
            assertThat(c.command("GET VARIABLE CB_ID")).isEqualTo("200 result=1 (43)");
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> ami.activeChannels() == 0);
        assertThat(eventsOf(response.get("Channel"), "Newexten")).isEmpty();
        assertThat(eventsOf(response.get("Channel"), "Hangup")).hasSize(1);
    }

    @Test
    void agiFirst_environmentIsOnTheWireBeforeTheOriginateResponse() throws Exception {
        start(CallbackOrder.AGI_FIRST);
        ami.setEndpointPolicy(CITIZEN, AnswerPolicies.answerAndListen(Duration.ZERO));
        for (int i = 0; i < 5; i++) {
            originate("cb-" + i, CITIZEN, "id-" + i, 30_000);
            // Nobody reads the FastAGI socket until the response came: the environment must be waiting in it.
            originateResponse("cb-" + i);
            try (var c = server.accept()) {
                assertThat(c.available()).as("environment bytes before OriginateResponse").isPositive();
                assertThat(c.readEnvironment()).contains("agi_network_script: callback?id=id-" + i + "\n");
            }
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> ami.activeChannels() == 0);
    }

    @Test
    void responseFirst_bothArriveAndTheCallbackRuns() throws Exception {
        start(CallbackOrder.RESPONSE_FIRST);
        ami.setEndpointPolicy(CITIZEN, AnswerPolicies.answerAndListen(Duration.ZERO));
        originate("cb-r", CITIZEN, CALLBACK_ID, 30_000);
        assertThat(originateResponse("cb-r")).containsEntry("Reason", "4");
        try (var c = server.accept()) {
            assertThat(c.readEnvironment()).contains("agi_network_script: callback?id=" + CALLBACK_ID + "\n");
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> ami.activeChannels() == 0);
    }

    @Test
    void citizenPolicies_giveTheOriginateResponseReasonsAndHangupCauses() throws Exception {
        start(CallbackOrder.AS_CAPTURED);
        ami.setEndpointPolicy("PJSIP/+33600000005@trunk", AnswerPolicies.busy());
        ami.setEndpointPolicy("PJSIP/+33600000003@trunk", AnswerPolicies.noAnswer());
        ami.setEndpointPolicy("PJSIP/+33600000008@trunk", AnswerPolicies.congestion());
        ami.setEndpointPolicy("PJSIP/+33600000000@trunk", AnswerPolicies.failed());
        originate("busy", "PJSIP/+33600000005@trunk", "b", 30_000);
        originate("noanswer", "PJSIP/+33600000003@trunk", "n", 300);
        originate("congestion", "PJSIP/+33600000008@trunk", "c", 30_000);
        originate("failed", "PJSIP/+33600000000@trunk", "f", 30_000);

        assertThat(originateResponse("busy")).containsEntry("Response", "Failure").containsEntry("Reason", "5")
                .containsEntry("Channel", "PJSIP/+33600000005@trunk").containsEntry("Uniqueid", "<unknown>");
        assertThat(originateResponse("noanswer")).containsEntry("Response", "Failure").containsEntry("Reason", "3");
        assertThat(originateResponse("congestion")).containsEntry("Response", "Failure").containsEntry("Reason", "8");
        assertThat(originateResponse("failed")).containsEntry("Response", "Failure").containsEntry("Reason", "0");
        await().atMost(5, TimeUnit.SECONDS).until(() -> ami.activeChannels() == 0);
        assertThat(tap.events(e -> "Hangup".equals(e.get("Event"))).stream().map(e -> e.get("Cause")))
                .contains("17", "19", "34");

        OriginateLog log = ami.originateLog();
        assertThat(log.records()).extracting(OriginateRecord::outcome).containsExactly(
                OriginateRecord.Outcome.BUSY, OriginateRecord.Outcome.NO_ANSWER, OriginateRecord.Outcome.CONGESTION,
                OriginateRecord.Outcome.FAILED);
        assertThat(log.records()).allMatch(OriginateRecord::ended);
        assertThat(log.callbackOrder()).containsExactly("b", "n", "c", "f");
        assertThat(log.doubleDials()).isEmpty();
        assertThat(server.pending()).as("no FastAGI connection for an unanswered callback").isFalse();
    }

    @Test
    void citizenHangsUpDuringTheCallback_agiGetsHangupAndChannelEndsWhenServerCloses() throws Exception {
        start(CallbackOrder.AS_CAPTURED);
        ami.setEndpointPolicy(CITIZEN, AnswerPolicies.answerAfter(Duration.ZERO, Duration.ofMillis(300)));
        originate("cb-h", CITIZEN, CALLBACK_ID, 30_000);
        try (var c = server.accept()) {
            c.readEnvironment();
            assertThat(c.command("WAIT FOR DIGIT 10000000")).isEqualTo("200 result=-1");
            assertThat(c.readLine()).isEqualTo("HANGUP");
            String channel = originateResponse("cb-h").get("Channel");
            assertThat(eventsOf(channel, "Hangup")).as("zombie until the server closes").isEmpty();
            assertThat(c.command("GET VARIABLE RAPPEL_CALLBACK_ID")).isEqualTo("200 result=1 (" + CALLBACK_ID + ")");
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> ami.activeChannels() == 0);
        String channel = originateResponse("cb-h").get("Channel");
        assertThat(eventsOf(channel, "VarSet")).anyMatch(e -> "AGISTATUS".equals(e.get("Variable"))
                && "HANGUP".equals(e.get("Value")));
        assertThat(eventsOf(channel, "Newexten")).extracting(e -> e.get("Application")).containsExactly("NoOp", "AGI");
    }

    @Test
    void citizenKeysIn_whatTheEndpointInputsSay() throws Exception {
        start(CallbackOrder.AS_CAPTURED);
        ami.setEndpointPolicy(CITIZEN, AnswerPolicies.answerAndListen(Duration.ZERO));
        ami.setEndpointInputs(CITIZEN, CallerInput.keys("1"));
        originate("cb-k", CITIZEN, CALLBACK_ID, 30_000);
        try (var c = server.accept()) {
            c.readEnvironment();
            assertThat(c.command("GET DATA rappel/callback-intro 3000 1")).isEqualTo("200 result=1");
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> ami.activeChannels() == 0);
    }

    @Test
    void agentFirst_dialToTheCitizenGetsTheirDialStatus() throws Exception {
        start(CallbackOrder.AS_CAPTURED);
        ami.setEndpointPolicy("PJSIP/agent101", AnswerPolicies.answerAndListen(Duration.ZERO));
        Map<String, org.rappel.sim.ami.AnswerPolicy> citizens = Map.of(
                "PJSIP/+33600000004@trunk", AnswerPolicies.answerAfter(Duration.ofSeconds(2), Duration.ofSeconds(5)),
                "PJSIP/+33600000005@trunk", AnswerPolicies.busy(),
                "PJSIP/+33600000003@trunk", AnswerPolicies.noAnswer(),
                "PJSIP/+33600000008@trunk", AnswerPolicies.congestion(),
                "PJSIP/+33600000000@trunk", AnswerPolicies.failed());
        citizens.forEach(ami::setEndpointPolicy);
        Map<String, String> expected = Map.of("PJSIP/+33600000004@trunk", "ANSWER",
                "PJSIP/+33600000005@trunk", "BUSY", "PJSIP/+33600000003@trunk", "NOANSWER",
                "PJSIP/+33600000008@trunk", "CONGESTION", "PJSIP/+33600000000@trunk", "CHANUNAVAIL");
        int n = 0;
        for (Map.Entry<String, String> e : expected.entrySet()) {
            originate("af-" + n, "PJSIP/agent101", "af-" + n, 30_000);
            try (var c = server.accept()) {
                String env = c.readEnvironment();
                assertThat(env).contains("agi_channel: PJSIP/agent101-").contains("agi_type: PJSIP\n");
                String reply = c.command("EXEC Dial " + e.getKey() + ",30");
                assertThat(reply).isEqualTo(e.getValue().equals("ANSWER") ? "200 result=-1" : "200 result=0");
                assertThat(c.command("GET VARIABLE DIALSTATUS")).isEqualTo("200 result=1 (" + e.getValue() + ")");
                if (e.getValue().equals("ANSWER")) {
                    assertThat(c.command("GET VARIABLE DIALEDPEERNAME"))
                            .matches("200 result=1 \\(PJSIP/trunk-[0-9a-f]{8}\\)");
                }
            }
            n++;
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> ami.activeChannels() == 0);
        assertThat(tap.events(e -> "DialEnd".equals(e.get("Event")) && e.containsKey("Channel")
                && e.get("Channel").startsWith("PJSIP/agent101-")).stream().map(e -> e.get("DialStatus")))
                .containsExactlyInAnyOrder("ANSWER", "BUSY", "NOANSWER", "CONGESTION");
        assertThat(ami.originateLog().records()).allMatch(r -> r.outcome() == OriginateRecord.Outcome.ANSWERED);
    }

    @Test
    void serverUnreachable_agistatusFailureAndTheChannelHangsUp() throws Exception {
        start(CallbackOrder.AGI_FIRST);
        int closedPort;
        try (var gone = new java.net.ServerSocket(0)) {
            closedPort = gone.getLocalPort();
        }
        ami.runDialplan(Dialplan.load(Path.of("asterisk-config/extensions.conf"))
                .withGlobal("RAPPEL_AGI", "127.0.0.1:" + closedPort), agi, CallbackOrder.AGI_FIRST);
        ami.setEndpointPolicy(CITIZEN, AnswerPolicies.answerAndListen(Duration.ZERO));
        originate("cb-u", CITIZEN, CALLBACK_ID, 30_000);

        assertThat(originateResponse("cb-u")).containsEntry("Response", "Success").containsEntry("Reason", "4");
        await().atMost(5, TimeUnit.SECONDS).until(() -> ami.activeChannels() == 0);
        String channel = originateResponse("cb-u").get("Channel");
        assertThat(eventsOf(channel, "VarSet")).anyMatch(e -> "AGISTATUS".equals(e.get("Variable"))
                && "FAILURE".equals(e.get("Value")));
        assertThat(eventsOf(channel, "Newexten")).extracting(e -> e.get("Application"))
                .containsExactly("NoOp", "AGI", "Hangup");
    }

    @Test
    void applicationNotSimulated_isAnErrorAndTheChannelHangsUp() throws Exception {
        start(CallbackOrder.AS_CAPTURED);
        Dialplan odd = Dialplan.parse("""
                [rappel-callback]
                exten => s,1,NoOp()
                 same => n,ConfBridge(1234)
                 same => n,Hangup()
                """, "odd.conf");
        assertThatThrownBy(() -> odd.requireSimulated("rappel-callback"))
                .hasMessageStartingWith("odd.conf:3: application ConfBridge");
        ami.runDialplan(odd, agi, CallbackOrder.AS_CAPTURED);
        ami.setEndpointPolicy(CITIZEN, AnswerPolicies.answerAndListen(Duration.ZERO));
        originate("cb-x", CITIZEN, CALLBACK_ID, 30_000);

        assertThat(originateResponse("cb-x")).containsEntry("Reason", "4");
        await().atMost(5, TimeUnit.SECONDS).until(() -> ami.activeChannels() == 0);
        assertThat(ami.dialplanErrors()).singleElement().asString().contains("odd.conf:3")
                .contains("ConfBridge is not simulated");
    }

    @Test
    void originateLog_flagsACallbackDialledWhileItsPreviousCallWasUpOrAfterItWasAnswered() throws Exception {
        start(CallbackOrder.AS_CAPTURED);
        ami.setEndpointPolicy(CITIZEN, AnswerPolicies.noAnswer());
        originate("a1", CITIZEN, "twice", 60_000);
        originate("a2", CITIZEN, "twice", 60_000);
        await().atMost(5, TimeUnit.SECONDS).until(() -> ami.originateLog().records().size() == 2);
        assertThat(ami.originateLog().doubleDials()).singleElement().asString().contains("while #0 was still up");
        assertThat(ami.originateLog().inProgress()).hasSize(2);

        ami.setEndpointPolicy("PJSIP/+33699999999@trunk", AnswerPolicies.answerAfter(Duration.ZERO,
                Duration.ofMillis(50)));
        originate("b1", "PJSIP/+33699999999@trunk", "again", 60_000);
        try (var c = server.accept()) {
            c.readEnvironment();
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> ami.originateLog().forCallback("again").get(0).ended());
        originate("b2", "PJSIP/+33699999999@trunk", "again", 60_000);
        try (var c = server.accept()) {
            c.readEnvironment();
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> ami.originateLog().records().size() == 4);
        assertThat(ami.originateLog().doubleDials()).hasSize(2)
                .anyMatch(p -> p.contains("callback again") && p.contains("after #2 was answered"));
        assertThat(ami.originateLog().callbackOrder()).containsExactly("twice", "again");
    }
}
