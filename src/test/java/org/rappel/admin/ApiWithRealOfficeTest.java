package org.rappel.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rappel.ami.AmiConnection;
import org.rappel.ami.AmiSettings;
import org.rappel.callback.CallbackDialer;
import org.rappel.callback.CallbackMode;
import org.rappel.callback.CallbackNotifier;
import org.rappel.callback.CallbackNumberPolicy;
import org.rappel.callback.CallbackOffice;
import org.rappel.callback.CallbackRateLimiter;
import org.rappel.callback.CallingHours;
import org.rappel.callback.DialerSettings;
import org.rappel.callback.NumberingPlanSettings;
import org.rappel.callback.OfficeSettings;
import org.rappel.callback.RateLimitSettings;
import org.rappel.callback.ServiceCallbacks;
import org.rappel.estimate.EstimatorChoice;
import org.rappel.estimate.WaitTimeEstimation;
import org.rappel.estimate.WaitTimeEstimators;
import org.rappel.flow.QueueDesk;
import org.rappel.net.Transports;
import org.rappel.queue.AgentConfig;
import org.rappel.queue.ServiceConfig;
import org.rappel.sim.ami.AmiSimulator;
import org.rappel.store.CallbackState;
import org.rappel.store.CallbackStore;
import org.rappel.store.CallbackStores;
import org.rappel.store.NodeId;
import org.rappel.store.SqliteSettings;
import org.rappel.store.TestClock;

/**
 * The API against the real callback office, as RappelServer wires them: a SQLite store, the queue desk and contact
 * center, the dialer over loopback to the AMI simulator (no agent is logged in, so nothing is dialled). Service {@code impots} is
 * open on weekdays 09:00-17:00 in Paris, slots of 30 minutes for one callback each.
 */
class ApiWithRealOfficeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "office-test-portal-token";
    private static final String SUPERVISOR = "office-test-supervisor-token";
    /** Wednesday 25 November 2026, 10:00 in Paris. */
    private static final Instant WEDNESDAY_10H = Instant.parse("2026-11-25T09:00:00Z");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @TempDir
    Path dataDir;

    private final TestClock clock = new TestClock(WEDNESDAY_10H);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ExecutorService storeWorker = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService officeThread = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService queueThread = Executors.newSingleThreadScheduledExecutor();
    private final HttpClient client = HttpClient.newHttpClient();
    private final EventLoopGroup amiGroup = Transports.newEventLoopGroup(1, "api-office-ami");
    private CallbackStore store;
    private AmiSimulator sim;
    private AmiConnection ami;
    private QueueDesk desk;
    private CallbackOffice office;
    private AdminHttpServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        store = CallbackStores.openSqlite(SqliteSettings.defaults(dataDir), clock, registry);
        WaitTimeEstimation estimation = new WaitTimeEstimation(WaitTimeEstimators.all(),
                new EstimatorChoice(EstimatorChoice.DEFAULT_ESTIMATOR, Map.of()), registry);
        desk = QueueDesk.open(List.of(ServiceConfig.of("impots")),
                List.of(new AgentConfig("agent101", "PJSIP/agent101", Map.of("impots", 1), Duration.ZERO)),
                List.of(), queueThread, clock, registry, estimation);
        CallingHours hours = CallingHours.weekdays(PARIS, LocalTime.of(9, 0), LocalTime.of(17, 0));
        sim = AmiSimulator.start(AmiSimulator.Options.defaults().withCredentials("rappel", "api-secret"));
        ami = new AmiConnection(new AmiSettings("127.0.0.1", sim.port(), "rappel", "api-secret", Duration.ofSeconds(30),
                Duration.ofSeconds(2), Duration.ofMillis(20), Duration.ofMillis(200)), amiGroup, registry);
        ami.start();
        await().atMost(Duration.ofSeconds(10)).until(ami::isReady);
        CallbackDialer dialer = new CallbackDialer(store, ami, clock, new NodeId("node-a"),
                DialerSettings.defaults("PJSIP/{number}@trunk", "\"Impots\" <0140000000>"), storeWorker, registry);
        office = new CallbackOffice(store, desk, new CallbackNumberPolicy(NumberingPlanSettings.france(), registry),
                new CallbackRateLimiter(RateLimitSettings.defaults(), clock, registry), Optional.of(dialer),
                List.of(new ServiceCallbacks("impots", CallbackMode.CUSTOMER_FIRST, Duration.ofMinutes(5), hours,
                        Duration.ofMinutes(30), 1)),
                CallbackNotifier.none(), new OfficeSettings(Duration.ofMinutes(10), 30, Duration.ofSeconds(30)),
                clock, new NodeId("node-a"), officeThread, storeWorker, registry);
        office.start().get(10, TimeUnit.SECONDS);
        ApiSettings settings = new ApiSettings(List.of(ApiToken.ofSecret("portal", ApiRole.PORTAL, TOKEN),
                ApiToken.ofSecret("chef", ApiRole.SUPERVISOR, SUPERVISOR)), ApiSettings.DEFAULT_MAX_BODY_BYTES);
        server = new AdminHttpServer(new HttpSettings("127.0.0.1", 0, 1 << 16),
                ApiRoutes.create(settings, desk.center(), office, registry, clock), registry);
        port = server.start().getPort();
    }

    @AfterEach
    void stop() {
        server.close();
        office.close();
        ami.closeAsync().orTimeout(5, TimeUnit.SECONDS).join();
        sim.close();
        amiGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        desk.close();
        officeThread.shutdownNow();
        queueThread.shutdownNow();
        storeWorker.shutdownNow();
        store.close();
    }

    private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void webCallback_isStored_joinsTheLine_andCanBeCancelled() throws Exception {
        HttpResponse<String> created = send("POST", "/api/callbacks", TOKEN,
                "{\"service\":\"impots\",\"number\":\"06 12 34 56 78\",\"requestedBy\":\"session-1\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        UUID id = UUID.fromString(json(created).get("id").asText());
        assertThat(store.find(id)).hasValueSatisfying(c -> assertThat(c.state()).isEqualTo(CallbackState.PENDING));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(send("GET", "/api/queues", SUPERVISOR,
                null).body()).contains("\"kind\":\"callback\""));
        assertThat(json(send("GET", "/api/callbacks/" + id, TOKEN, null)).get("number").asText())
                .isEqualTo("+336****5678");

        HttpResponse<String> cancelled = send("DELETE", "/api/callbacks/" + id, TOKEN, null);

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(json(cancelled).get("state").asText()).isEqualTo("cancelled");
        assertThat(send("DELETE", "/api/callbacks/" + id, TOKEN, null).statusCode()).isEqualTo(404);
    }

    @Test
    void slots_outsideHoursAndFull_areRefusedWithTheirCodes() throws Exception {
        JsonNode slots = json(send("GET", "/api/services/impots/slots?from=2026-11-26&days=1", TOKEN, null));
        assertThat(slots.get("slots")).hasSize(16); // 09:00-17:00 in slots of 30 minutes
        String first = slots.get("slots").get(0).get("start").asText();
        assertThat(first).isEqualTo("2026-11-26T08:00:00Z");

        HttpResponse<String> evening = send("POST", "/api/callbacks", TOKEN,
                "{\"service\":\"impots\",\"number\":\"0612345678\",\"slot\":\"2026-11-26T21:00:00+01:00\"}");
        HttpResponse<String> booked = send("POST", "/api/callbacks", TOKEN,
                "{\"service\":\"impots\",\"number\":\"0612345678\",\"slot\":\"" + first + "\"}");
        HttpResponse<String> full = send("POST", "/api/callbacks", TOKEN,
                "{\"service\":\"impots\",\"number\":\"0612345679\",\"slot\":\"" + first + "\"}");
        HttpResponse<String> unknown = send("POST", "/api/callbacks", TOKEN,
                "{\"service\":\"douane\",\"number\":\"0612345679\"}");
        HttpResponse<String> premium = send("POST", "/api/callbacks", TOKEN,
                "{\"service\":\"impots\",\"number\":\"0899123456\"}");

        assertThat(evening.statusCode()).as(evening.body()).isEqualTo(422);
        assertThat(json(evening).get("error").get("code").asText()).isEqualTo("slot_outside_hours");
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        assertThat(json(booked).get("scheduledFor").asText()).isEqualTo(first);
        assertThat(full.statusCode()).as(full.body()).isEqualTo(409);
        assertThat(json(full).get("error").get("code").asText()).isEqualTo("slot_full");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(premium.statusCode()).isEqualTo(422);
        assertThat(json(premium).get("error").get("numberReason").asText()).isEqualTo("premium_rate");
        assertThat(send("GET", "/api/services/douane/slots", TOKEN, null).statusCode()).isEqualTo(404);
    }
}
