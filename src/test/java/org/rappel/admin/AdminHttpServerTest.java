package org.rappel.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminHttpServerTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final HttpClient client = HttpClient.newHttpClient();
    private AdminHttpServer server;
    private InetSocketAddress address;

    /** Answers when the test says so, as a route waiting for another thread's future does. */
    private final CompletableFuture<FullHttpResponse> slowAnswer = new CompletableFuture<>();
    private final AtomicBoolean fastAsked = new AtomicBoolean();

    private record Route(HttpMethod method, String path, Function<HttpExchange, CompletionStage<FullHttpResponse>> answer)
            implements HttpRoute {
        @Override
        public CompletionStage<FullHttpResponse> handle(HttpExchange exchange) {
            return answer.apply(exchange);
        }
    }

    @BeforeEach
    void start() throws InterruptedException {
        server = new AdminHttpServer(new HttpSettings("127.0.0.1", 0, 4096), List.of(
                new HealthRoute(() -> new HealthRoute.Health(up.get(), Map.of("activeCalls", 3))),
                new MetricsRoute(registry),
                new Route(HttpMethod.GET, "/slow", exchange -> slowAnswer),
                new Route(HttpMethod.GET, "/fast", exchange -> {
                    fastAsked.set(true);
                    return CompletableFuture.completedFuture(HttpResponses.text(HttpResponseStatus.OK, "text/plain",
                            "fast"));
                }),
                new Route(HttpMethod.GET, "/throws", exchange -> {
                    throw new IllegalStateException("bug");
                }),
                new Route(HttpMethod.GET, "/fails/{why}", exchange -> CompletableFuture.failedFuture(
                        new IllegalStateException(exchange.pathParam("why"))))));
        address = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void health_whileUp_is200WithDetails() throws Exception {
        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\",\"activeCalls\":3}");
    }

    @Test
    void health_whileDraining_is503() throws Exception {
        up.set(false);

        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"status\":\"DOWN\"");
    }

    @Test
    void metrics_exposesRegisteredMetersInPrometheusText() throws Exception {
        registry.counter("rappel.test.calls", "outcome", "done").increment(2);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body()).contains("rappel_test_calls_total{outcome=\"done\"} 2.0");
    }

    @Test
    void unknownPath_is404Json() throws Exception {
        HttpResponse<String> response = get("/nope?x=1");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body())
                .isEqualTo("{\"error\":{\"code\":\"not_found\",\"message\":\"no such resource: /nope\"}}");
    }

    @Test
    void wrongMethod_is405WithAllow() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + address.getPort() + "/health"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).hasValue("GET");
    }

    @Test
    void garbage_isAnswered400_andServerGoesOn() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", address.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("\u0001\u0002 NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(reply).startsWith("HTTP/1.1 400");
        }

        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void pipelinedRequests_areAnsweredInOrder_evenWhenTheFirstAnswersLast() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", address.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(Duration.ofSeconds(10)).untilTrue(fastAsked);
            slowAnswer.complete(HttpResponses.text(HttpResponseStatus.OK, "text/plain", "slow"));

            String replies = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

            assertThat(replies.indexOf("slow")).isPositive().isLessThan(replies.indexOf("fast"));
        }
    }

    @Test
    void aRouteThatThrowsOrFails_is500Json_andServerGoesOn() throws Exception {
        HttpResponse<String> thrown = get("/throws");
        HttpResponse<String> failed = get("/fails/disk%20full");

        assertThat(thrown.statusCode()).isEqualTo(500);
        assertThat(thrown.body()).contains("\"code\":\"internal_server_error\"");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void oversizedBody_isRefused_andServerGoesOn() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + address.getPort() + "/health"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(10_000))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"code\":\"payload_too_large\"");
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }
}
