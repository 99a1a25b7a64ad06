package org.rappel.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rappel.net.Transports;
import org.rappel.sim.ami.AmiSimulator;
import org.rappel.sim.ami.AmiSimulatorHooks;
import org.rappel.sim.ami.AnswerPolicies;
import org.slf4j.LoggerFactory;

/** The client against the AMI simulator over real loopback sockets. */
class AmiConnectionTest {
    private static final String SECRET = "t0p-s3cret";
    private static final Duration LONG_PING = Duration.ofSeconds(30);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<AmiLinkChange> links = new CopyOnWriteArrayList<>();
    private final List<AmiEvent> events = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private EventLoopGroup group;
    private AmiSimulator sim;
    private AmiConnection connection;

    @BeforeEach
    void setUp() {
        group = Transports.newEventLoopGroup(1, "ami-test");
        sim = AmiSimulator.start(AmiSimulator.Options.defaults().withCredentials("rappel", SECRET)
                .withAuthFailureDelay(Duration.ofMillis(10))
                .withPolicy(AnswerPolicies.byNumber(Map.of(
                        "100", AnswerPolicies.answerAfter(Duration.ofMillis(30), Duration.ofMillis(100)),
                        "200", AnswerPolicies.busy(),
                        "300", AnswerPolicies.noAnswer(),
                        "400", AnswerPolicies.congestion(),
                        "500", AnswerPolicies.failed()),
                        AnswerPolicies.answerAfter(Duration.ofMillis(10), Duration.ofSeconds(60)))));
        logs.start();
        Logger logger = (Logger) LoggerFactory.getLogger(AmiConnection.class);
        // Some assertions read INFO lines (the reconnect delays), whatever level the run is configured with.
        logger.setLevel(Level.INFO);
        logger.addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        Logger logger = (Logger) LoggerFactory.getLogger(AmiConnection.class);
        logger.detachAppender(logs);
        logger.setLevel(null);
        if (connection != null) {
            connection.closeAsync().orTimeout(5, TimeUnit.SECONDS).join();
        }
        sim.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private AmiSettings settings(Duration ping, Duration actionTimeout) {
        return new AmiSettings("127.0.0.1", sim.port(), "rappel", SECRET, ping, actionTimeout,
                Duration.ofMillis(20), Duration.ofMillis(200));
    }

    private AmiConnection start(AmiSettings settings) {
        connection = new AmiConnection(settings, group, registry);
        connection.addLinkListener(links::add);
        connection.addEventListener(events::add);
        connection.start();
        return connection;
    }

    private AmiConnection startReady() {
        start(settings(LONG_PING, Duration.ofSeconds(2)));
        await().until(connection::isReady);
        return connection;
    }

    private List<AmiLinkChange.Kind> kinds() {
        return links.stream().map(AmiLinkChange::kind).toList();
    }

    private double count(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void start_logsInAndReportsConnectedWithUptime() {
        startReady();

        assertThat(kinds()).containsExactly(AmiLinkChange.Kind.CONNECTED);
        assertThat(links.get(0).asteriskUptime()).hasValueSatisfying(
                u -> assertThat(u).isGreaterThanOrEqualTo(Duration.ofSeconds(100)));
        assertThat(registry.find("rappel.ami.connected").gauge().value()).isEqualTo(1.0);
        assertThat(sim.loggedInSessions()).isEqualTo(1);
        await().until(() -> events.stream().anyMatch(e -> e.name().equals("SuccessfulAuth")));
        assertThat(events.get(0)).isInstanceOf(FullyBootedEvent.class);
        assertThat(count("rappel.ami.events", "event", "FullyBooted")).isEqualTo(1.0);
    }

    @Test
    void start_loginRefusedLogsErrorCountsAndRetriesUntilAccepted() {
        sim.refuseLogins(true);
        start(settings(LONG_PING, Duration.ofSeconds(2)));

        await().until(() -> count("rappel.ami.login.refused") >= 3);
        assertThat(connection.isReady()).isFalse();
        assertThat(sim.loginAttempts()).isGreaterThanOrEqualTo(3);
        assertThat(logs.list).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getFormattedMessage()).contains("refused", "Authentication failed", "rappel");
        });
        assertThat(count("rappel.ami.actions", "action", "Login", "outcome", "error")).isGreaterThanOrEqualTo(3);

        sim.refuseLogins(false);
        await().until(connection::isReady);
        assertThat(kinds()).containsExactly(AmiLinkChange.Kind.CONNECTED);
        assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains(SECRET));
    }

    @Test
    void start_wrongSecretNeverCrashesAndNeverLogsTheSecret() {
        connection = new AmiConnection(new AmiSettings("127.0.0.1", sim.port(), "rappel", "wrong-secret",
                LONG_PING, Duration.ofSeconds(2), Duration.ofMillis(20), Duration.ofMillis(100)), group, registry);
        connection.start();

        await().until(() -> count("rappel.ami.login.refused") >= 2);
        assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains("wrong-secret"));
        assertThat(connection.send(new PingAction())).failsWithin(Duration.ofSeconds(2))
                .withThrowableThat().withCauseInstanceOf(AmiConnectionException.class);
    }

    @Test
    void send_concurrentActionsEachGetTheirOwnResponse() throws Exception {
        startReady();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        List<CompletableFuture<Void>> checks = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                int kind = i % 3;
                checks.add(CompletableFuture.supplyAsync(() -> switch (kind) {
                    case 0 -> connection.send(new PingAction());
                    case 1 -> connection.send(new CommandAction("core show version"));
                    default -> connection.send(GenericAction.of("NoSuchAction" + kind));
                }, senders).thenCompose(f -> f).thenAccept(r -> {
                    switch (kind) {
                        case 0 -> assertThat(r.headers().first("Ping")).contains("Pong");
                        case 1 -> assertThat(r.output()).singleElement().asString().startsWith("Asterisk 22");
                        default -> assertThat(r.message()).contains("Invalid/unknown command: NoSuchAction2. "
                                + "Use Action: ListCommands to show available commands.");
                    }
                }));
            }
            CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } finally {
            senders.shutdownNow();
        }
        assertThat(count("rappel.ami.actions", "action", "Ping", "outcome", "success")).isEqualTo(67);
        assertThat(count("rappel.ami.actions", "action", "NoSuchAction2", "outcome", "error")).isEqualTo(66);
    }

    @Test
    void send_noResponseFailsWithTimeout() {
        start(settings(LONG_PING, Duration.ofMillis(300)));
        await().until(connection::isReady);
        sim.answerPings(false);

        assertThat(connection.send(new PingAction())).failsWithin(Duration.ofSeconds(3))
                .withThrowableThat().withCauseInstanceOf(TimeoutException.class);
        assertThat(count("rappel.ami.actions", "action", "Ping", "outcome", "timeout")).isEqualTo(1);
        assertThat(connection.isReady()).isTrue();
    }

    private OriginateResponseEvent originate(String number) {
        PendingOriginate call = connection.originate(OriginateAction
                .toExtension("Local/" + number + "@citizens", "callback", "s", 1)
                .withCallerId("\"Hotline\" <0800123456>").withTimeout(Duration.ofMillis(300))
                .withVariable("CB_ID", number));
        AmiResponse queued = call.queued().orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(queued.message()).contains("Originate successfully queued");
        assertThat(queued.actionId()).contains(call.actionId());
        OriginateResponseEvent outcome = call.outcome().orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(outcome.originateActionId()).isEqualTo(call.actionId());
        return outcome;
    }

    @Test
    void originate_answeredGivesReason4WithChannelAndEventsAround() {
        startReady();

        OriginateResponseEvent answered = originate("100");

        assertThat(answered.success()).isTrue();
        assertThat(answered.reason()).isEqualTo(OriginateReason.ANSWERED);
        assertThat(answered.channel()).startsWith("Local/100@citizens-").endsWith(";1");
        assertThat(answered.uniqueid()).isPresent();
        assertThat(answered.headers().first("CallerIDName")).contains("Hotline");
        String uniqueid = answered.uniqueid().get();
        assertThat(events).filteredOn(NewchannelEvent.class::isInstance)
                .anyMatch(e -> ((NewchannelEvent) e).uniqueid().equals(uniqueid));
        await().until(() -> events.stream().anyMatch(e -> e instanceof HangupEvent h
                && h.uniqueid().equals(uniqueid) && h.cause() == 16));
        assertThat(events).filteredOn(DialEndEvent.class::isInstance)
                .anyMatch(e -> ((DialEndEvent) e).dialStatus().equals("ANSWER"));
    }

    @Test
    void originate_failuresGiveTheirReasonWithUnknownUniqueid() {
        startReady();

        assertThat(originate("200")).satisfies(o -> {
            assertThat(o.reason()).isEqualTo(OriginateReason.BUSY);
            assertThat(o.success()).isFalse();
            assertThat(o.uniqueid()).isEmpty();
            assertThat(o.channel()).isEqualTo("Local/200@citizens");
        });
        assertThat(originate("300").reason()).isEqualTo(OriginateReason.NO_ANSWER);
        assertThat(originate("400").reason()).isEqualTo(OriginateReason.CONGESTION);
        assertThat(originate("500").reason()).isEqualTo(OriginateReason.FAILED);
        await().until(() -> sim.activeChannels() == 0);
        assertThat(events).filteredOn(HangupEvent.class::isInstance).extracting(e -> ((HangupEvent) e).cause())
                .contains(17, 19, 34, 0);
    }

    @Test
    void originate_concurrentCallsEachGetTheirOwnOutcome() {
        startReady();
        List<String> numbers = List.of("100", "200", "300", "400", "500", "100", "200", "500");
        List<PendingOriginate> calls = numbers.stream().map(n -> connection.originate(
                OriginateAction.toApplication("Local/" + n + "@citizens", "Playback", "hello-world")
                        .withTimeout(Duration.ofMillis(200)))).toList();

        for (int i = 0; i < calls.size(); i++) {
            OriginateResponseEvent o = calls.get(i).outcome().orTimeout(5, TimeUnit.SECONDS).join();
            assertThat(o.channel()).startsWith("Local/" + numbers.get(i) + "@citizens");
            assertThat(o.headers().first("Application")).contains("Playback");
        }
        assertThat(calls).extracting(PendingOriginate::actionId).doesNotHaveDuplicates();
    }

    @Test
    void send_synchronousOriginateAnsweredWithoutOriginateResponse() {
        startReady();

        AmiResponse r = connection.send(OriginateAction.toApplication("Local/100@citizens", "Wait", "1")
                .synchronous()).orTimeout(5, TimeUnit.SECONDS).join();
        AmiResponse busy = connection.send(OriginateAction.toApplication("Local/200@citizens", "Wait", "1")
                .synchronous()).orTimeout(5, TimeUnit.SECONDS).join();

        assertThat(r.isSuccess()).isTrue();
        assertThat(busy.isError()).isTrue();
        assertThat(busy.message()).contains("Originate failed");
        assertThat(events).noneMatch(OriginateResponseEvent.class::isInstance);
    }

    @Test
    void keepalive_missingPongClosesAndReconnects() {
        start(settings(Duration.ofMillis(100), Duration.ofMillis(200)));
        await().until(connection::isReady);

        sim.answerPings(false);
        await().until(() -> kinds().contains(AmiLinkChange.Kind.LOST));
        assertThat(logs.list).anyMatch(e -> e.getFormattedMessage().contains("no Pong"));
        sim.answerPings(true);

        await().until(() -> kinds().contains(AmiLinkChange.Kind.RECONNECTED));
        assertThat(connection.isReady()).isTrue();
        assertThat(sim.actionsReceived("Ping")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void cutConnection_failsPendingReconnectsAndReportsReconnected() {
        startReady();
        CompletableFuture<AmiResponse> hanging = connection.send(
                OriginateAction.toApplication("Local/300@citizens", "Wait", "1").withTimeout(Duration.ofSeconds(60))
                        .synchronous());
        PendingOriginate ringing = connection.originate(
                OriginateAction.toApplication("Local/300@citizens", "Wait", "1").withTimeout(Duration.ofSeconds(60)));
        ringing.queued().orTimeout(5, TimeUnit.SECONDS).join();

        sim.cutConnections();

        assertThat(hanging).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .withCauseInstanceOf(AmiConnectionException.class);
        assertThat(ringing.outcome()).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .withCauseInstanceOf(AmiConnectionException.class).withMessageContaining("may still go on");
        await().until(() -> kinds().equals(List.of(AmiLinkChange.Kind.CONNECTED, AmiLinkChange.Kind.LOST,
                AmiLinkChange.Kind.RECONNECTED)));
        assertThat(count("rappel.ami.reconnects")).isGreaterThanOrEqualTo(1);
        assertThat(count("rappel.ami.actions", "action", "Originate", "outcome", "disconnected")).isEqualTo(1);
        assertThat(connection.send(new PingAction()).orTimeout(5, TimeUnit.SECONDS).join().isSuccess()).isTrue();
    }

    @Test
    void cutConnection_gaugeDropsWhileDown() {
        startReady();
        sim.refuseLogins(true);

        sim.cutConnections();

        await().until(() -> registry.find("rappel.ami.connected").gauge().value() == 0.0);
        assertThat(connection.send(new PingAction())).failsWithin(Duration.ofSeconds(2))
                .withThrowableThat().withCauseInstanceOf(AmiConnectionException.class);
        sim.refuseLogins(false);
        await().until(() -> registry.find("rappel.ami.connected").gauge().value() == 1.0);
    }

    @Test
    void restart_shutdownEventThenUptimeZeroReportsAsteriskRestarted() {
        startReady();

        sim.restart(Duration.ofMillis(50));

        await().until(() -> kinds().contains(AmiLinkChange.Kind.ASTERISK_RESTARTED));
        assertThat(kinds()).containsExactly(AmiLinkChange.Kind.CONNECTED, AmiLinkChange.Kind.LOST,
                AmiLinkChange.Kind.ASTERISK_RESTARTED);
        assertThat(links.get(2).asteriskUptime()).hasValueSatisfying(
                u -> assertThat(u).isLessThan(Duration.ofSeconds(5)));
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ShutdownEvent.class,
                s -> assertThat(s.restart()).isTrue()));
    }

    @Test
    void crash_noShutdownEventRestartToldByUptime() {
        startReady();

        sim.crashAndRestart();

        await().until(() -> kinds().contains(AmiLinkChange.Kind.ASTERISK_RESTARTED));
        assertThat(events).noneMatch(ShutdownEvent.class::isInstance);
    }

    @Test
    void malformedEvent_skippedCountedAndConnectionGoesOn() {
        startReady();

        sim.injectMalformedEvent();
        sim.sendEvent("UserEvent", "user,all", "UserEvent", "AfterTheBadOne");

        await().until(() -> events.stream().anyMatch(e -> e.headers().first("UserEvent")
                .filter("AfterTheBadOne"::equals).isPresent()));
        assertThat(count("rappel.ami.malformed")).isEqualTo(1);
        assertThat(events).noneMatch(e -> e.name().equals("Newexten"));
        assertThat(kinds()).containsExactly(AmiLinkChange.Kind.CONNECTED);
        assertThat(connection.send(new PingAction()).orTimeout(5, TimeUnit.SECONDS).join().isSuccess()).isTrue();
    }

    @Test
    void close_logsOffAndStopsReconnecting() {
        startReady();

        connection.closeAsync().orTimeout(5, TimeUnit.SECONDS).join();
        int attempts = sim.loginAttempts();

        assertThat(sim.actionsReceived("Logoff")).isEqualTo(1);
        await().until(() -> sim.loggedInSessions() == 0);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> sim.loginAttempts() == attempts);
        assertThat(connection.isReady()).isFalse();
        assertThat(connection.send(new PingAction())).failsWithin(Duration.ofSeconds(2))
                .withThrowableThat().withCauseInstanceOf(AmiConnectionException.class);
        connection = null;
    }

    @Test
    void send_beforeStartFailsAtOnce() {
        AmiConnection idle = new AmiConnection(settings(LONG_PING, Duration.ofSeconds(2)), group, registry);

        CompletableFuture<AmiResponse> early = idle.send(new PingAction());

        assertThat(early).failsWithin(Duration.ofSeconds(2)).withThrowableThat()
                .withCauseInstanceOf(AmiConnectionException.class).withMessageContaining("not logged in");
        assertThat(count("rappel.ami.actions", "action", "Ping", "outcome", "not_connected")).isEqualTo(1);
        assertThat(sim.loginAttempts()).isZero();
    }

    @Test
    void eventListener_failureDoesNotStopOtherListeners() {
        startReady();
        connection.addEventListener(e -> {
            throw new IllegalStateException("listener bug");
        });
        List<AmiEvent> after = new CopyOnWriteArrayList<>();
        connection.addEventListener(after::add);

        sim.sendEvent("UserEvent", "user,all", "UserEvent", "X");

        await().until(() -> !after.isEmpty());
        assertThat(connection.isReady()).isTrue();
    }

    @Test
    void originate_synchronousActionRefused() {
        startReady();
        OriginateAction sync = OriginateAction.toApplication("Local/1@x", "Wait", "1").synchronous();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> connection.originate(sync))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(sim.originates()).isZero();
    }

    @Test
    void reconnect_backoffDoublesToItsCapAndStartsOverAfterSuccess() {
        sim.refuseLogins(true);
        connection = new AmiConnection(new AmiSettings("127.0.0.1", sim.port(), "rappel", SECRET, LONG_PING,
                Duration.ofSeconds(2), Duration.ofMillis(40), Duration.ofMillis(160)), group, registry,
                System::nanoTime, () -> 0.0);
        connection.addLinkListener(links::add);
        connection.start();

        await().until(() -> count("rappel.ami.login.refused") >= 5);
        assertThat(reconnectLogs()).startsWith("in 20 ms (attempt 1)", "in 40 ms (attempt 2)",
                "in 80 ms (attempt 3)", "in 80 ms (attempt 4)");
        sim.refuseLogins(false);
        await().until(connection::isReady);
        logs.list.clear();

        sim.cutConnections();

        await().until(() -> kinds().contains(AmiLinkChange.Kind.RECONNECTED));
        assertThat(reconnectLogs()).containsExactly("in 20 ms (attempt 1)");
    }

    private List<String> reconnectLogs() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("AMI reconnecting"))
                .map(m -> m.substring(m.indexOf(" in ") + 1)).toList();
    }

    @Test
    void hangupAndRedirect_onAnOriginatedChannel() {
        startReady();
        PendingOriginate call = connection.originate(OriginateAction.toExtension("Local/777@citizens", "hold", "s", 1));
        OriginateResponseEvent answered = call.outcome().orTimeout(5, TimeUnit.SECONDS).join();
        String channel = answered.channel();

        AmiResponse redirect = connection.send(new RedirectAction(channel, "connect", "s", 1))
                .orTimeout(5, TimeUnit.SECONDS).join();
        AmiResponse hangup = connection.send(new HangupAction(channel)).orTimeout(5, TimeUnit.SECONDS).join();
        AmiResponse again = connection.send(new HangupAction(channel)).orTimeout(5, TimeUnit.SECONDS).join();

        assertThat(redirect.message()).contains("Redirect successful");
        assertThat(hangup.message()).contains("Channel Hungup");
        assertThat(again.isError()).isTrue();
        assertThat(again.message()).contains("No such channel");
        await().until(() -> events.stream().anyMatch(e -> e instanceof HangupEvent h && h.channel().equals(channel)
                && h.cause() == 16));
    }

    @Test
    void hooks_answeredCallCarriesVariablesAndForeignRedirectAccepted() {
        List<AmiSimulatorHooks.AnsweredCall> answered = new CopyOnWriteArrayList<>();
        sim.setHooks(new AmiSimulatorHooks() {
            @Override
            public void answered(AnsweredCall call) {
                answered.add(call);
            }

            @Override
            public boolean redirect(String channel, String context, String exten, int priority) {
                return channel.startsWith("Local/s@hotline-") && context.equals("connect");
            }
        });
        startReady();

        OriginateResponseEvent outcome = originate("100");
        AmiResponse foreign = connection.send(new RedirectAction("Local/s@hotline-00000009;2", "connect", "s", 1))
                .orTimeout(5, TimeUnit.SECONDS).join();

        await().until(() -> answered.size() == 1);
        assertThat(answered.get(0).channel()).isEqualTo(outcome.channel());
        assertThat(answered.get(0).variables()).containsEntry("CB_ID", "100");
        assertThat(answered.get(0).target()).containsEntry("Context", "callback");
        assertThat(events).anyMatch(e -> e.name().equals("VarSet")
                && e.headers().first("Variable").filter("CB_ID"::equals).isPresent());
        assertThat(foreign.message()).contains("Redirect successful");
    }

    @Test
    void send_synchronousOriginateWaitsItsRingTimeoutBeyondTheActionTimeout() {
        start(settings(LONG_PING, Duration.ofMillis(200)));
        await().until(connection::isReady);

        AmiResponse r = connection.send(OriginateAction.toApplication("Local/300@citizens", "Wait", "1")
                .withTimeout(Duration.ofMillis(600)).synchronous()).orTimeout(5, TimeUnit.SECONDS).join();

        assertThat(r.isError()).isTrue();
        assertThat(r.message()).contains("Originate failed");
    }

    @Test
    void sendForList_coreShowChannelsGivesOneItemPerChannelNotToListeners() {
        startReady();
        PendingOriginate call = connection.originate(OriginateAction.toExtension("Local/777@citizens", "hold", "s", 1));
        String channel = call.outcome().orTimeout(5, TimeUnit.SECONDS).join().channel();

        List<AmiEvent> items = connection.sendForList(new CoreShowChannelsAction()).orTimeout(5, TimeUnit.SECONDS)
                .join();

        assertThat(items).hasSize(sim.activeChannels()).allSatisfy(e -> {
            assertThat(e).isInstanceOf(CoreShowChannelEvent.class);
            assertThat(e.actionId()).hasValueSatisfying(id -> assertThat(id).startsWith("rappel-"));
        });
        assertThat(items).extracting(e -> ((CoreShowChannelEvent) e).channel()).contains(channel);
        assertThat(items.stream().map(AmiEvent::actionId).distinct()).hasSize(1);
        assertThat(events).noneMatch(e -> e.name().startsWith("CoreShowChannel"));
        assertThat(count("rappel.ami.actions", "action", "CoreShowChannels", "outcome", "success")).isEqualTo(1);
    }

    @Test
    void sendForList_concurrentListsEachGetTheirOwnItems() {
        startReady();

        List<CompletableFuture<List<AmiEvent>>> lists = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            lists.add(connection.sendForList(new CoreShowChannelsAction()));
        }

        for (CompletableFuture<List<AmiEvent>> list : lists) {
            assertThat(list.orTimeout(5, TimeUnit.SECONDS).join()).isEmpty();
        }
        assertThat(sim.actionsReceived("CoreShowChannels")).isEqualTo(5);
    }

    @Test
    void sendForList_errorResponseFailsWithActionFailed() {
        startReady();

        assertThat(connection.sendForList(GenericAction.of("NoSuchList"))).failsWithin(Duration.ofSeconds(5))
                .withThrowableThat().withCauseInstanceOf(AmiActionFailedException.class)
                .withMessageContaining("Invalid/unknown command");
    }

    @Test
    void sendForList_noCompleteEventFailsWithTimeout() {
        start(settings(LONG_PING, Duration.ofMillis(300)));
        await().until(connection::isReady);
        sim.completeLists(false);

        assertThat(connection.sendForList(new CoreShowChannelsAction())).failsWithin(Duration.ofSeconds(3))
                .withThrowableThat().withCauseInstanceOf(TimeoutException.class);
        assertThat(connection.isReady()).isTrue();
        sim.completeLists(true);
        assertThat(connection.sendForList(new CoreShowChannelsAction()).orTimeout(5, TimeUnit.SECONDS).join())
                .isEmpty();
    }

    @Test
    void sendForList_linkLostBeforeCompleteFailsWithConnectionException() {
        startReady();
        sim.completeLists(false);
        CompletableFuture<List<AmiEvent>> list = connection.sendForList(new CoreShowChannelsAction());
        await().until(() -> sim.actionsReceived("CoreShowChannels") == 1);

        sim.cutConnections();

        assertThat(list).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .withCauseInstanceOf(AmiConnectionException.class).withMessageContaining("before the list");
    }

    @Test
    void sendForList_whileLinkIsDownFailsAtOnce() {
        startReady();
        sim.networkDown(true);
        await().until(() -> !connection.isReady());

        assertThat(connection.sendForList(new CoreShowChannelsAction())).failsWithin(Duration.ofSeconds(1))
                .withThrowableThat().withCauseInstanceOf(AmiConnectionException.class);
        sim.networkDown(false);
        await().until(connection::isReady);
    }
}
