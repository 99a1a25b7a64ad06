package org.rappel.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rappel.ami.AmiConnection;
import org.rappel.ami.AmiSettings;
import org.rappel.net.Transports;
import org.rappel.sim.ami.AmiSimulator;
import org.rappel.sim.ami.AmiSimulatorHooks;
import org.rappel.sim.ami.AnswerOutcome;
import org.rappel.sim.ami.AnswerPolicies;
import org.rappel.sim.ami.AnswerPolicy;
import org.rappel.store.AttemptOutcome;
import org.rappel.store.CallbackAttempt;
import org.rappel.store.CallbackRequest;
import org.rappel.store.CallbackState;
import org.rappel.store.CallbackStore;
import org.rappel.store.CallbackStores;
import org.rappel.store.ChannelOrigin;
import org.rappel.store.Disposition;
import org.rappel.store.NewCallback;
import org.rappel.store.NodeId;
import org.rappel.store.SqliteSettings;
import org.rappel.store.TestClock;

/** The dialer against a real SQLite store and the AMI simulator over loopback; calling hours on a test clock. */
class CallbackDialerTest {
    private static final String SECRET = "dialer-secret";
    private static final String NUMBER = "+33612345678";
    private static final String CHANNEL = "PJSIP/" + NUMBER + "@trunk";
    private static final NodeId NODE = new NodeId("node-a");
    /** Wednesday 25 November 2026, 10:00 in Paris. */
    private static final Instant WEDNESDAY_10H = Instant.parse("2026-11-25T09:00:00Z");
    /** Friday 27 November 2026, 17:25 in Paris: five minutes before closing. */
    private static final Instant FRIDAY_17H25 = Instant.parse("2026-11-27T16:25:00Z");
    /** Saturday 28 November 2026, 10:00 in Paris. */
    private static final Instant SATURDAY_10H = Instant.parse("2026-11-28T09:00:00Z");
    /** Monday 30 November 2026, 08:30 in Paris: the window after the weekend. */
    private static final Instant MONDAY_8H30 = Instant.parse("2026-11-30T07:30:00Z");

    @TempDir
    Path dataDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<AmiSimulatorHooks.AnsweredCall> answered = new CopyOnWriteArrayList<>();
    private final ExecutorService storeWorker = Executors.newSingleThreadExecutor();
    private final EventLoopGroup group = Transports.newEventLoopGroup(1, "dialer-test");
    private TestClock clock;
    private CallbackStore store;
    private AmiSimulator sim;
    private AmiConnection ami;
    private CallbackDialer dialer;

    private void start(Instant now) {
        clock = new TestClock(now);
        store = CallbackStores.openSqlite(SqliteSettings.defaults(dataDir), clock, registry);
        sim = AmiSimulator.start(AmiSimulator.Options.defaults().withCredentials("rappel", SECRET)
                .withPolicy(AnswerPolicies.failed()));
        sim.setHooks(new AmiSimulatorHooks() {
            @Override
            public void answered(AnsweredCall call) {
                answered.add(call);
            }
        });
        ami = new AmiConnection(new AmiSettings("127.0.0.1", sim.port(), "rappel", SECRET, Duration.ofSeconds(30),
                Duration.ofSeconds(2), Duration.ofMillis(20), Duration.ofMillis(200)), group, registry);
        ami.start();
        await().until(ami::isReady);
        DialerSettings settings = DialerSettings.defaults("PJSIP/{number}@trunk", "\"Impots\" <0140000000>")
                .withRingTimeout(Duration.ofMillis(300));
        dialer = new CallbackDialer(store, ami, clock, NODE, settings, storeWorker, registry);
    }

    @AfterEach
    void tearDown() {
        if (ami != null) {
            ami.closeAsync().orTimeout(5, TimeUnit.SECONDS).join();
        }
        if (sim != null) {
            sim.close();
        }
        if (store != null) {
            store.close();
        }
        storeWorker.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Answers each Originate with the next outcome, in order; noting the callback's state as the call arrives. */
    private final class Script implements AnswerPolicy {
        private final ConcurrentLinkedQueue<AnswerOutcome> outcomes;
        private final List<CallbackState> statesAtOriginate = new CopyOnWriteArrayList<>();
        private volatile CallbackRequest watched;

        Script(AnswerOutcome... outcomes) {
            this.outcomes = new ConcurrentLinkedQueue<>(List.of(outcomes));
        }

        @Override
        public AnswerOutcome decide(String channel, java.util.random.RandomGenerator random) {
            if (watched != null) {
                // A short read on the simulator's loop: acceptable in a test, and it sees the state the store had
                // when the Originate reached "Asterisk".
                statesAtOriginate.add(store.find(watched.id()).orElseThrow().state());
            }
            AnswerOutcome next = outcomes.poll();
            return next != null ? next : new AnswerOutcome.Failed();
        }
    }

    private static AnswerOutcome answer() {
        return new AnswerOutcome.Answered(Duration.ofMillis(20), Duration.ofSeconds(60));
    }

    private CallbackRequest saveCallback() {
        return store.save(new NewCallback("impots", NUMBER, NUMBER, clock.instant(), 0, "fr", Map.of(),
                ChannelOrigin.PHONE, Optional.empty())).callback();
    }

    private CallbackRequest claim(CallbackRequest callback) {
        return store.claim(callback.id(), clock.instant(), NODE, Duration.ofMinutes(5)).orElseThrow();
    }

    private DialResult.Attempted dialClaimed(CallbackRequest callback) {
        DialResult result = dialer.dial(claim(callback)).orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(result).isInstanceOf(DialResult.Attempted.class);
        return (DialResult.Attempted) result;
    }

    private double count(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void dial_answeredMarksDoneWithOneAnsweredAttempt() {
        start(WEDNESDAY_10H);
        CallbackRequest callback = saveCallback();
        Script script = new Script(answer());
        script.watched = callback;
        sim.setEndpointPolicy(CHANNEL, script);

        DialResult.Attempted result = dialClaimed(callback);

        assertThat(result.next()).isEqualTo(new Disposition.Done());
        assertThat(result.recorded().attempt().outcome()).isEqualTo(AttemptOutcome.ANSWERED);
        assertThat(store.find(callback.id()).orElseThrow().state()).isEqualTo(CallbackState.DONE);
        assertThat(store.attempts(callback.id())).extracting(CallbackAttempt::attemptNo, CallbackAttempt::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, AttemptOutcome.ANSWERED));
        assertThat(script.statesAtOriginate).containsExactly(CallbackState.DIALING);
        assertThat(sim.originates()).isEqualTo(1);
        await().until(() -> !answered.isEmpty());
        AmiSimulatorHooks.AnsweredCall call = answered.get(0);
        assertThat(call.channel()).startsWith("PJSIP/trunk-"); // chan_pjsip names the channel after the endpoint
        assertThat(call.variables()).containsEntry(CallbackDialer.ID_VARIABLE, callback.id().toString());
        assertThat(call.target()).containsEntry("Context", "rappel-callback").containsEntry("Exten", "s");
        assertThat(call.callerIdNum()).isEqualTo("0140000000");
        assertThat(count("rappel.callback.attempts", "outcome", "answered")).isEqualTo(1.0);
        assertThat(count("rappel.callback.failed")).isZero();
    }

    @Test
    void dial_busyThenNoAnswerThenAnsweredRetriesAndEndsDone() {
        start(WEDNESDAY_10H);
        CallbackRequest callback = saveCallback();
        sim.setEndpointPolicy(CHANNEL, new Script(new AnswerOutcome.Busy(Duration.ZERO), new AnswerOutcome.NoAnswer(),
                answer()));
        Instant tenMinutesLater = WEDNESDAY_10H.plus(Duration.ofMinutes(10));

        DialResult.Attempted first = dialClaimed(callback);
        assertThat(first.next()).isEqualTo(new Disposition.Retry(tenMinutesLater));
        CallbackRequest afterBusy = store.find(callback.id()).orElseThrow();
        assertThat(afterBusy.state()).isEqualTo(CallbackState.PENDING);
        assertThat(afterBusy.nextAttemptAt()).isEqualTo(tenMinutesLater);

        clock.advance(Duration.ofMinutes(10));
        DialResult.Attempted second = dialClaimed(afterBusy);
        assertThat(second.next()).isEqualTo(new Disposition.Retry(tenMinutesLater.plus(Duration.ofMinutes(10))));

        clock.advance(Duration.ofMinutes(10));
        DialResult.Attempted third = dialClaimed(store.find(callback.id()).orElseThrow());
        assertThat(third.next()).isEqualTo(new Disposition.Done());

        assertThat(store.find(callback.id()).orElseThrow().state()).isEqualTo(CallbackState.DONE);
        assertThat(store.attempts(callback.id())).extracting(CallbackAttempt::outcome)
                .containsExactly(AttemptOutcome.BUSY, AttemptOutcome.NO_ANSWER, AttemptOutcome.ANSWERED);
        assertThat(store.attempts(callback.id())).extracting(CallbackAttempt::reason)
                .containsExactly("originate reason 5", "originate reason 3", "originate reason 4");
        assertThat(count("rappel.callback.attempts", "outcome", "busy")).isEqualTo(1.0);
        assertThat(count("rappel.callback.attempts", "outcome", "no_answer")).isEqualTo(1.0);
        assertThat(count("rappel.callback.attempts", "outcome", "answered")).isEqualTo(1.0);
    }

    @Test
    void dial_threeNoAnswersFailsWithTheReason() {
        start(WEDNESDAY_10H);
        CallbackRequest callback = saveCallback();
        sim.setEndpointPolicy(CHANNEL, AnswerPolicies.noAnswer());

        DialResult.Attempted last = null;
        for (int i = 0; i < 3; i++) {
            last = dialClaimed(store.find(callback.id()).orElseThrow());
            clock.advance(Duration.ofMinutes(10));
        }

        assertThat(last.next()).isEqualTo(new Disposition.Failed("3 attempts without answer, last no_answer"));
        assertThat(store.find(callback.id()).orElseThrow().state()).isEqualTo(CallbackState.FAILED);
        assertThat(store.attempts(callback.id())).hasSize(3)
                .allSatisfy(a -> assertThat(a.outcome()).isEqualTo(AttemptOutcome.NO_ANSWER));
        assertThat(count("rappel.callback.failed")).isEqualTo(1.0);
        assertThat(count("rappel.callback.attempts", "outcome", "no_answer")).isEqualTo(3.0);
    }

    @Test
    void dial_outsideCallingHoursSendsNoOriginateAndRecordsNothing() {
        start(SATURDAY_10H);
        CallbackRequest callback = saveCallback();
        sim.setEndpointPolicy(CHANNEL, AnswerPolicies.answerAfter(Duration.ZERO, Duration.ofSeconds(1)));

        DialResult result = dialer.dial(claim(callback)).orTimeout(10, TimeUnit.SECONDS).join();

        assertThat(result).isEqualTo(new DialResult.OutsideCallingHours(MONDAY_8H30));
        assertThat(sim.originates()).isZero();
        assertThat(store.attempts(callback.id())).isEmpty();
        CallbackRequest after = store.find(callback.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(CallbackState.PENDING);
        assertThat(after.attempts()).isZero();
        assertThat(after.claimedBy()).isEmpty();
    }

    @Test
    void dial_retryPastClosingLandsInTheNextWindow() {
        start(FRIDAY_17H25);
        CallbackRequest callback = saveCallback();
        sim.setEndpointPolicy(CHANNEL, AnswerPolicies.busy());

        DialResult.Attempted result = dialClaimed(callback);

        assertThat(result.next()).isEqualTo(new Disposition.Retry(MONDAY_8H30));
        assertThat(store.find(callback.id()).orElseThrow().nextAttemptAt()).isEqualTo(MONDAY_8H30);
    }

    @Test
    void dial_amiLinkLostBeforeResponseRecordsUnknownOutcomeAndRetries() {
        start(WEDNESDAY_10H);
        CallbackRequest callback = saveCallback();
        sim.setEndpointPolicy(CHANNEL, AnswerPolicies.noAnswer());
        DialerSettings longRing = DialerSettings.defaults("PJSIP/{number}@trunk", "0140000000")
                .withRingTimeout(Duration.ofSeconds(20));
        CallbackDialer patient = new CallbackDialer(store, ami, clock, NODE, longRing, storeWorker, registry);

        var pending = patient.dial(claim(callback));
        await().until(() -> sim.originates() == 1);
        sim.networkDown(true);
        DialResult result = pending.orTimeout(10, TimeUnit.SECONDS).join();
        sim.networkDown(false);

        assertThat(result).isInstanceOf(DialResult.Attempted.class);
        DialResult.Attempted attempted = (DialResult.Attempted) result;
        assertThat(attempted.recorded().attempt().outcome()).isEqualTo(AttemptOutcome.FAILED);
        assertThat(attempted.recorded().attempt().reason()).startsWith("outcome unknown");
        assertThat(attempted.next()).isEqualTo(new Disposition.Retry(WEDNESDAY_10H.plus(Duration.ofMinutes(10))));
        assertThat(store.find(callback.id()).orElseThrow().state()).isEqualTo(CallbackState.PENDING);
        assertThat(count("rappel.callback.attempts", "outcome", "answered")).isZero();
    }

    @Test
    void dial_congestionAndFailedChannelRetryWithTheirOwnOutcome() {
        start(WEDNESDAY_10H);
        CallbackRequest callback = saveCallback();
        sim.setEndpointPolicy(CHANNEL, new Script(new AnswerOutcome.Congestion(Duration.ZERO),
                new AnswerOutcome.Failed()));

        DialResult.Attempted first = dialClaimed(callback);
        DialResult.Attempted second = dialClaimed(store.find(callback.id()).orElseThrow());

        assertThat(first.recorded().attempt().outcome()).isEqualTo(AttemptOutcome.CONGESTION);
        assertThat(second.recorded().attempt().outcome()).isEqualTo(AttemptOutcome.FAILED);
        assertThat(second.recorded().attempt().reason()).isEqualTo("originate reason 0");
        assertThat(second.next()).isInstanceOf(Disposition.Retry.class);
        assertThat(store.find(callback.id()).orElseThrow().attempts()).isEqualTo(2);
        assertThat(count("rappel.callback.attempts", "outcome", "congestion")).isEqualTo(1.0);
        assertThat(count("rappel.callback.attempts", "outcome", "failed")).isEqualTo(1.0);
    }

    @Test
    void dial_numberNotE164IsRefusedBeforeAnyStoreChange() {
        start(WEDNESDAY_10H);
        CallbackRequest callback = saveCallback();
        CallbackRequest claimed = claim(callback);
        CallbackRequest forged = new CallbackRequest(claimed.id(), claimed.service(), "+3361\r\nAction: Hangup",
                claimed.callingLine(), claimed.virtualArrival(), claimed.priority(), claimed.language(),
                claimed.ivrContext(), claimed.origin(), claimed.requestedSlot(), claimed.state(), claimed.attempts(),
                claimed.nextAttemptAt(), claimed.claimedBy(), claimed.leaseUntil());

        assertThat(dialer.dial(forged)).failsWithin(Duration.ofSeconds(2)).withThrowableThat()
                .withCauseInstanceOf(IllegalArgumentException.class);
        assertThat(sim.originates()).isZero();
        assertThat(store.find(callback.id()).orElseThrow().state()).isEqualTo(CallbackState.CLAIMED);
    }
}
