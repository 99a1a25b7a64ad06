package org.rappel;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rappel.admin.AdminHttpServer;
import org.rappel.admin.HealthRoute;
import org.rappel.admin.HealthRoute.Health;
import org.rappel.admin.MetricsRoute;
import org.rappel.agi.FastAgiServer;
import org.rappel.config.RappelConfig;
import org.rappel.flow.FlowCatalog;
import org.rappel.flow.FlowDefinitionException;
import org.rappel.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Rappel process, assembled: the only place that knows how the parts fit. {@link Main} runs it from the
 * command line; end-to-end tests start it in-process on free ports.
 *
 * <p>Lifecycle: construct (loads and checks the flows, so a bad flow file fails before any port opens), then
 * {@link #start()}, then {@link #close()}, which stops taking calls, lets running ones drain up to the
 * configured deadline, and releases the ports.
 */
public final class RappelServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RappelServer.class);

    private final PrometheusMeterRegistry registry;
    private final FlowCatalog flows;
    private final FastAgiServer agi;
    private final AdminHttpServer http;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Instant startedAt = Instant.now();
    private InetSocketAddress agiAddress;
    private InetSocketAddress httpAddress;

    public RappelServer(RappelConfig config) throws FlowDefinitionException {
        this.registry = Metrics.newRegistry();
        this.flows = FlowCatalog.load(config.flowFiles(), registry);
        this.agi = new FastAgiServer(config.agi(), flows, registry);
        this.http = new AdminHttpServer(config.http(), List.of(
                new HealthRoute(this::health),
                new MetricsRoute(registry)));
    }

    public RappelServer start() throws InterruptedException {
        httpAddress = http.start();
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

    private Health health() {
        return new Health(!draining.get(), Map.of(
                "activeCalls", agi.activeSessions(),
                "hotlines", flows.hotlines(),
                "uptimeSeconds", Duration.between(startedAt, Instant.now()).toSeconds()));
    }

    /** Stops taking calls, drains the running ones, then closes the HTTP side. Idempotent. */
    @Override
    public void close() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        log.info("Rappel stopping: draining {} running call(s)", agi.activeSessions());
        agi.shutdown();
        http.close();
        registry.close();
        log.info("Rappel stopped");
    }
}
