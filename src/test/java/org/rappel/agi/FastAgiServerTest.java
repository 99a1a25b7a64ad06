package org.rappel.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The server over real loopback sockets, with {@link FakeAsterisk} playing Asterisk. */
class FastAgiServerTest {
    private static final Duration ENVIRONMENT_TIMEOUT = Duration.ofMillis(300);
    private static final Duration HANGUP_CLOSE_DELAY = Duration.ofMillis(300);
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Replies each hotline call saw, by uniqueid, stored when its script completes. */
    private final Map<String, List<AgiReply>> completedCalls = new ConcurrentHashMap<>();
    private final List<Boolean> onOwnerThread = new CopyOnWriteArrayList<>();
    private final AtomicInteger scriptStarts = new AtomicInteger();
    private FastAgiServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private InetSocketAddress start(List<String> allowed, Duration drainDeadline) throws InterruptedException {
        AgiServerSettings settings = new AgiServerSettings("127.0.0.1", 0, allowed, 1024, 64,
                ENVIRONMENT_TIMEOUT, HANGUP_CLOSE_DELAY, drainDeadline);
        server = new FastAgiServer(settings, this::scriptFor, registry);
        return server.start();
    }

    private InetSocketAddress start() throws InterruptedException {
        return start(List.of("127.0.0.0/8"), Duration.ofSeconds(5));
    }

    private Optional<AgiScript> scriptFor(AgiRequest request) {
        scriptStarts.incrementAndGet();
        return switch (request.script()) {
            case "hotline" -> Optional.of(this::hotline);
            case "silent", "slow" -> Optional.of(session -> new CompletableFuture<>());
            case "waiter" -> Optional.of(session -> {
                session.send(AgiCommand.waitForDigit(5000));
                return new CompletableFuture<>();
            });
            case "offloop" -> Optional.of(session -> CompletableFuture.supplyAsync(() -> {
                EventExecutor owner = (EventExecutor) session.executor();
                return session.send(AgiCommand.answer()).thenApply(reply -> {
                    onOwnerThread.add(owner.inEventLoop());
                    return reply;
                });
            }).thenCompose(reply -> reply));
            case "broken" -> Optional.of(session -> {
                throw new IllegalStateException("flow bug");
            });
            case "failing" -> Optional.of(session -> session.send(AgiCommand.answer())
                    .thenApply(reply -> {
                        throw new IllegalStateException("flow bug after ANSWER");
                    }));
            default -> Optional.empty();
        };
    }

    /** The call of transcript c1, up to the caller's choice. */
    private CompletableFuture<Void> hotline(AgiSession session) {
        List<AgiReply> replies = new CopyOnWriteArrayList<>();
        EventExecutor owner = (EventExecutor) session.executor();
        return session.send(AgiCommand.answer())
                .thenCompose(reply -> next(session, replies, reply, AgiCommand.streamFile("beep", "")))
                .thenCompose(reply -> next(session, replies, reply, AgiCommand.getData("beep", 3000, 1)))
                .thenCompose(reply -> next(session, replies, reply, AgiCommand.setVariable("FOO", "with space")))
                .thenAccept(reply -> {
                    replies.add(reply);
                    onOwnerThread.add(owner.inEventLoop());
                    completedCalls.put(session.request().uniqueId(), replies);
                });
    }

    private CompletableFuture<AgiReply> next(AgiSession session, List<AgiReply> replies, AgiReply reply,
            AgiCommand command) {
        replies.add(reply);
        onOwnerThread.add(((EventExecutor) session.executor()).inEventLoop());
        return session.send(command);
    }

    /** Asterisk's side of {@link #hotline}, after the environment. */
    private static void playHotline(FakeAsterisk asterisk) throws IOException {
        asterisk.expect("ANSWER", "200 result=0");
        asterisk.expect("STREAM FILE beep \"\"", "200 result=0 endpos=3520");
        asterisk.expect("GET DATA beep 3000 1", "200 result= (timeout)");
        asterisk.expect("SET VARIABLE FOO \"with space\"", "200 result=1");
    }

    @Test
    void start_portZeroPicksFreePort() throws Exception {
        InetSocketAddress bound = start();
        assertThat(bound.getPort()).isPositive();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void call_fullHotlineCallThenServerCloses() throws Exception {
        InetSocketAddress address = start();
        try (FakeAsterisk asterisk = FakeAsterisk.connect(address)) {
            asterisk.sendEnvironment("hotline?lang=fr", "1795701040.1");
            asterisk.expect("ANSWER", "200 result=0");
            await().until(() -> server.activeSessions() == 1);
            asterisk.expect("STREAM FILE beep \"\"", "200 result=0 endpos=3520");
            asterisk.expect("GET DATA beep 3000 1", "200 result= (timeout)");
            asterisk.expect("SET VARIABLE FOO \"with space\"", "200 result=1");
            assertThat(asterisk.closedByServerWithin(ONE_SECOND)).isTrue();
        }

        assertThat(completedCalls.get("1795701040.1")).hasSize(4).element(2)
                .isEqualTo(new AgiReply.Success("", Optional.of("timeout"), java.util.OptionalLong.empty()));
        assertThat(onOwnerThread).hasSize(4).containsOnly(true);
        await().until(() -> server.activeSessions() == 0);
        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("rappel_agi_sessions_total 1.0")
                .contains("rappel_agi_sessions_active 0.0")
                .contains("rappel_agi_commands_total{verb=\"STREAM FILE\"} 1.0")
                .contains("rappel_agi_command_duration_seconds_bucket{verb=\"GET DATA\"")
                .contains("rappel_agi_command_duration_seconds_count{verb=\"ANSWER\"} 1")
                .doesNotContain("5550002");
    }

    @Test
    void call_manyConcurrentCallsKeepTheirOwnReplies() throws Exception {
        InetSocketAddress address = start();
        int calls = 40;
        ExecutorService asterisks = Executors.newFixedThreadPool(calls);
        try {
            List<Future<Boolean>> closed = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String uniqueId = "1795702000." + i;
                String digits = Integer.toString(i);
                closed.add(asterisks.submit(() -> {
                    try (FakeAsterisk asterisk = FakeAsterisk.connect(address)) {
                        asterisk.sendEnvironment("hotline", uniqueId);
                        asterisk.expect("ANSWER", "200 result=0");
                        asterisk.expect("STREAM FILE beep \"\"", "200 result=0 endpos=3520");
                        asterisk.expect("GET DATA beep 3000 1", "200 result=" + digits);
                        asterisk.expect("SET VARIABLE FOO \"with space\"", "200 result=1");
                        return asterisk.closedByServerWithin(Duration.ofSeconds(5));
                    }
                }));
            }
            for (Future<Boolean> call : closed) {
                assertThat(call.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            asterisks.shutdownNow();
        }
        assertThat(completedCalls).hasSize(calls);
        completedCalls.forEach((uniqueId, replies) -> assertThat(((AgiReply.Success) replies.get(2)).result())
                .isEqualTo(uniqueId.substring(uniqueId.indexOf('.') + 1)));
        assertThat(registry.get("rappel.agi.sessions").counter().count()).isEqualTo(calls);
        assertThat(registry.get("rappel.agi.commands").tag("verb", "GET DATA").counter().count()).isEqualTo(calls);
    }

    static Stream<Arguments> badConnections() {
        byte[] tlsHello = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03, '\n'};
        return Stream.of(
                Arguments.of("malformed line", "GET / HTTP/1.1\r\nHost: rappel\r\n\r\n".getBytes(StandardCharsets.UTF_8),
                        "malformed_environment"),
                Arguments.of("overlong line", ("agi_network_script: " + "x".repeat(2000) + "\n").getBytes(StandardCharsets.UTF_8),
                        "line_too_long"),
                Arguments.of("missing blank line", FakeAsterisk.environment("hotline", "1.1").replaceAll("\n\n$", "\n")
                        .getBytes(StandardCharsets.UTF_8), "environment_timeout"),
                Arguments.of("binary junk", tlsHello, "binary_junk"),
                Arguments.of("unknown script", FakeAsterisk.environment("nosuch?x=1", "1.2").getBytes(StandardCharsets.UTF_8),
                        "unknown_script"),
                Arguments.of("malformed reply", (FakeAsterisk.environment("waiter", "1.3") + "OK then\n")
                        .getBytes(StandardCharsets.UTF_8), "malformed_reply"),
                Arguments.of("reply without command", (FakeAsterisk.environment("silent", "1.4") + "200 result=0\n")
                        .getBytes(StandardCharsets.UTF_8), "unexpected_reply"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConnections")
    void badConnection_closedAndCountedWhileGoodCallCompletes(String name, byte[] bytes, String kind) throws Exception {
        InetSocketAddress address = start();
        try (FakeAsterisk good = FakeAsterisk.connect(address)) {
            good.sendEnvironment("hotline", "1795701085.3");
            good.expect("ANSWER", "200 result=0");

            try (FakeAsterisk bad = FakeAsterisk.connect(address)) {
                bad.send(bytes);
                assertThat(bad.closedByServerSkippingOutputWithin(Duration.ofSeconds(3))).as(name).isTrue();
            }
            assertThat(protocolErrors(kind)).isEqualTo(1.0);

            good.expect("STREAM FILE beep \"\"", "200 result=0 endpos=3520");
            good.expect("GET DATA beep 3000 1", "200 result=4 (timeout)");
            good.expect("SET VARIABLE FOO \"with space\"", "200 result=1");
            assertThat(good.closedByServerWithin(ONE_SECOND)).isTrue();
        }
        assertThat(completedCalls).containsOnlyKeys("1795701085.3");
        assertThat(registry.get("rappel.agi.protocol.errors").counters().stream().mapToDouble(c -> c.count()).sum())
                .isEqualTo(1.0);
    }

    @Test
    void unknownScript_marksTheCallForTheDialplanThenCloses() throws Exception {
        InetSocketAddress address = start();
        try (FakeAsterisk asterisk = FakeAsterisk.connect(address)) {
            asterisk.sendEnvironment("no-such-hotline", "1795701216.13");
            asterisk.expect("SET VARIABLE RAPPEL_STATUS UNKNOWN_SCRIPT", "200 result=1");
            assertThat(asterisk.closedByServerWithin(ONE_SECOND)).isTrue();
        }
        assertThat(protocolErrors("unknown_script")).isEqualTo(1.0);
        assertThat(completedCalls).isEmpty();
    }

    @Test
    void connection_refusedOutsideAllowedNetworksWhileAllowedCallCompletes() throws Exception {
        InetSocketAddress address = start(List.of("127.0.0.2/32", "::1/128"), Duration.ofSeconds(5));
        try (FakeAsterisk allowed = FakeAsterisk.connectFrom("127.0.0.2", address)) {
            allowed.sendEnvironment("hotline", "1795701161.11");
            allowed.expect("ANSWER", "200 result=0");

            try (FakeAsterisk refused = FakeAsterisk.connectFrom("127.0.0.1", address)) {
                assertThat(refused.closedByServerWithin(Duration.ofSeconds(3))).isTrue();
            }
            assertThat(registry.get("rappel.agi.connections.refused").counter().count()).isEqualTo(1.0);

            allowed.expect("STREAM FILE beep \"\"", "200 result=0 endpos=3520");
            allowed.expect("GET DATA beep 3000 1", "200 result=42");
            allowed.expect("SET VARIABLE FOO \"with space\"", "200 result=1");
            assertThat(allowed.closedByServerWithin(ONE_SECOND)).isTrue();
        }
        assertThat(completedCalls).containsOnlyKeys("1795701161.11");
        assertThat(scriptStarts).hasValue(1);
    }

    @Test
    void connection_ipv6AllowlistAcceptsAndRefuses() throws Exception {
        AgiServerSettings settings = new AgiServerSettings("::1", 0, List.of("fd00::/8", "::1/128"), 1024, 64,
                ENVIRONMENT_TIMEOUT, HANGUP_CLOSE_DELAY, ONE_SECOND);
        server = new FastAgiServer(settings, this::scriptFor, registry);
        InetSocketAddress address = server.start();
        try (FakeAsterisk asterisk = FakeAsterisk.connect(address)) {
            asterisk.sendEnvironment("hotline", "1.50");
            playHotline(asterisk);
            assertThat(asterisk.closedByServerWithin(ONE_SECOND)).isTrue();
        }
        assertThat(completedCalls).containsOnlyKeys("1.50");
        server.close();

        AgiServerSettings elsewhere = new AgiServerSettings("::1", 0, List.of("fd00::/8", "127.0.0.0/8"), 1024, 64,
                ENVIRONMENT_TIMEOUT, HANGUP_CLOSE_DELAY, ONE_SECOND);
        server = new FastAgiServer(elsewhere, this::scriptFor, registry);
        try (FakeAsterisk refused = FakeAsterisk.connect(server.start())) {
            assertThat(refused.closedByServerWithin(Duration.ofSeconds(3))).isTrue();
        }
        assertThat(registry.get("rappel.agi.connections.refused").counter().count()).isEqualTo(1.0);
    }

    @Test
    void constructor_badCidrRefused() {
        AgiServerSettings settings = new AgiServerSettings("127.0.0.1", 0, List.of("127.0.0.0/8", "localhost/8"),
                1024, 64, ENVIRONMENT_TIMEOUT, HANGUP_CLOSE_DELAY, ONE_SECOND);
        assertThatThrownBy(() -> new FastAgiServer(settings, this::scriptFor, registry))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("localhost/8");
        AgiServerSettings slowClose = new AgiServerSettings("127.0.0.1", 0, List.of("10.0.0.0/33"),
                1024, 64, ENVIRONMENT_TIMEOUT, HANGUP_CLOSE_DELAY, ONE_SECOND);
        assertThatThrownBy(() -> new FastAgiServer(slowClose, this::scriptFor, registry))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.0.0.0/33");
    }

    @Test
    void constructor_hangupCloseDelayOfOneSecondRefused() {
        AgiServerSettings settings = new AgiServerSettings("127.0.0.1", 0, List.of("127.0.0.0/8"),
                1024, 64, ENVIRONMENT_TIMEOUT, ONE_SECOND, ONE_SECOND);
        assertThatThrownBy(() -> new FastAgiServer(settings, this::scriptFor, registry))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hangupCloseDelay");
    }

    @Test
    void send_fromAnotherThreadCompletesOnSessionThread() throws Exception {
        InetSocketAddress address = start();
        try (FakeAsterisk asterisk = FakeAsterisk.connect(address)) {
            asterisk.sendEnvironment("offloop", "1.60");
            asterisk.expect("ANSWER", "200 result=0");
            assertThat(asterisk.closedByServerWithin(ONE_SECOND)).isTrue();
        }
        assertThat(onOwnerThread).containsExactly(true);
    }

    @Test
    void hangupNotice_idleSessionClosedWithinOneSecond() throws Exception {
        InetSocketAddress address = start();
        try (FakeAsterisk asterisk = FakeAsterisk.connect(address)) {
            asterisk.sendEnvironment("silent", "1795701161.11");
            await().until(() -> server.activeSessions() == 1);
            asterisk.send("HANGUP\n");
            assertThat(asterisk.closedByServerWithin(ONE_SECOND)).isTrue();
        }
        await().until(() -> server.activeSessions() == 0);
    }

    @Test
    void hangupNotice_inFlightReplyThenClosedWithinOneSecond() throws Exception {
        InetSocketAddress address = start();
        try (FakeAsterisk asterisk = FakeAsterisk.connect(address)) {
            asterisk.sendEnvironment("waiter", "1795701143.9");
            assertThat(asterisk.readCommand()).isEqualTo("WAIT FOR DIGIT 5000");
            asterisk.send("HANGUP\n200 result=-1\n");
            assertThat(asterisk.closedByServerWithin(ONE_SECOND)).isTrue();
        }
    }

    @Test
    void hangupNotice_noReplyClosedAtCloseDelay() throws Exception {
        InetSocketAddress address = start();
        try (FakeAsterisk asterisk = FakeAsterisk.connect(address)) {
            asterisk.sendEnvironment("waiter", "1795701143.9");
            assertThat(asterisk.readCommand()).isEqualTo("WAIT FOR DIGIT 5000");
            long start = System.nanoTime();
            asterisk.send("HANGUP\n");
            assertThat(asterisk.closedByServerWithin(ONE_SECOND)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(HANGUP_CLOSE_DELAY.minusMillis(50));
        }
    }

    @Test
    void script_throwingClosedAndCountedOthersUnaffected() throws Exception {
        InetSocketAddress address = start();
        try (FakeAsterisk good = FakeAsterisk.connect(address);
                FakeAsterisk broken = FakeAsterisk.connect(address);
                FakeAsterisk failing = FakeAsterisk.connect(address)) {
            good.sendEnvironment("hotline", "1.20");
            good.expect("ANSWER", "200 result=0");
            broken.sendEnvironment("broken", "1.21");
            assertThat(broken.closedByServerWithin(Duration.ofSeconds(3))).isTrue();
            failing.sendEnvironment("failing", "1.22");
            failing.expect("ANSWER", "200 result=0");
            assertThat(failing.closedByServerWithin(Duration.ofSeconds(3))).isTrue();
            assertThat(registry.get("rappel.agi.script.failures").counter().count()).isEqualTo(2.0);

            good.expect("STREAM FILE beep \"\"", "200 result=0 endpos=3520");
            good.expect("GET DATA beep 3000 1", "200 result= (timeout)");
            good.expect("SET VARIABLE FOO \"with space\"", "200 result=1");
            assertThat(good.closedByServerWithin(ONE_SECOND)).isTrue();
        }
        assertThat(completedCalls).containsOnlyKeys("1.20");
        await().until(() -> server.activeSessions() == 0);
    }

    @Test
    void shutdown_stopsAcceptingAndDrainsRunningCall() throws Exception {
        InetSocketAddress address = start();
        try (FakeAsterisk asterisk = FakeAsterisk.connect(address)) {
            asterisk.sendEnvironment("hotline", "1.30");
            asterisk.expect("ANSWER", "200 result=0");

            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(server::shutdown);
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                    assertThatThrownBy(() -> FakeAsterisk.connect(address).close()).isInstanceOf(ConnectException.class));
            assertThat(shutdown).isNotDone();

            asterisk.expect("STREAM FILE beep \"\"", "200 result=0 endpos=3520");
            asterisk.expect("GET DATA beep 3000 1", "200 result=42");
            asterisk.expect("SET VARIABLE FOO \"with space\"", "200 result=1");
            assertThat(asterisk.closedByServerWithin(ONE_SECOND)).isTrue();
            // Well before the 5 s drain deadline: the drain ends with the last call.
            await().atMost(Duration.ofSeconds(3)).until(shutdown::isDone);
        }
        assertThat(completedCalls).containsOnlyKeys("1.30");
    }

    @Test
    void shutdown_closesRemainingCallsAtDeadline() throws Exception {
        Duration drain = Duration.ofMillis(500);
        InetSocketAddress address = start(List.of("127.0.0.0/8"), drain);
        try (FakeAsterisk asterisk = FakeAsterisk.connect(address)) {
            asterisk.sendEnvironment("slow", "1.40");
            await().until(() -> server.activeSessions() == 1);

            long start = System.nanoTime();
            server.shutdown();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isGreaterThanOrEqualTo(drain).isLessThan(Duration.ofSeconds(4));
            assertThat(asterisk.closedByServerWithin(ONE_SECOND)).isTrue();
        }
        assertThat(server.activeSessions()).isZero();
        server.shutdown(); // idempotent
    }

    private double protocolErrors(String kind) {
        MeterRegistry meters = registry;
        return meters.get("rappel.agi.protocol.errors").tag("kind", kind).counter().count();
    }
}
