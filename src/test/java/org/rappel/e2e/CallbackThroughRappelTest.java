package org.rappel.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rappel.RappelServer;
import org.rappel.config.RappelConfig;
import org.rappel.queue.AgentState;
import org.rappel.sim.agi.AgiSimulator;
import org.rappel.sim.agi.CallTranscript;
import org.rappel.sim.agi.CallerInput;
import org.rappel.sim.agi.CallerScript;
import org.rappel.sim.agi.SimulatorSettings;
import org.rappel.sim.ami.AmiSimulator;
import org.rappel.sim.ami.AnswerPolicies;
import org.rappel.sim.ami.CallbackOrder;
import org.rappel.sim.ami.OriginateLog;
import org.rappel.sim.dialplan.Dialplan;
import org.rappel.store.AttemptOutcome;
import org.rappel.store.CallbackAttempt;
import org.rappel.store.CallbackRequest;
import org.rappel.store.CallbackState;

/**
 * Callbacks end to end, as a citizen and a supervisor live them: the real server (its own wiring, config file,
 * SQLite store in a temporary folder, REST API), the simulated Asterisk calling in over FastAGI and answering
 * Originates over AMI by running the shipped {@code rappel-callback} dialplan, which opens the callback's FastAGI
 * connection back to Rappel. No agent is logged in while the citizens call, so the wait cannot be estimated and
 * each caller is offered a callback on entry.
 */
class CallbackThroughRappelTest {
    private static final String SECRET = "e2e-ami-secret";
    private static final String TOKEN = "e2e-admin-token-0123456789";

    @TempDir
    Path dir;

    private AmiSimulator ami;
    private AgiSimulator agi;
    private RappelServer rappel;
    private HttpServer gateway;
    /** The webhook's POSTs as the SMS gateway receives them: the X-Rappel-Event header of each. */
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            notices.add(exchange.getRequestHeaders().getFirst("X-Rappel-Event"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        gateway.start();
        ami = AmiSimulator.start(AmiSimulator.Options.defaults().withCredentials("rappel", SECRET));
        agi = new AgiSimulator(SimulatorSettings.defaults().withTimeScale(0.02));
        Path config = dir.resolve("rappel.yaml");
        Files.writeString(config, """
                node-id: e2e
                callback:
                  calling-hours: always
                  ring-timeout: 5s
                  max-attempts: 2
                  retry-backoff: 1s
                  rescan-every: 200ms
                  webhook:
                    url: http://127.0.0.1:%d/hook
                services:
                  prestations:
                    opening-hours: always
                agents:
                  agent101:
                    dial-string: PJSIP/agent101
                    skills: {prestations: 1}
                    wrap-up: 0s
                    logged-in: false
                """.formatted(gateway.getAddress().getPort()));
        Map<String, String> env = new HashMap<>(Map.of("RAPPEL_AGI_PORT", "0", "RAPPEL_HTTP_PORT", "0",
                "RAPPEL_AGI_BIND", "127.0.0.1", "RAPPEL_HTTP_BIND", "127.0.0.1",
                "RAPPEL_STORE_DATA_DIR", dir.resolve("data").toString(),
                "RAPPEL_AMI_PORT", Integer.toString(ami.port()), "RAPPEL_AMI_SECRET", SECRET,
                "RAPPEL_API_TOKEN", TOKEN));
        env.put("RAPPEL_WEBHOOK_SECRET", "e2e-webhook-secret-0123456789");
        rappel = new RappelServer(RappelConfig.load(Optional.of(config), env)).start();
        ami.runDialplan(Dialplan.load(Path.of("asterisk-config/extensions.conf"))
                .withGlobal("RAPPEL_AGI", "127.0.0.1:" + rappel.agiAddress().getPort()), agi, CallbackOrder.MIXED);
        ami.setOriginateTimeScale(0.02);
        ami.setEndpointPolicy("PJSIP/agent101", AnswerPolicies.answerAfter(Duration.ofMillis(200),
                Duration.ofMillis(300)));
        await().atMost(10, TimeUnit.SECONDS).until(this::amiReady);
    }

    private boolean amiReady() {
        return health().contains("\"ami\":\"connected\"");
    }

    @AfterEach
    void stop() {
        if (rappel != null) {
            rappel.close();
        }
        if (agi != null) {
            agi.close();
        }
        if (ami != null) {
            ami.close();
        }
        if (gateway != null) {
            gateway.stop(0);
        }
    }

    private String health() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rappel.httpAddress().getPort()
                    + "/health")).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    /** A citizen calls the hotline, chooses French and family benefits, accepts the offer and confirms. */
    private CallTranscript callAndAskForCallback(String callerId) throws Exception {
        CallerScript script = CallerScript.builder().script("hotline").language("fr").callerId(callerId)
                .inputs(CallerInput.keys("1"), CallerInput.keys("1"), CallerInput.keys("1"), CallerInput.keys("1"))
                .build();
        CallTranscript transcript = agi.call(rappel.agiAddress(), script).get(60, TimeUnit.SECONDS);
        assertThat(transcript.soundNames()).as("call from %s", callerId)
                .containsSubsequence("rappel/callback-offer", "rappel/callback-confirmed", "rappel/goodbye");
        return transcript;
    }

    private UUID requestFromTheWeb(String number) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + rappel.httpAddress().getPort() + "/api/callbacks"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"service\": \"prestations\", \"number\": \"" + number + "\", \"language\": \"fr\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String id = response.body().replaceAll(".*\"id\"\\s*:\\s*\"([0-9a-f-]{36})\".*", "$1");
        return UUID.fromString(id);
    }

    private CallbackRequest stored(String e164) {
        List<CallbackRequest> active = rappel.callbackOffice().activeFor(e164).join();
        assertThat(active).as("active callbacks of %s", e164).singleElement();
        return active.get(0);
    }

    private CallbackState state(UUID id) {
        return rappel.callbackOffice().find(id).join().orElseThrow().state();
    }

    @Test
    void phoneAndWebCallbacks_areCalledBackWhenAnAgentFreesUp_inTheOrderTheyAsked() throws Exception {
        callAndAskForCallback("0612345601");
        UUID first = stored("+33612345601").id();
        UUID web = requestFromTheWeb("06 12 34 56 02");
        callAndAskForCallback("0612345603");
        UUID third = stored("+33612345603").id();
        assertThat(ami.originateLog().records()).as("nobody is called back before an agent is free").isEmpty();

        rappel.contactCenter().login("agent101").join();

        await().atMost(60, TimeUnit.SECONDS).until(() -> state(first) == CallbackState.DONE
                && state(web) == CallbackState.DONE && state(third) == CallbackState.DONE);
        OriginateLog log = ami.originateLog();
        assertThat(log.callbackOrder()).containsExactly(first.toString(), web.toString(), third.toString());
        assertThat(log.doubleDials()).isEmpty();
        assertThat(ami.dialplanErrors()).isEmpty();
        await().atMost(30, TimeUnit.SECONDS).until(() ->
                rappel.contactCenter().agent("agent101").join().state() == AgentState.AVAILABLE);
        for (UUID id : List.of(first, web, third)) {
            assertThat(rappel.callbackOffice().attempts(id).join()).extracting(CallbackAttempt::outcome)
                    .containsExactly(AttemptOutcome.ANSWERED);
        }
        // The served callbacks were scored: every panel of the shipped dashboards has its metric by now.
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(this::dashboardsUseOnlyExposedMetrics);
    }

    @Test
    void unansweredCallback_isRetriedThenFailed_andTheAgentIsNotPaused() throws Exception {
        ami.setEndpointPolicy("PJSIP/+33612345609@trunk", AnswerPolicies.noAnswer());
        callAndAskForCallback("0612345609");
        UUID id = stored("+33612345609").id();

        rappel.contactCenter().login("agent101").join();

        await().atMost(60, TimeUnit.SECONDS).until(() -> state(id) == CallbackState.FAILED);
        assertThat(rappel.callbackOffice().attempts(id).join()).extracting(CallbackAttempt::outcome)
                .containsExactly(AttemptOutcome.NO_ANSWER, AttemptOutcome.NO_ANSWER);
        assertThat(ami.originateLog().forCallback(id.toString())).hasSize(2);
        assertThat(ami.originateLog().doubleDials()).isEmpty();
        assertThat(rappel.contactCenter().agent("agent101").join().state()).isEqualTo(AgentState.AVAILABLE);
        await().atMost(10, TimeUnit.SECONDS).until(() -> notices.size() == 3);
        assertThat(notices).containsExactly("confirmed", "attempt_failed", "failed");
    }

    /** Every metric the shipped Grafana dashboards query is one this server exposes (after a day of callbacks). */
    private void dashboardsUseOnlyExposedMetrics() throws Exception {
        String exposed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + rappel.httpAddress().getPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Set<String> families = new TreeSet<>();
        Matcher line = Pattern.compile("(?m)^(rappel_[a-z0-9_]+)").matcher(exposed);
        while (line.find()) {
            families.add(line.group(1));
        }
        List<Path> dashboards;
        try (Stream<Path> files = Files.list(Path.of("grafana"))) {
            dashboards = files.filter(f -> f.toString().endsWith(".json")).toList();
        }
        assertThat(dashboards).hasSizeGreaterThanOrEqualTo(3);
        for (Path dashboard : dashboards) {
            Matcher used = Pattern.compile("rappel_[a-z0-9_]+").matcher(Files.readString(dashboard));
            while (used.find()) {
                String name = used.group();
                assertThat(families).as("%s queries %s", dashboard, name).contains(name);
            }
        }
    }
}
