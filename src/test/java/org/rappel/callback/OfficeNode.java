package org.rappel.callback;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rappel.ami.AmiConnection;
import org.rappel.ami.AmiSettings;
import org.rappel.estimate.EstimatorChoice;
import org.rappel.estimate.WaitTimeEstimation;
import org.rappel.estimate.WaitTimeEstimators;
import org.rappel.flow.QueueDesk;
import org.rappel.net.Transports;
import org.rappel.queue.AgentConfig;
import org.rappel.queue.ServiceConfig;
import org.rappel.queue.WaitingContact;
import org.rappel.sim.ami.AmiSimulator;
import org.rappel.store.CallbackStore;
import org.rappel.store.NodeId;

/**
 * One Rappel node's callback side for tests, with its real parts: a queue desk and contact center (service
 * {@value #SERVICE}, agents agent101 and agent102), an AMI connection to the simulator, the dialer and the office,
 * on the given store. Rings last 300 ms; two attempts 10 minutes apart.
 */
final class OfficeNode implements AutoCloseable {
    static final String SERVICE = "impots";
    static final String AMI_USER = "rappel";
    static final String AMI_SECRET = "office-secret";

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final QueueDesk desk;
    final CallbackOffice office;
    private final ExecutorService storeWorker = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService officeThread = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService queueThread = Executors.newSingleThreadScheduledExecutor();
    private final EventLoopGroup group = Transports.newEventLoopGroup(1, "office-node");
    private final AmiConnection ami;

    OfficeNode(NodeId node, CallbackStore store, AmiSimulator sim, Clock clock, ServiceCallbacks service,
               CallingHours callingHours, CallbackNotifier notifier, String... loggedIn) {
        ami = new AmiConnection(new AmiSettings("127.0.0.1", sim.port(), AMI_USER, AMI_SECRET, Duration.ofSeconds(30),
                Duration.ofSeconds(2), Duration.ofMillis(20), Duration.ofMillis(200)), group, registry);
        ami.start();
        await().until(ami::isReady);
        WaitTimeEstimation estimation = new WaitTimeEstimation(WaitTimeEstimators.all(),
                new EstimatorChoice(EstimatorChoice.DEFAULT_ESTIMATOR, Map.of()), registry);
        desk = QueueDesk.open(List.of(ServiceConfig.of(SERVICE)), List.of(
                        new AgentConfig("agent101", "PJSIP/agent101", Map.of(SERVICE, 1), Duration.ZERO),
                        new AgentConfig("agent102", "PJSIP/agent102", Map.of(SERVICE, 1), Duration.ZERO)),
                List.of(loggedIn), queueThread, clock, registry, estimation);
        DialerSettings dialing = DialerSettings.defaults("PJSIP/{number}@trunk", "\"Impots\" <0140000000>")
                .withRingTimeout(Duration.ofMillis(300)).withRetries(2, Duration.ofMinutes(10))
                .withCallingHours(callingHours);
        CallbackDialer dialer = new CallbackDialer(store, ami, clock, node, dialing, storeWorker, registry);
        office = new CallbackOffice(store, desk, new CallbackNumberPolicy(NumberingPlanSettings.france(), registry),
                new CallbackRateLimiter(RateLimitSettings.defaults(), clock, registry), Optional.of(dialer),
                List.of(service), notifier, new OfficeSettings(Duration.ofMinutes(10), 30, Duration.ofSeconds(30)),
                clock, node, officeThread, storeWorker, registry);
    }

    /** The service's waiting contacts, in order. */
    List<WaitingContact> waiting() {
        return desk.center().snapshot().join().services().get(0).waiting();
    }

    @Override
    public void close() {
        office.close();
        ami.closeAsync().orTimeout(5, TimeUnit.SECONDS).join();
        desk.close();
        officeThread.shutdownNow();
        queueThread.shutdownNow();
        storeWorker.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
