package org.rappel.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rappel.admin.ApiTestServer.ADMIN;
import static org.rappel.admin.ApiTestServer.AGENT_A1;
import static org.rappel.admin.ApiTestServer.PORTAL;
import static org.rappel.admin.ApiTestServer.SUPERVISOR;
import static org.rappel.admin.ApiTestServer.VIEWER;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ApiAuthTest {
    private ApiTestServer api;

    @BeforeEach
    void start() throws InterruptedException {
        api = new ApiTestServer();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void missingToken_is401WithBearerChallenge() throws Exception {
        HttpResponse<String> response = api.get("/api/queues", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("www-authenticate")).hasValue("Bearer realm=\"rappel\"");
        assertThat(response.body()).contains("\"code\":\"unauthorized\"");
        assertThat(api.scrape()).contains("rappel_api_auth_failures_total{reason=\"missing\"} 1.0");
    }

    @Test
    void unknownToken_is401InvalidToken() throws Exception {
        HttpResponse<String> response = api.get("/api/queues", "not-a-token-of-ours");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("www-authenticate"))
                .hasValue("Bearer realm=\"rappel\", error=\"invalid_token\"");
        assertThat(api.scrape()).contains("rappel_api_auth_failures_total{reason=\"unknown\"} 1.0");
    }

    @Test
    void basicAuthOrOtherScheme_is401Malformed() throws Exception {
        HttpResponse<String> response = api.send("GET", "/api/queues", null, null, null);
        assertThat(response.statusCode()).isEqualTo(401);

        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(api.uri("/api/queues"))
                .header("Authorization", "Basic YWRtaW46YWRtaW4=").build();
        HttpResponse<String> basic = java.net.http.HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(api.scrape()).contains("rappel_api_auth_failures_total{reason=\"malformed\"} 1.0");
    }

    @Test
    void aTokenDifferingOnlyInItsLastCharacter_isRefused() throws Exception {
        String almost = ADMIN.substring(0, ADMIN.length() - 1) + "x";

        assertThat(api.get("/api/queues", almost).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/queues", ADMIN + " ").statusCode()).isEqualTo(200); // trailing space trimmed
        assertThat(api.get("/api/queues", "x".repeat(600)).statusCode()).isEqualTo(401);
    }

    @Test
    void healthAndMetrics_stayOpen() throws Exception {
        assertThat(api.get("/health", null).statusCode()).isEqualTo(200);
        assertThat(api.get("/metrics", null).statusCode()).isEqualTo(200);
    }

    /** Every endpoint against every role: exactly the roles of the table in {@link ApiRoutes} get in. */
    @Test
    void eachRole_getsExactlyItsEndpoints() throws Exception {
        String cb = "/api/callbacks/3f1c1d9e-8d4b-4c53-9a59-1c2b9d1e0a77";
        Map<String, List<String>> allowed = new LinkedHashMap<>();
        allowed.put("GET /api/queues", List.of(VIEWER, SUPERVISOR, ADMIN));
        allowed.put("GET /api/agents", List.of(VIEWER, SUPERVISOR, ADMIN));
        allowed.put("GET /api/agents/a1", List.of(VIEWER, AGENT_A1, SUPERVISOR, ADMIN));
        allowed.put("POST /api/agents/a1/login", List.of(AGENT_A1, SUPERVISOR, ADMIN));
        allowed.put("POST /api/agents/a1/logout", List.of(AGENT_A1, SUPERVISOR, ADMIN));
        allowed.put("POST /api/agents/a2/login", List.of(SUPERVISOR, ADMIN)); // not the agent's own
        allowed.put("GET /api/services/prestations/slots", List.of(VIEWER, PORTAL, SUPERVISOR, ADMIN));
        allowed.put("GET " + cb, List.of(VIEWER, PORTAL, SUPERVISOR, ADMIN));
        allowed.put("DELETE " + cb, List.of(PORTAL, SUPERVISOR, ADMIN));
        List<String> tokens = List.of(VIEWER, PORTAL, AGENT_A1, SUPERVISOR, ADMIN);
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : allowed.entrySet()) {
            String[] parts = entry.getKey().split(" ");
            for (String token : tokens) {
                int status = api.send(parts[0], parts[1], token, null, null).statusCode();
                boolean letIn = status != 401 && status != 403;
                if (letIn != entry.getValue().contains(token)) {
                    wrong.add(entry.getKey() + " with " + token + " -> " + status);
                }
            }
        }
        String body = "{\"service\":\"prestations\",\"number\":\"0612345678\"}";
        for (String token : tokens) {
            int status = api.post("/api/callbacks", token, body).statusCode();
            boolean letIn = status != 401 && status != 403;
            if (letIn != List.of(PORTAL, SUPERVISOR, ADMIN).contains(token)) {
                wrong.add("POST /api/callbacks with " + token + " -> " + status);
            }
        }

        assertThat(wrong).isEmpty();
        assertThat(api.scrape()).containsPattern("rappel_api_auth_failures_total\\{reason=\"forbidden\"} [1-9]");
    }

    @Test
    void forbidden_is403Json() throws Exception {
        HttpResponse<String> response = api.post("/api/agents/a2/pause", AGENT_A1, "{\"reason\":\"lunch\"}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":\"forbidden\"").contains("its own agent");
        assertThat(api.get("/api/agents/a1", PORTAL).statusCode()).isEqualTo(403);
    }

    @Test
    void noTokenConfigured_everyApiRequestIs401() throws Exception {
        api.close();
        api = new ApiTestServer(ApiSettings.defaults(), 1 << 20);

        assertThat(api.get("/api/queues", ADMIN).statusCode()).isEqualTo(401);
        assertThat(api.get("/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void tokens_neverReachTheLogs_atAnyLevel() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger("org.rappel");
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.ALL);
        try {
            api.close();
            api = new ApiTestServer(); // start-up logs the token names
            api.get("/api/queues", ADMIN);
            api.get("/api/queues", "wrong-" + SUPERVISOR);
            api.post("/api/agents/a2/pause", AGENT_A1, "{\"reason\":\"lunch\"}");
            api.post("/api/callbacks", PORTAL, "{\"service\":\"prestations\",\"number\":\"0612345678\"}");
            api.post("/api/callbacks", PORTAL, "{broken");
            api.get("/api/nope", VIEWER);
        } finally {
            root.detachAppender(appender);
            root.setLevel(before);
        }
        List<String> lines;
        synchronized (appender.list) {
            lines = appender.list.stream().map(e -> e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())).toList();
        }
        assertThat(lines).isNotEmpty();
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("supervisor (supervisor)"));
        for (String secret : List.of(VIEWER, PORTAL, AGENT_A1, SUPERVISOR, ADMIN)) {
            assertThat(lines).noneSatisfy(line -> assertThat(line).contains(secret));
        }
    }

    @Test
    void authenticator_comparesHashesOfEveryToken() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ApiAuthenticator auth = new ApiAuthenticator(ApiTestServer.settings().tokens(), registry);
        HttpHeaders headers = new DefaultHttpHeaders().set("Authorization", "bearer " + AGENT_A1);

        ApiAuthenticator.Outcome outcome = auth.authenticate(headers);

        assertThat(outcome).isInstanceOfSatisfying(ApiAuthenticator.Known.class, known -> {
            assertThat(known.caller().name()).isEqualTo("agent-a1");
            assertThat(known.caller().agent()).hasValue("a1");
        });
    }

    /**
     * A timing test would be flaky, so this guards the code instead: the comparison must stay the JDK's
     * constant-time {@code MessageDigest.isEqual} over hashes, not {@code equals} over the token.
     */
    @Test
    void authenticator_usesConstantTimeComparison() throws Exception {
        String source = Files.readString(Path.of("src/main/java/org/rappel/admin/ApiAuthenticator.java"));

        assertThat(source).contains("MessageDigest.isEqual(entry.sha256(), presented)");
        assertThat(source).doesNotContain("token.equals(").doesNotContain("Arrays.equals(");
    }
}
