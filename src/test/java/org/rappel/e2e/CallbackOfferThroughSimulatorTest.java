package org.rappel.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rappel.agi.AgiServerSettings;
import org.rappel.agi.FastAgiServer;
import org.rappel.callback.CallbackNotifier;
import org.rappel.callback.CallbackNumberPolicy;
import org.rappel.callback.CallbackOffice;
import org.rappel.callback.CallbackRateLimiter;
import org.rappel.callback.CallingHours;
import org.rappel.callback.NumberingPlanSettings;
import org.rappel.callback.OfficeSettings;
import org.rappel.callback.RateLimitSettings;
import org.rappel.callback.ServiceCallbacks;
import org.rappel.estimate.EstimatorChoice;
import org.rappel.estimate.WaitTimeEstimation;
import org.rappel.estimate.WaitTimeEstimators;
import org.rappel.flow.ContactCenterQueue;
import org.rappel.flow.FlowCatalog;
import org.rappel.flow.QueueDesk;
import org.rappel.queue.ContactKind;
import org.rappel.queue.ServiceConfig;
import org.rappel.sim.agi.AgiSimulator;
import org.rappel.sim.agi.CallTranscript;
import org.rappel.sim.agi.CallerInput;
import org.rappel.sim.agi.CallerScript;
import org.rappel.sim.agi.HangupPlan;
import org.rappel.sim.agi.SimulatorSettings;
import org.rappel.store.CallbackRequest;
import org.rappel.store.CallbackState;
import org.rappel.store.CallbackStore;
import org.rappel.store.CallbackStores;
import org.rappel.store.NodeId;
import org.rappel.store.SqliteSettings;

/**
 * The IVR's side of callbacks end to end, over real sockets: the embedded hotline, the real callback office on a
 * SQLite store in a temporary folder, the real queue desk, and the simulated Asterisk calling in. Assembled here as
 * the server will assemble it, so the test does not depend on the server's wiring. No agent is logged in: the
 * wait cannot be estimated, so the office offers a callback on entry. Caller-side times are scaled by 0.02.
 */
class CallbackOfferThroughSimulatorTest {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService queueOwner;
    private ScheduledExecutorService officeThread;
    private ExecutorService storeWorker;
    private QueueDesk desk;
    private CallbackStore store;
    private CallbackOffice office;
    private FastAgiServer agi;
    private InetSocketAddress address;
    private AgiSimulator simulator;

    @BeforeEach
    void start() throws Exception {
        queueOwner = Executors.newSingleThreadScheduledExecutor();
        officeThread = Executors.newSingleThreadScheduledExecutor();
        storeWorker = Executors.newFixedThreadPool(2);
        List<String> services = List.of("prestations", "logement", "general");
        desk = QueueDesk.open(services.stream().map(ServiceConfig::of).toList(), List.of(), List.of(), queueOwner,
                clock, registry, new WaitTimeEstimation(WaitTimeEstimators.all(),
                        new EstimatorChoice(EstimatorChoice.DEFAULT_ESTIMATOR, Map.of()), registry));
        store = CallbackStores.openSqlite(SqliteSettings.defaults(dir), clock, registry);
        office = new CallbackOffice(store, desk, new CallbackNumberPolicy(NumberingPlanSettings.france(), registry),
                new CallbackRateLimiter(RateLimitSettings.defaults(), clock, registry), Optional.empty(),
                services.stream().map(s -> ServiceCallbacks.defaults(s, CallingHours.always())).toList(),
                CallbackNotifier.none(), OfficeSettings.defaults(), clock, new NodeId("e2e"), officeThread,
                storeWorker, registry);
        ContactCenterQueue queue = new ContactCenterQueue(desk, Map.of(), clock, office, "FR", registry);
        FlowCatalog flows = FlowCatalog.load(List.of(), registry, queue, office);
        AgiServerSettings d = AgiServerSettings.defaults();
        agi = new FastAgiServer(new AgiServerSettings("127.0.0.1", 0, d.allowedNetworks(), d.maxLineLength(),
                d.maxEnvironmentLines(), d.environmentTimeout(), d.hangupCloseDelay(), Duration.ofSeconds(2)),
                flows, registry);
        address = agi.start();
        office.start().get(10, TimeUnit.SECONDS);
        simulator = new AgiSimulator(SimulatorSettings.defaults().withTimeScale(0.02));
    }

    @AfterEach
    void stop() throws Exception {
        if (simulator != null) {
            simulator.close();
        }
        if (agi != null) {
            agi.close();
        }
        if (office != null) {
            office.close();
        }
        if (store != null) {
            store.close();
        }
        desk.close();
        queueOwner.shutdownNow();
        officeThread.shutdownNow();
        storeWorker.shutdownNow();
    }

    private CallTranscript call(CallerInput... inputs) throws Exception {
        CallerScript script = CallerScript.builder().script("hotline").language("fr").callerId("0612345678")
                .inputs(inputs).build();
        return simulator.call(address, script).get(30, TimeUnit.SECONDS);
    }

    private void storedAndInLine(CallTranscript transcript) throws Exception {
        // Confirmed only after it was stored: the store holds it, and it waits in the line in the caller's place.
        List<CallbackRequest> active = store.activeFor("+33612345678");
        assertThat(active).singleElement().satisfies(callback -> {
            assertThat(callback.service()).isEqualTo("prestations");
            assertThat(callback.state()).isEqualTo(CallbackState.PENDING);
            assertThat(callback.ivrContext()).containsEntry("language", "fr").containsEntry("hotline", "hotline");
        });
        // The held caller left the line as a callback (withdrawn, not abandoned). Without a dialer the office keeps
        // the callback out of line until it can dial: the store is the truth here.
        await().atMost(Duration.ofSeconds(5)).until(() -> desk.center().snapshot().get(5, TimeUnit.SECONDS)
                .services().stream().flatMap(service -> service.waiting().stream())
                .noneMatch(waiting -> waiting.contact().kind() == ContactKind.LIVE_CALL));
        assertThat(registry.get("rappel.queue.contacts.abandoned").tags("service", "prestations").counter().count())
                .isZero();
        assertThat(transcript.commands()).last().isEqualTo("HANGUP");
        assertThat(registry.get("rappel.callback.offer.results").tags("service", "prestations", "result",
                "accepted").counter().count()).isEqualTo(1.0);
    }

    @Test
    void callerDeclinesTheOfferThenPressesTheKeyOnHold_confirmsAndIsToldOnlyOnceStored() throws Exception {
        CallTranscript transcript = call(CallerInput.keys("1"), CallerInput.keys("1"),
                CallerInput.keys("2"),          // the offer on entry: stay on the line
                CallerInput.keys("1"),          // on hold: the callback key
                CallerInput.keys("1"));         // the number read back: confirm

        assertThat(transcript.soundNames()).containsSubsequence("rappel/callback-offer",
                "rappel/callback-your-number", "rappel/callback-confirm-number", "rappel/callback-confirmed",
                "rappel/goodbye");
        assertThat(transcript.commands()).contains("SET MUSIC ON default", "WAIT FOR DIGIT 1000",
                "SAY DIGITS 0612345678 0123456789*#");
        storedAndInLine(transcript);
        assertThat(registry.get("rappel.callback.offers").tags("service", "prestations", "reason", "caller_key")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void callerAcceptsTheOfferOnEntry_confirmed() throws Exception {
        CallTranscript transcript = call(CallerInput.keys("1"), CallerInput.keys("1"), CallerInput.keys("1"),
                CallerInput.keys("1"));

        assertThat(transcript.soundNames()).containsSubsequence("rappel/callback-offer",
                "rappel/callback-confirmed", "rappel/goodbye");
        storedAndInLine(transcript);
    }

    @Test
    void nextCallFromTheSameNumber_cancelsThePendingCallback() throws Exception {
        call(CallerInput.keys("1"), CallerInput.keys("1"), CallerInput.keys("1"), CallerInput.keys("1"));
        assertThat(store.activeFor("+33612345678")).hasSize(1);

        CallerScript again = CallerScript.builder().script("hotline").language("fr").callerId("0612345678")
                .inputs(CallerInput.keys("1"), CallerInput.keys("1"))   // French; cancel the callback
                .hangUp(new HangupPlan.DuringInput(3, Duration.ofMillis(100))).build(); // at the main menu
        CallTranscript transcript = simulator.call(address, again).get(30, TimeUnit.SECONDS);

        assertThat(transcript.soundNames()).containsSubsequence("rappel/callback-pending",
                "rappel/callback-cancelled", "rappel/main-menu");
        assertThat(store.activeFor("+33612345678")).isEmpty();
    }
}
