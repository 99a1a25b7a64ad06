package org.rappel.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rappel.store.AttemptOutcome;
import org.rappel.store.CallbackAttempt;
import org.rappel.store.CallbackRequest;
import org.rappel.store.CallbackState;
import org.rappel.store.ChannelOrigin;
import org.slf4j.LoggerFactory;

/**
 * The webhook against a real HTTP server on loopback (the JDK's). Retries go through a timer the test holds, so
 * back-off is checked by the delays asked for, not by waiting them out.
 */
class WebhookNotifierTest {
    private static final String SECRET = "0123456789abcdef-shared";
    private static final String NUMBER = "+33612345678";
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the gateway received. */
    record Received(Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Statuses the gateway answers, in order; 200 once they run out. */
    private final BlockingQueue<Integer> statuses = new LinkedBlockingQueue<>();
    private final List<Duration> retryDelays = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private volatile CountDownLatch entered = new CountDownLatch(0);
    private HttpServer server;
    private ExecutorService serverThreads;
    private ExecutorService worker;
    private WebhookNotifier notifier;

    @BeforeEach
    void setUp() throws IOException {
        serverThreads = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/hook", this::handle);
        server.start();
        worker = Executors.newCachedThreadPool();
        logs.start();
        Logger logger = (Logger) LoggerFactory.getLogger(WebhookNotifier.class);
        logger.setLevel(Level.DEBUG);
        logger.addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        hold.countDown();
        if (notifier != null) {
            notifier.close();
        }
        server.stop(0);
        serverThreads.shutdownNow();
        worker.shutdownNow();
        Logger logger = (Logger) LoggerFactory.getLogger(WebhookNotifier.class);
        logger.detachAppender(logs);
        logger.setLevel(null);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            entered.countDown();
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Integer status = statuses.poll();
            int code = status == null ? 200 : status;
            if (code == 429) {
                exchange.getResponseHeaders().add("Retry-After", "3");
            }
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
            exchange.sendResponseHeaders(code, -1);
        }
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    private WebhookSettings settings() {
        return WebhookSettings.defaults(url(), SECRET).withRetries(3, Duration.ofSeconds(2), Duration.ofMinutes(5));
    }

    /** Retries run at once (on the worker), after recording the delay asked for; jitter at its maximum. */
    private WebhookNotifier start(WebhookSettings settings) {
        WebhookNotifier.RetryTimer timer = (delay, task) -> {
            retryDelays.add(delay);
            worker.execute(task);
        };
        notifier = new WebhookNotifier(settings, WebhookNotifier.client(settings, worker), worker, timer, () -> 1.0,
                Clock.fixed(NOW, ZoneOffset.UTC), registry, () -> { });
        return notifier;
    }

    private double count(CallbackNotice.Kind kind, String result) {
        return registry.get("rappel.callback.notifications").tags("kind", kind.code(), "result", result).counter()
                .count();
    }

    private static CallbackRequest callback(CallbackState state, int attempts) {
        return new CallbackRequest(UUID.fromString("6f1c1c6e-8d4e-4b35-9d57-2b1d1f0a0001"), "prestations", NUMBER,
                "+33145678901", NOW.minusSeconds(600), 0, "fr", Map.of("case", "AB123"), ChannelOrigin.PHONE,
                Optional.of(Instant.parse("2026-11-26T08:00:00Z")), state, attempts,
                Instant.parse("2026-11-25T09:10:00Z"), Optional.empty(), Optional.empty());
    }

    private static CallbackNotice confirmed() {
        return new CallbackNotice(CallbackNotice.Kind.CONFIRMED, callback(CallbackState.PENDING, 0), Optional.empty(),
                NOW);
    }

    private static CallbackNotice attemptFailed(int attemptNo) {
        CallbackAttempt attempt = new CallbackAttempt(callback(CallbackState.PENDING, 1).id(), attemptNo,
                NOW.minusSeconds(40), NOW, AttemptOutcome.NO_ANSWER, "originate reason 3");
        return new CallbackNotice(CallbackNotice.Kind.ATTEMPT_FAILED, callback(CallbackState.PENDING, attemptNo),
                Optional.of(attempt), NOW);
    }

    private static CallbackNotice failed() {
        CallbackAttempt attempt = new CallbackAttempt(callback(CallbackState.FAILED, 3).id(), 3,
                NOW.minusSeconds(40), NOW, AttemptOutcome.BUSY, "originate reason 5");
        return new CallbackNotice(CallbackNotice.Kind.FAILED, callback(CallbackState.FAILED, 3), Optional.of(attempt),
                NOW);
    }

    private void assertNumberNeverLogged() {
        assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(NUMBER)
                .doesNotContain(SECRET));
    }

    @Test
    void notify_confirmed_postsSignedJsonTheGatewayCanVerify() throws Exception {
        start(settings());

        notifier.notify(confirmed());

        await().until(() -> count(CallbackNotice.Kind.CONFIRMED, "delivered") == 1.0);
        assertThat(received).hasSize(1);
        Received r = received.get(0);
        // The gateway's check: HMAC-SHA256 of the raw body with the shared secret, compared to the header.
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(r.header("X-Rappel-Signature")).isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(r.body())));
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("X-Rappel-Event")).isEqualTo("confirmed");
        assertThat(r.header("X-Rappel-Delivery-Attempt")).isEqualTo("1");
        JsonNode body = r.json();
        assertThat(r.header("Idempotency-Key")).isEqualTo(body.get("eventId").asText())
                .isEqualTo(r.header("X-Rappel-Event-Id"));
        assertThat(body.get("version").asInt()).isEqualTo(1);
        assertThat(body.get("event").asText()).isEqualTo("confirmed");
        assertThat(body.get("occurredAt").asText()).isEqualTo("2026-11-25T09:00:00Z");
        JsonNode c = body.get("callback");
        assertThat(c.get("id").asText()).isEqualTo("6f1c1c6e-8d4e-4b35-9d57-2b1d1f0a0001");
        assertThat(c.get("service").asText()).isEqualTo("prestations");
        assertThat(c.get("number").asText()).isEqualTo(NUMBER);
        assertThat(c.get("language").asText()).isEqualTo("fr");
        assertThat(c.get("origin").asText()).isEqualTo("phone");
        assertThat(c.get("state").asText()).isEqualTo("pending");
        assertThat(c.get("attempts").asInt()).isZero();
        assertThat(c.get("nextAttemptAt").asText()).isEqualTo("2026-11-25T09:10:00Z");
        assertThat(c.get("slot").asText()).isEqualTo("2026-11-26T08:00:00Z");
        // Data minimisation: what an SMS gateway does not need does not leave.
        assertThat(c.has("callingLine")).isFalse();
        assertThat(c.has("ivrContext")).isFalse();
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("AB123", "+33145678901");
        assertThat(body.get("attempt").isNull()).isTrue();
        assertThat(registry.get("rappel.callback.notification.delivery").timer().count()).isEqualTo(1);
        assertThat(notifier.held()).isZero();
    }

    @Test
    void notify_attemptFailed_carriesTheAttempt() throws Exception {
        start(settings());

        notifier.notify(attemptFailed(2));

        await().until(() -> received.size() == 1);
        JsonNode attempt = received.get(0).json().get("attempt");
        assertThat(attempt.get("number").asInt()).isEqualTo(2);
        assertThat(attempt.get("outcome").asText()).isEqualTo("no_answer");
        assertThat(attempt.get("reason").asText()).isEqualTo("originate reason 3");
        assertThat(attempt.get("startedAt").asText()).isEqualTo("2026-11-25T08:59:20Z");
        assertThat(received.get(0).json().get("event").asText()).isEqualTo("attempt_failed");
    }

    @Test
    void notify_500Then200_retriedWithTheSameEventAndDeliveredOnce() throws Exception {
        statuses.add(500);
        start(settings());

        notifier.notify(failed());

        await().until(() -> count(CallbackNotice.Kind.FAILED, "delivered") == 1.0);
        assertThat(received).hasSize(2);
        assertThat(received.get(0).body()).isEqualTo(received.get(1).body());
        assertThat(received.get(0).header("Idempotency-Key")).isEqualTo(received.get(1).header("Idempotency-Key"));
        assertThat(received).extracting(r -> r.header("X-Rappel-Delivery-Attempt")).containsExactly("1", "2");
        assertThat(count(CallbackNotice.Kind.FAILED, "retried")).isEqualTo(1.0);
        assertThat(count(CallbackNotice.Kind.FAILED, "failed")).isZero();
        // First retry after the first back-off step (jitter at its maximum).
        assertThat(retryDelays).containsExactly(Duration.ofSeconds(2));
        assertNumberNeverLogged();
    }

    @Test
    void notify_429_retriedNoSoonerThanRetryAfter() {
        statuses.add(429);
        start(WebhookSettings.defaults(url(), SECRET).withRetries(3, Duration.ofMillis(100), Duration.ofMinutes(5)));

        notifier.notify(confirmed());

        await().until(() -> count(CallbackNotice.Kind.CONFIRMED, "delivered") == 1.0);
        assertThat(retryDelays).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void notify_400_givenUpAtOnceNotRetried() {
        statuses.add(400);
        start(settings());

        notifier.notify(confirmed());

        await().until(() -> count(CallbackNotice.Kind.CONFIRMED, "failed") == 1.0);
        // The timer is the only way to a retry: none was asked for.
        assertThat(retryDelays).isEmpty();
        assertThat(received).hasSize(1);
        assertThat(count(CallbackNotice.Kind.CONFIRMED, "retried")).isZero();
        assertThat(notifier.held()).isZero();
        assertThat(logs.list).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("6f1c1c6e-8d4e-4b35-9d57-2b1d1f0a0001", "status 400",
                    "not retried");
        });
        assertNumberNeverLogged();
    }

    @Test
    void notify_gatewayTooSlow_timesOutAndIsRetried() {
        hold = new CountDownLatch(1);
        entered = new CountDownLatch(2);
        start(settings().withTimeout(Duration.ofMillis(200)));

        notifier.notify(confirmed());

        // The first POST gets no answer within the timeout: retried, and the retry reaches the gateway too.
        await().until(() -> entered.getCount() == 0);
        assertThat(count(CallbackNotice.Kind.CONFIRMED, "retried")).isEqualTo(1.0);
        assertThat(retryDelays).containsExactly(Duration.ofSeconds(2));
        hold.countDown();
        await().until(() -> count(CallbackNotice.Kind.CONFIRMED, "delivered") == 1.0);
        assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("attempt 1: timeout"));
    }

    @Test
    void notify_deadEndpoint_retriedWithExponentialBackoffThenFailed() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        WebhookSettings dead = WebhookSettings.defaults(URI.create("http://127.0.0.1:" + port + "/hook"), SECRET)
                .withRetries(4, Duration.ofSeconds(1), Duration.ofMinutes(5));
        start(dead);

        notifier.notify(confirmed());

        await().until(() -> count(CallbackNotice.Kind.CONFIRMED, "failed") == 1.0);
        assertThat(retryDelays).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(count(CallbackNotice.Kind.CONFIRMED, "retried")).isEqualTo(3.0);
        assertThat(notifier.held()).isZero();
        assertNumberNeverLogged();
    }

    @Test
    void backoff_doublesUpToTheCapWithEqualJitter() {
        WebhookBackoff low = new WebhookBackoff(Duration.ofSeconds(2), Duration.ofSeconds(30), () -> 0.0);
        WebhookBackoff high = new WebhookBackoff(Duration.ofSeconds(2), Duration.ofSeconds(30), () -> 1.0);

        assertThat(low.after(1, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
        assertThat(high.after(1, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
        assertThat(low.after(2, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
        assertThat(low.after(3, Optional.empty())).isEqualTo(Duration.ofSeconds(4));
        assertThat(low.after(5, Optional.empty())).isEqualTo(Duration.ofSeconds(15));
        assertThat(high.after(19, Optional.empty())).isEqualTo(Duration.ofSeconds(30));
        // A Retry-After is honoured up to the cap.
        assertThat(low.after(1, Optional.of(Duration.ofSeconds(10)))).isEqualTo(Duration.ofSeconds(10));
        assertThat(low.after(1, Optional.of(Duration.ofHours(1)))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void notify_returnsWhileTheGatewayHoldsTheRequest_andDropsPastCapacity() {
        hold = new CountDownLatch(1);
        entered = new CountDownLatch(1);
        start(settings().withQueue(3, 1));

        notifier.notify(confirmed());
        await().until(() -> entered.getCount() == 0);
        // The gateway now holds the only POST allowed at once. notify() must still return: if it waited for the
        // gateway, these calls would never end (the gateway waits for this test), and the await below fails.
        CompletableFuture<Void> more = CompletableFuture.runAsync(() -> {
            notifier.notify(attemptFailed(1));
            notifier.notify(attemptFailed(2));
            notifier.notify(failed());
        });
        await().until(more::isDone);

        assertThat(notifier.held()).isEqualTo(3);
        assertThat(count(CallbackNotice.Kind.FAILED, "dropped")).isEqualTo(1.0);
        assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("dropped", "queue full"));
        assertThat(received).isEmpty();

        hold.countDown();
        await().until(() -> notifier.held() == 0);
        assertThat(received).hasSize(3);
        assertThat(count(CallbackNotice.Kind.CONFIRMED, "delivered")).isEqualTo(1.0);
        assertThat(count(CallbackNotice.Kind.ATTEMPT_FAILED, "delivered")).isEqualTo(2.0);
        assertNumberNeverLogged();
    }

    @Test
    void notify_kindsNotConfiguredAreNotSent() throws Exception {
        start(settings().withEvents(EnumSet.of(CallbackNotice.Kind.FAILED, CallbackNotice.Kind.CANCELLED)));

        notifier.notify(confirmed());
        notifier.notify(attemptFailed(1));
        // Filtering happens in notify(), before anything is held.
        assertThat(notifier.held()).isZero();
        notifier.notify(failed());

        await().until(() -> count(CallbackNotice.Kind.FAILED, "delivered") == 1.0);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).json().get("event").asText()).isEqualTo("failed");
        assertThat(count(CallbackNotice.Kind.CONFIRMED, "dropped")).isZero();
    }

    @Test
    void close_waitsForHeldNoticesAndRefusesNewOnes() {
        hold = new CountDownLatch(1);
        entered = new CountDownLatch(2);
        start(settings().withQueue(10, 2).withDrainTimeout(Duration.ofMinutes(1)));
        notifier.notify(confirmed());
        notifier.notify(failed());
        await().until(() -> entered.getCount() == 0);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(notifier::close);
        // close() waits for the two POSTs the gateway holds; a notice given meanwhile is refused.
        await().until(notifier::isClosed);
        notifier.notify(attemptFailed(1));
        assertThat(count(CallbackNotice.Kind.ATTEMPT_FAILED, "dropped")).isEqualTo(1.0);
        assertThat(closing).isNotDone();

        hold.countDown();
        await().until(closing::isDone);
        assertThat(received).hasSize(2);
        assertThat(count(CallbackNotice.Kind.CONFIRMED, "delivered")).isEqualTo(1.0);
        assertThat(count(CallbackNotice.Kind.FAILED, "delivered")).isEqualTo(1.0);
        assertThat(notifier.held()).isZero();
    }

    @Test
    void close_afterTheDrainTimeoutDropsWhatIsLeft() {
        statuses.add(503);
        List<Runnable> parked = new CopyOnWriteArrayList<>();
        WebhookSettings s = settings().withDrainTimeout(Duration.ofMillis(50));
        CountDownLatch closed = new CountDownLatch(1);
        notifier = new WebhookNotifier(s, WebhookNotifier.client(s, worker), worker,
                (delay, task) -> parked.add(task), () -> 1.0, Clock.fixed(NOW, ZoneOffset.UTC), registry,
                closed::countDown);

        notifier.notify(confirmed());
        // The retry is parked in a timer that never fires: the notice stays held.
        await().until(() -> parked.size() == 1);
        notifier.close();

        assertThat(closed.getCount()).isZero();
        assertThat(count(CallbackNotice.Kind.CONFIRMED, "dropped")).isEqualTo(1.0);
        assertThat(count(CallbackNotice.Kind.CONFIRMED, "delivered")).isZero();
        assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .contains("closed with 1 notice(s) undelivered", "callbacks themselves are stored"));
        assertThat(received).hasSize(1);
    }

    @Test
    void settings_toStringHidesTheSecretAndTheQuery() {
        WebhookSettings s = WebhookSettings.defaults(URI.create("https://gw.example.fr/hook?token=abc"), SECRET);

        assertThat(s.toString()).doesNotContain(SECRET).doesNotContain("abc").contains("https://gw.example.fr/hook");
    }

    @Test
    void notify_afterCloseIsCountedNeverThrows() {
        start(settings());
        notifier.close();

        notifier.notify(confirmed());

        assertThat(count(CallbackNotice.Kind.CONFIRMED, "dropped")).isEqualTo(1.0);
        assertThat(received).isEmpty();
    }
}
