package org.rappel.admin;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rappel.callback.RateLimitSettings;
import org.rappel.queue.AgentConfig;
import org.rappel.queue.ContactCenter;
import org.rappel.queue.ServiceConfig;
import org.rappel.store.TestClock;

/**
 * The REST API as RappelServer would serve it, on a free port: a real {@link AdminHttpServer} with the health and
 * metrics routes and {@link ApiRoutes}, a real {@link ContactCenter} (services prestations and logement, agents
 * a1 and a2, logged out), and the {@link InMemoryCallbackDesk} as the office. One token per role.
 */
final class ApiTestServer implements AutoCloseable {
    static final String VIEWER = "viewer-token-4f7c1a9e2b";
    static final String PORTAL = "portal-token-8d2e6b1c7a";
    static final String AGENT_A1 = "agent-a1-token-3c9b7e2d1f";
    static final String SUPERVISOR = "supervisor-token-6a1f9c3e8b";
    static final String ADMIN = "admin-token-2e8d4b7c9a1f";
    static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    final TestClock clock = new TestClock(START);
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final ContactCenter center = ContactCenter.withOwnThread(
            List.of(ServiceConfig.of("prestations"), ServiceConfig.of("logement")),
            List.of(new AgentConfig("a1", "PJSIP/agent101", Map.of("prestations", 1), Duration.ZERO),
                    new AgentConfig("a2", "PJSIP/agent102", Map.of("logement", 1), Duration.ZERO)),
            clock, registry);
    /** Slots every day from 08:00 UTC, eight of 30 minutes, two callbacks each. */
    final InMemoryCallbackDesk desk = new InMemoryCallbackDesk(Map.of(
            "prestations", new InMemoryCallbackDesk.SlotPlan(8, 8, Duration.ofMinutes(30), 2),
            "logement", new InMemoryCallbackDesk.SlotPlan(8, 8, Duration.ofMinutes(30), 2)),
            clock, RateLimitSettings.defaults(), registry);
    final AdminHttpServer server;
    final InetSocketAddress address;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiTestServer() throws InterruptedException {
        this(ApiTestServer.settings(), 1 << 20);
    }

    ApiTestServer(ApiSettings settings, int maxRequestBytes) throws InterruptedException {
        List<HttpRoute> routes = new ArrayList<>();
        routes.add(new HealthRoute(() -> new HealthRoute.Health(true, Map.of())));
        routes.add(new MetricsRoute(registry));
        routes.addAll(ApiRoutes.create(settings, center, desk, registry, clock));
        server = new AdminHttpServer(new HttpSettings("127.0.0.1", 0, maxRequestBytes), routes, registry);
        address = server.start();
    }

    static ApiSettings settings() {
        return new ApiSettings(List.of(
                ApiToken.ofSecret("wallboard", ApiRole.VIEWER, VIEWER),
                ApiToken.ofSecret("portal", ApiRole.PORTAL, PORTAL),
                new ApiToken("agent-a1", ApiRole.AGENT, ApiToken.ofSecret("x", ApiRole.ADMIN, AGENT_A1).sha256(),
                        Optional.of("a1")),
                ApiToken.ofSecret("supervisor", ApiRole.SUPERVISOR, SUPERVISOR),
                ApiToken.ofSecret("admin", ApiRole.ADMIN, ADMIN)), 2048);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + address.getPort() + path);
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, token, null, null);
    }

    HttpResponse<String> post(String path, String token, String json) throws Exception {
        return send("POST", path, token, json, json == null ? null : "application/json");
    }

    HttpResponse<String> delete(String path, String token) throws Exception {
        return send("DELETE", path, token, null, null);
    }

    /** Any request: {@code token} and {@code contentType} null for none, {@code body} null for an empty one. */
    HttpResponse<String> send(String method, String path, String token, String body, String contentType)
            throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The Prometheus text, to read a counter. */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        server.close();
        center.close();
        desk.close();
    }
}
