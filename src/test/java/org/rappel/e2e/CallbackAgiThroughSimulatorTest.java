package org.rappel.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rappel.agi.AgiCommand;
import org.rappel.agi.AgiReply;
import org.rappel.agi.AgiRequest;
import org.rappel.agi.AgiScript;
import org.rappel.agi.AgiServerSettings;
import org.rappel.agi.FastAgiServer;
import org.rappel.sim.agi.AgiSimulator;
import org.rappel.sim.agi.SimulatorSettings;
import org.rappel.sim.ami.AmiEventTap;
import org.rappel.sim.ami.AmiSimulator;
import org.rappel.sim.ami.AnswerPolicies;
import org.rappel.sim.ami.CallbackOrder;
import org.rappel.sim.ami.OriginateRecord;
import org.rappel.sim.dialplan.Dialplan;

/**
 * Rappel's real FastAGI server receives the callback connection the simulated Asterisk opens when an Originate
 * into the shipped {@code rappel-callback} context is answered, decodes its environment, and drives the returned
 * call with a small script written here (the integrator's callback script does more): read the id, play a
 * message, connect an agent with {@code EXEC Dial}, read DIALSTATUS, close.
 */
class CallbackAgiThroughSimulatorTest {

    private static final String CITIZEN = "PJSIP/+33612345678@trunk";

    private final List<AgiRequest> requests = new CopyOnWriteArrayList<>();
    private final List<String> results = new CopyOnWriteArrayList<>();
    private FastAgiServer server;
    private AgiSimulator agi;
    private AmiSimulator ami;
    private AmiEventTap tap;

    /**
     * Customer-first, reduced: the id from GET VARIABLE, a message, the agent, the Dial's status; the server closes
     * when the stage completes.
     */
    private final AgiScript callback = session -> {
        requests.add(session.request());
        return session.send(AgiCommand.getVariable("RAPPEL_CALLBACK_ID"))
                .thenCompose(id -> {
                    results.add("id=" + ((AgiReply.Success) id).data().orElse(""));
                    return session.send(AgiCommand.streamFile("rappel/callback-intro", ""));
                })
                .thenCompose(r -> session.send(AgiCommand.exec("Dial", "PJSIP/agent101,30,m")))
                .thenCompose(r -> session.send(AgiCommand.getVariable("DIALSTATUS")))
                .thenAccept(status -> results.add("dial=" + ((AgiReply.Success) status).data().orElse("")));
    };

    @BeforeEach
    void start() throws Exception {
        AgiServerSettings defaults = AgiServerSettings.defaults();
        AgiServerSettings settings = new AgiServerSettings("127.0.0.1", 0, defaults.allowedNetworks(),
                defaults.maxLineLength(), defaults.maxEnvironmentLines(), defaults.environmentTimeout(),
                defaults.hangupCloseDelay(), Duration.ofSeconds(2));
        server = new FastAgiServer(settings, request -> request.script().equals("callback")
                ? Optional.of(callback) : Optional.empty(), new SimpleMeterRegistry());
        InetSocketAddress address = server.start();
        agi = new AgiSimulator(SimulatorSettings.defaults().withTimeScale(0.01));
        ami = AmiSimulator.start(AmiSimulator.Options.defaults().withCredentials("rappel", "secret"));
        ami.runDialplan(Dialplan.load(Path.of("asterisk-config/extensions.conf"))
                .withGlobal("RAPPEL_AGI", "127.0.0.1:" + address.getPort()), agi, CallbackOrder.AGI_FIRST);
        tap = new AmiEventTap(ami.port(), "rappel", "secret");
        await().atMost(5, TimeUnit.SECONDS).until(tap::loggedIn);
    }

    @AfterEach
    void stop() throws Exception {
        tap.close();
        agi.close();
        ami.close();
        server.close();
    }

    @Test
    void customerFirst_rappelDecodesTheCallbackConnectionAndConnectsTheAgent() throws Exception {
        ami.setEndpointPolicy(CITIZEN, AnswerPolicies.answerAndListen(Duration.ofMillis(10)));
        ami.setEndpointPolicy("PJSIP/agent101", AnswerPolicies.answerAfter(Duration.ofSeconds(3),
                Duration.ofSeconds(60)));
        tap.send("Action: Originate", "ActionID: cb-44", "Channel: " + CITIZEN, "Context: rappel-callback",
                "Exten: s", "Priority: 1", "CallerID: \"Rappel\" <3230>", "Timeout: 30000", "Async: true",
                "Variable: RAPPEL_CALLBACK_ID=44");

        await().atMost(10, TimeUnit.SECONDS).until(() -> ami.originateLog().records().size() == 1
                && ami.originateLog().records().get(0).ended());
        assertThat(results).containsExactly("id=44", "dial=ANSWER");
        AgiRequest request = requests.get(0);
        assertThat(request.script()).isEqualTo("callback");
        assertThat(request.query()).isEqualTo(Map.of("id", "44"));
        assertThat(request.channel()).matches("PJSIP/trunk-[0-9a-f]{8}");
        assertThat(request.callerId()).contains("3230");
        assertThat(request.callerIdName()).contains("Rappel");
        assertThat(request.context()).isEqualTo("rappel-callback");
        assertThat(request.extension()).isEqualTo("s");
        assertThat(request.priority()).isEqualTo(2);
        OriginateRecord record = ami.originateLog().records().get(0);
        assertThat(record.channel()).isEqualTo(request.channel());
        assertThat(record.outcome()).isEqualTo(OriginateRecord.Outcome.ANSWERED);
        assertThat(tap.events(e -> "OriginateResponse".equals(e.get("Event")))).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("Uniqueid", request.uniqueId()));
        assertThat(tap.events(e -> "DialEnd".equals(e.get("Event")) && request.channel().equals(e.get("Channel"))))
                .singleElement().satisfies(e -> assertThat(e).containsEntry("DialStatus", "ANSWER"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> server.activeSessions() == 0 && ami.activeChannels() == 0);
    }
}
