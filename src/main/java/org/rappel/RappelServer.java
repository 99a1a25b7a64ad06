package org.rappel;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.rappel.admin.AdminHttpServer;
import org.rappel.admin.ApiRoutes;
import org.rappel.admin.ApiSettings;
import org.rappel.admin.HealthRoute;
import org.rappel.admin.HealthRoute.Health;
import org.rappel.admin.HttpRoute;
import org.rappel.admin.MetricsRoute;
import org.rappel.agi.AgiScriptMapping;
import org.rappel.agi.FastAgiServer;
import org.rappel.ami.AmiConnection;
import org.rappel.callback.CallbackCall;
import org.rappel.callback.CallbackDialer;
import org.rappel.callback.CallbackNotifier;
import org.rappel.callback.CallbackNumberPolicy;
import org.rappel.callback.CallbackOffice;
import org.rappel.callback.CallbackRateLimiter;
import org.rappel.callback.WebhookNotifier;
import org.rappel.config.AgentSettings;
import org.rappel.config.CallbackSettings;
import org.rappel.config.RappelConfig;
import org.rappel.config.ServiceSettings;
import org.rappel.config.StoreSettings;
import org.rappel.estimate.EstimatorChoice;
import org.rappel.estimate.WaitTimeEstimation;
import org.rappel.estimate.WaitTimeEstimators;
import org.rappel.flow.ContactCenterQueue;
import org.rappel.flow.FlowCatalog;
import org.rappel.flow.FlowDefinitionException;
import org.rappel.flow.HoldPolicy;
import org.rappel.flow.QueueDesk;
import org.rappel.metrics.Metrics;
import org.rappel.net.Transports;
import org.rappel.queue.AgentConfig;
import org.rappel.queue.ContactCenter;
import org.rappel.queue.ServiceConfig;
import org.rappel.store.CallbackStore;
import org.rappel.store.CallbackStores;
import org.rappel.store.NodeId;
import org.rappel.store.SqliteSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Rappel process, assembled: the only place that knows how the parts fit. {@link Main} runs it from the
 * command line; end-to-end tests start it in-process on free ports.
 *
 * <p>Parts: the FastAGI server runs the IVR flows, whose {@code enqueue} nodes hand callers to the
 * {@link ContactCenterQueue}; the contact center and the wait-time estimators live on one thread,
 * {@code rappel-queue}, behind the {@link QueueDesk}; when an AMI secret is configured, an {@link AmiConnection}
 * follows the agents' channels ({@link AgentLegWatcher}); the HTTP side serves {@code /health} and
 * {@code /metrics}.
 *
 * <p>Lifecycle: construct (loads and checks the flows, so a bad flow file fails before any port opens), then
 * {@link #start()}, then {@link #close()}, which stops taking calls, lets running ones drain up to the
 * configured deadline, and releases the ports.
 */
public final class RappelServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RappelServer.class);
    /** Threads for the callback store's blocking calls (SQLite writes go through one writer anyway). */
    private static final int STORE_WORKERS = 4;
    /** How long the start waits for the callback recovery (a slow database) before taking calls anyway. */
    private static final Duration OFFICE_START_DEADLINE = Duration.ofSeconds(30);

    private final PrometheusMeterRegistry registry;
    private final ScheduledExecutorService queueOwner;
    private final QueueDesk desk;
    private final Optional<EventLoopGroup> amiGroup;
    private final Optional<AmiConnection> ami;
    private final ExecutorService storeWorker;
    private final ScheduledExecutorService officeThread;
    private final CallbackStore callbackStore;
    private final CallbackOffice office;
    private final Optional<WebhookNotifier> webhook;
    private final FlowCatalog flows;
    private final FastAgiServer agi;
    private final AdminHttpServer http;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Instant startedAt = Instant.now();
    private InetSocketAddress agiAddress;
    private InetSocketAddress httpAddress;

    public RappelServer(RappelConfig config) throws FlowDefinitionException {
        this.registry = Metrics.newRegistry();
        this.queueOwner = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rappel-queue");
            thread.setDaemon(true);
            return thread;
        });
        this.storeWorker = Executors.newFixedThreadPool(STORE_WORKERS, daemonThreads("rappel-store"));
        this.officeThread = Executors.newSingleThreadScheduledExecutor(daemonThreads("rappel-callbacks"));
        try {
            this.desk = openDesk(config, queueOwner, registry);
            this.callbackStore = openStore(config.store(), registry);
        } catch (RuntimeException e) {
            queueOwner.shutdownNow();
            storeWorker.shutdownNow();
            officeThread.shutdownNow();
            throw e;
        }
        this.amiGroup = config.ami().map(settings -> Transports.newEventLoopGroup(1, "rappel-ami"));
        this.ami = config.ami().map(settings -> {
            AmiConnection connection = new AmiConnection(settings, amiGroup.orElseThrow(), registry);
            AgentLegWatcher watcher = new AgentLegWatcher(desk,
                    config.agents().stream().map(AgentSettings::dialString).toList(), connection::sendForList);
            connection.addEventListener(watcher);
            connection.addLinkListener(watcher);
            return connection;
        });
        this.webhook = config.callback().webhook().map(w -> new WebhookNotifier(w, Clock.systemUTC(), registry));
        this.office = openOffice(config, callbackStore, desk, ami, webhook.<CallbackNotifier>map(w -> w)
                .orElse(CallbackNotifier.none()), officeThread, storeWorker, registry);
        List<HttpRoute> routes = new ArrayList<>(List.of(new HealthRoute(this::health), new MetricsRoute(registry)));
        try {
            this.flows = FlowCatalog.load(config.flowFiles(), registry,
                    new ContactCenterQueue(desk, holdPolicies(config), Clock.systemUTC(), office,
                            config.callback().numberingPlan().homeRegion(), registry), office);
            flows.checkServices(config.services().stream().map(ServiceSettings::name).collect(Collectors.toSet()));
            // "Today" for the slots is the calling hours' day, not UTC's.
            routes.addAll(ApiRoutes.create(apiSettings(config), desk.center(), office, registry,
                    Clock.system(config.callback().dialer().callingHours().zone())));
        } catch (FlowDefinitionException | RuntimeException e) {
            desk.close();
            queueOwner.shutdownNow();
            officeThread.shutdownNow();
            storeWorker.shutdownNow();
            callbackStore.close();
            webhook.ifPresent(WebhookNotifier::close);
            amiGroup.ifPresent(EventLoopGroup::shutdownGracefully);
            throw e;
        }
        CallbackCall callbackCall = new CallbackCall(office, config.services().stream()
                .collect(Collectors.toMap(ServiceSettings::name, ServiceSettings::ringTimeout)),
                config.callback().dialer().ringTimeout(), Clock.systemUTC());
        AgiScriptMapping scripts = request -> CallbackCall.SCRIPT.equals(request.script())
                ? Optional.of(callbackCall) : flows.scriptFor(request);
        this.agi = new FastAgiServer(config.agi(), scripts, registry);
        this.http = new AdminHttpServer(config.http(), routes, registry);
        log.info("Contact center: services {}, {} agent(s) configured", config.services().stream()
                .map(ServiceSettings::name).toList(), config.agents().size());
        config.callback().webhook().ifPresentOrElse(
                w -> log.info("Callback notices: webhook {} for {}", w.loggableUrl(), w.events()),
                () -> log.info("Callback notices: no webhook configured (callback.webhook.url)"));
        if (ami.isEmpty()) {
            log.info("AMI: no secret configured (ami.secret or RAPPEL_AMI_SECRET): not connecting; agents' answers"
                    + " are learnt from Dial");
        }
    }

    private static QueueDesk openDesk(RappelConfig config, ScheduledExecutorService owner, MeterRegistry registry) {
        List<ServiceConfig> services = config.services().stream()
                .map(s -> new ServiceConfig(s.name(), s.weight())).toList();
        List<AgentConfig> agents = config.agents().stream()
                .map(a -> new AgentConfig(a.id(), a.dialString(), a.skills(), a.wrapUp(), a.missedCallPause())).toList();
        List<String> loggedIn = config.agents().stream().filter(AgentSettings::loggedIn).map(AgentSettings::id)
                .toList();
        Map<String, String> estimators = config.services().stream()
                .collect(Collectors.toMap(ServiceSettings::name, ServiceSettings::estimator));
        WaitTimeEstimation estimation = new WaitTimeEstimation(WaitTimeEstimators.all(),
                new EstimatorChoice(EstimatorChoice.DEFAULT_ESTIMATOR, estimators), registry);
        return QueueDesk.open(services, agents, loggedIn, owner, Clock.systemUTC(), registry, estimation);
    }

    /** The configured tokens, or an admin token generated into the data folder when none is configured. */
    private static ApiSettings apiSettings(RappelConfig config) {
        try {
            return config.api().withGeneratedTokenIfNone(config.store().dataDir());
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the generated API token in " + config.store().dataDir()
                    + ": " + e.getMessage(), e);
        }
    }

    private static CallbackStore openStore(StoreSettings settings, MeterRegistry registry) {
        return settings.postgres()
                .map(pg -> CallbackStores.openPostgres(pg, Clock.systemUTC(), registry))
                .orElseGet(() -> CallbackStores.openSqlite(SqliteSettings.defaults(settings.dataDir()),
                        Clock.systemUTC(), registry));
    }

    private static CallbackOffice openOffice(RappelConfig config, CallbackStore store, QueueDesk desk,
                                             Optional<AmiConnection> ami, CallbackNotifier notifier,
                                             ScheduledExecutorService officeThread,
                                             ExecutorService storeWorker, MeterRegistry registry) {
        CallbackSettings callback = config.callback();
        NodeId node = new NodeId(config.nodeId());
        Optional<CallbackDialer> dialer = ami.map(connection -> new CallbackDialer(store, connection,
                Clock.systemUTC(), node, callback.dialer(), storeWorker, registry));
        return new CallbackOffice(store, desk, new CallbackNumberPolicy(callback.numberingPlan(), registry),
                new CallbackRateLimiter(callback.rateLimits(), Clock.systemUTC(), registry), dialer,
                config.services().stream().map(ServiceSettings::callbacks).toList(), notifier,
                callback.office(), Clock.systemUTC(), node, officeThread, storeWorker, registry);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static Map<String, HoldPolicy> holdPolicies(RappelConfig config) {
        return config.services().stream().collect(Collectors.toMap(ServiceSettings::name,
                s -> new HoldPolicy(s.priority(), s.announceEvery(), s.ringTimeout(),
                        s.callbacks().openingHours().zone())));
    }

    public RappelServer start() throws InterruptedException {
        httpAddress = http.start();
        ami.ifPresent(AmiConnection::start);
        // Before any call is taken: a callback's call answered while this node was down must find the previous
        // run's claims already settled, so that it is kept (adopted) rather than turned away.
        try {
            office.start().get(OFFICE_START_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("callback recovery not finished after {} s; taking calls all the same: {}",
                    OFFICE_START_DEADLINE.toSeconds(), e.toString());
        }
        agiAddress = agi.start();
        log.info("Rappel ready: FastAGI on {}, HTTP on {}, hotlines {}", agiAddress, httpAddress, flows.hotlines());
        return this;
    }

    public InetSocketAddress agiAddress() {
        return agiAddress;
    }

    public InetSocketAddress httpAddress() {
        return httpAddress;
    }

    public int activeCalls() {
        return agi.activeSessions();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The contact center as a quick view, from its gauges (read without waiting for its thread). */
    private Health health() {
        double waiting = registry.find("rappel.queue.contacts.waiting").gauges().stream()
                .mapToDouble(Gauge::value).sum();
        Gauge available = registry.find("rappel.agents").tag("state", "available").gauge();
        return new Health(!draining.get(), Map.of(
                "activeCalls", agi.activeSessions(),
                "hotlines", flows.hotlines(),
                "waitingContacts", (long) waiting,
                "agentsAvailable", available == null ? 0L : (long) available.value(),
                "ami", ami.map(a -> a.isReady() ? "connected" : "down").orElse("off"),
                "uptimeSeconds", Duration.between(startedAt, Instant.now()).toSeconds()));
    }

    /** The callback office (every channel's callback requests). */
    public CallbackOffice callbackOffice() {
        return office;
    }

    /** The contact center (agents' and supervisors' commands). */
    public ContactCenter contactCenter() {
        return desk.center();
    }

    /** Stops taking calls, drains the running ones, then closes the HTTP side. Idempotent. */
    @Override
    public void close() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        log.info("Rappel stopping: draining {} running call(s)", agi.activeSessions());
        // First: no callback is dialled while calls drain, or its answered call would find the FastAGI port closed.
        office.close();
        agi.shutdown();
        ami.ifPresent(AmiConnection::close);
        amiGroup.ifPresent(EventLoopGroup::shutdownGracefully);
        desk.close();
        queueOwner.shutdownNow();
        officeThread.shutdownNow();
        storeWorker.shutdown();
        try {
            if (!storeWorker.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("callback store calls still running after 5 s; closing the store anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        callbackStore.close();
        // After the office: the notices it sent while stopping are delivered (for a bounded time).
        webhook.ifPresent(WebhookNotifier::close);
        http.close();
        registry.close();
        log.info("Rappel stopped");
    }
}
