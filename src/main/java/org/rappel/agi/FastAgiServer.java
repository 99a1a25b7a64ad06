package org.rappel.agi;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.rappel.net.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI server: Asterisk opens one TCP connection per {@code AGI(agi://host:port/<script>)} call, and
 * the server runs the {@link AgiScript} that {@link AgiScriptMapping} picks for the script path, non-blocking,
 * on one Netty event loop per connection (epoll when available, else NIO).
 *
 * <p>Connections from outside {@link AgiServerSettings#allowedNetworks()} are closed at once. A connection that
 * sends bad input, no complete environment within {@link AgiServerSettings#environmentTimeout()}, or an unknown
 * script path is closed with a warning and a counter; a script that fails is logged once and its connection
 * closed; none of that touches other connections.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #shutdown()} (or {@link #close()}) from any thread but the
 * server's own event loops. Start and shutdown are serialized by this object's monitor.
 */
public final class FastAgiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FastAgiServer.class);
    private static final Duration MAX_HANGUP_CLOSE_DELAY = Duration.ofSeconds(1);

    private enum State { NEW, RUNNING, STOPPED }

    private final AgiServerSettings settings;
    private final AgiMetrics metrics;
    private final FastAgiInitializer initializer;
    private final ChannelGroup connections = new DefaultChannelGroup("fastagi-connections", GlobalEventExecutor.INSTANCE);

    private State state = State.NEW;
    private EventLoopGroup acceptor;
    private EventLoopGroup workers;
    private Channel listener;

    /**
     * @throws IllegalArgumentException when a setting is out of range or an allowed network is not a CIDR block
     */
    public FastAgiServer(AgiServerSettings settings, AgiScriptMapping scripts, MeterRegistry registry) {
        this.settings = validated(Objects.requireNonNull(settings, "settings"));
        List<IpSubnetFilterRule> allowedNetworks = AgiAllowlist.rules(settings.allowedNetworks());
        this.metrics = new AgiMetrics(Objects.requireNonNull(registry, "registry"));
        AgiAllowlist allowlist = new AgiAllowlist(allowedNetworks, metrics);
        this.initializer = new FastAgiInitializer(settings, Objects.requireNonNull(scripts, "scripts"), metrics,
                allowlist, connections);
    }

    /**
     * Binds and starts accepting connections.
     *
     * @return the bound address (with the chosen port when the settings asked for port 0)
     * @throws IllegalStateException when already started, or the address cannot be bound
     */
    public synchronized InetSocketAddress start() throws InterruptedException {
        if (state != State.NEW) {
            throw new IllegalStateException("FastAGI server already " + state.name().toLowerCase());
        }
        acceptor = Transports.newEventLoopGroup(1, "rappel-agi-accept");
        workers = Transports.newEventLoopGroup(0, "rappel-agi");
        try {
            listener = new ServerBootstrap()
                    .group(acceptor, workers)
                    .channel(Transports.serverChannelType())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    // An Asterisk host that vanishes mid-call would otherwise hold its sessions for the ~15 min
                    // of TCP retransmissions; keepalive probes notice a dead peer.
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childHandler(initializer)
                    .bind(settings.bindHost(), settings.port())
                    .sync()
                    .channel();
        } catch (InterruptedException e) {
            stopAfterFailedStart();
            throw e;
        } catch (Exception e) {
            stopAfterFailedStart();
            throw new IllegalStateException("FastAGI server cannot listen on " + settings.bindHost() + ":"
                    + settings.port() + ": " + e, e);
        }
        state = State.RUNNING;
        InetSocketAddress bound = (InetSocketAddress) listener.localAddress();
        log.info("FastAGI server listening on {} ({}), allowed networks {}", bound, Transports.name(),
                settings.allowedNetworks());
        return bound;
    }

    /** Calls whose environment arrived and whose script is still running. */
    public int activeSessions() {
        return metrics.activeSessions();
    }

    /**
     * Stops accepting at once, lets running calls go on up to {@link AgiServerSettings#drainDeadline()}, then
     * closes the connections left and stops the event loops. Returns when all of that is done. Idempotent.
     */
    public synchronized void shutdown() {
        if (state == State.NEW) {
            metrics.close();
        }
        if (state != State.RUNNING) {
            state = State.STOPPED;
            return;
        }
        state = State.STOPPED;
        listener.close().awaitUninterruptibly();
        long deadline = System.nanoTime() + settings.drainDeadline().toNanos();
        log.info("FastAGI server stopped accepting; draining {} connections for up to {} ms", connections.size(),
                settings.drainDeadline().toMillis());
        for (Channel connection : List.copyOf(connections)) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !connection.closeFuture().awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                break;
            }
        }
        // The group drops a closed channel in a listener that may run just after the await returned.
        long stillOpen = connections.stream().filter(Channel::isOpen).count();
        if (stillOpen > 0) {
            log.warn("FastAGI drain deadline reached: closing {} connections still running", stillOpen);
        }
        connections.close().awaitUninterruptibly();
        stopEventLoops();
        metrics.close();
        log.info("FastAGI server stopped");
    }

    @Override
    public void close() {
        shutdown();
    }

    private void stopAfterFailedStart() {
        state = State.STOPPED;
        stopEventLoops();
        metrics.close();
    }

    private void stopEventLoops() {
        for (EventLoopGroup group : new EventLoopGroup[] {acceptor, workers}) {
            if (group != null) {
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
            }
        }
    }

    private static AgiServerSettings validated(AgiServerSettings settings) {
        require(settings.port() >= 0 && settings.port() <= 65535, "port", settings.port());
        require(settings.maxLineLength() > 0, "maxLineLength", settings.maxLineLength());
        require(settings.maxEnvironmentLines() > 0, "maxEnvironmentLines", settings.maxEnvironmentLines());
        require(isPositive(settings.environmentTimeout()), "environmentTimeout", settings.environmentTimeout());
        require(isPositive(settings.hangupCloseDelay())
                        && settings.hangupCloseDelay().compareTo(MAX_HANGUP_CLOSE_DELAY) < 0,
                "hangupCloseDelay (must stay below 1 s: Asterisk keeps a zombie channel until the close)",
                settings.hangupCloseDelay());
        require(!settings.drainDeadline().isNegative(), "drainDeadline", settings.drainDeadline());
        return settings;
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    private static void require(boolean valid, String name, Object value) {
        if (!valid) {
            throw new IllegalArgumentException("FastAGI setting " + name + " out of range: " + value);
        }
    }
}
