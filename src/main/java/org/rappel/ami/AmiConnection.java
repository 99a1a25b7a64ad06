package org.rappel.ami;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.rappel.net.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One managed connection to one Asterisk's manager interface: connect, log in, wait for {@code FullyBooted},
 * keep the link checked with {@code Ping}, and on any loss reconnect with exponential backoff and jitter, for as
 * long as the connection is not {@link #close() closed}. A refused login is logged as an ERROR, counted, and
 * retried with the same backoff; it never ends the process.
 *
 * <p>Built on Netty rather than Asterisk-Java's manager API: the socket lives on one of the event loops that
 * already carry FastAGI and HTTP, with no reader thread per connection and no blocking, and messages are decoded
 * into sealed records rather than built by reflection.
 *
 * <p>Actions are matched to their responses by an ActionID this class makes ({@code <prefix>-<n>}, the prefix
 * random per connection because Asterisk sends {@code OriginateResponse} events to every session). Futures
 * fail with {@link AmiConnectionException} when the link is down or drops before the answer, and with
 * {@link TimeoutException} after {@link AmiSettings#actionTimeout()}. Listeners are told of
 * {@link AmiLinkChange link changes}, so the owner can resync after a reconnect and knows when Asterisk itself
 * restarted.
 *
 * <p>Threads: every field below the marker is owned by one event loop taken from the group; the channel is
 * registered on that same loop, and public methods post to it. Futures, event and link listeners all run on it:
 * they must not block. Public methods may be called from any thread.
 */
public final class AmiConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AmiConnection.class);
    /** A {@code Command} output with thousands of channels runs to a few hundred KiB; far beyond is a fault. */
    static final int MAX_MESSAGE_BYTES = 1 << 20;
    private static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(30);

    private enum Phase { NEW, CONNECTING, LOGGING_IN, BOOTING, READY, WAITING, CLOSED }

    private final AmiSettings settings;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final AmiMetrics metrics;
    private final ReconnectBackoff backoff;
    private final String idPrefix;
    private final AtomicLong actionIds = new AtomicLong();
    private final List<AmiEventListener> eventListeners = new CopyOnWriteArrayList<>();
    private final List<AmiLinkListener> linkListeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    // ---- owned by `loop` ----
    private volatile Phase phase = Phase.NEW;
    private Session session;
    private int failedAttempts;
    private boolean everReady;
    private final AsteriskBoots boots;
    private final PendingActions pending;
    private final OriginateOutcomes originates;
    private ScheduledFuture<?> pingTimer;
    private ScheduledFuture<?> bootTimer;

    public AmiConnection(AmiSettings settings, EventLoopGroup group, MeterRegistry registry) {
        this(settings, group, registry, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** With the clock that reads {@code Uptime} and the jitter source injected, for tests. */
    AmiConnection(AmiSettings settings, EventLoopGroup group, MeterRegistry registry, Clock clock,
                  DoubleSupplier jitter) {
        this.settings = settings;
        this.loop = group.next();
        this.metrics = new AmiMetrics(registry, settings.address());
        this.backoff = new ReconnectBackoff(settings.reconnectMinBackoff(), settings.reconnectMaxBackoff(), jitter);
        this.idPrefix = "rappel-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        this.boots = new AsteriskBoots(clock);
        this.pending = new PendingActions(loop, settings.actionTimeout(), metrics);
        this.originates = new OriginateOutcomes(loop);
        this.bootstrap = new Bootstrap().group(loop).channel(Transports.socketChannelType())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.actionTimeout().toMillis())
                .remoteAddress(settings.host(), settings.port());
    }

    /** Starts connecting; returns at once. The link listeners say when it is up. */
    public void start() {
        loop.execute(() -> {
            if (phase == Phase.NEW) {
                connect();
            }
        });
    }

    /** Logged in and booted: actions are accepted. */
    public boolean isReady() {
        return phase == Phase.READY;
    }

    public void addEventListener(AmiEventListener listener) {
        eventListeners.add(listener);
    }

    public void removeEventListener(AmiEventListener listener) {
        eventListeners.remove(listener);
    }

    public void addLinkListener(AmiLinkListener listener) {
        linkListeners.add(listener);
    }

    /** Sends one action; the future gets its response, whether {@code Success} or {@code Error}. */
    public CompletableFuture<AmiResponse> send(AmiAction action) {
        String actionId = nextActionId();
        CompletableFuture<AmiResponse> response = new CompletableFuture<>();
        loop.execute(() -> sendOnLoop(actionId, action, response, true));
        return response;
    }

    /**
     * Sends an asynchronous Originate and follows it to its {@code OriginateResponse}, which is waited for as long
     * as the ring timeout plus the action timeout.
     */
    public PendingOriginate originate(OriginateAction action) {
        if (!action.async()) {
            throw new IllegalArgumentException("originate() follows asynchronous Originates; send() a synchronous one");
        }
        String actionId = nextActionId();
        PendingOriginate call = new PendingOriginate(actionId, new CompletableFuture<>(), new CompletableFuture<>());
        Duration patience = action.timeout().orElse(DEFAULT_RING_TIMEOUT).plus(settings.actionTimeout());
        loop.execute(() -> {
            originates.add(actionId, call.outcome(), patience);
            // Registered on the loop, so that it also runs there when the response is already in.
            call.queued().whenComplete((response, failure) -> {
                if (failure != null) {
                    originates.fail(actionId, failure);
                } else if (!response.isSuccess()) {
                    originates.fail(actionId, new AmiActionFailedException(response));
                }
            });
            sendOnLoop(actionId, action, call.queued(), true);
        });
        return call;
    }

    /** Logs off and stops reconnecting; the future completes once the socket is closed. Idempotent. */
    @Override
    public void close() {
        closeAsync();
    }

    public CompletableFuture<Void> closeAsync() {
        loop.execute(() -> {
            if (phase == Phase.CLOSED) {
                return;
            }
            boolean wasReady = phase == Phase.READY;
            phase = Phase.CLOSED;
            cancelTimers();
            if (session == null) {
                closed.complete(null);
            } else if (wasReady) {
                // Asterisk answers Goodbye and closes; the timer closes if it does not.
                Channel channel = session.channel;
                channel.writeAndFlush(new AmiRequest(nextActionId(), new LogoffAction()));
                loop.schedule(() -> { channel.close(); }, settings.actionTimeout().toNanos(), TimeUnit.NANOSECONDS);
            } else {
                session.channel.close();
            }
        });
        return closed;
    }

    private String nextActionId() {
        return idPrefix + "-" + actionIds.incrementAndGet();
    }

    private void sendOnLoop(String actionId, AmiAction action, CompletableFuture<AmiResponse> response,
                            boolean userAction) {
        if (session == null || (userAction && phase != Phase.READY)) {
            metrics.action(action.name(), "not_connected");
            response.completeExceptionally(new AmiConnectionException(
                    "not logged in to Asterisk " + settings.address() + " (" + phase + ")"));
            return;
        }
        pending.add(actionId, action.name(), response);
        session.channel.writeAndFlush(new AmiRequest(actionId, action)).addListener(written -> {
            if (!written.isSuccess()) {
                pending.fail(actionId, new AmiConnectionException("could not send " + action.name() + ": "
                        + written.cause()), "disconnected");
            }
        });
    }

    private void connect() {
        phase = Phase.CONNECTING;
        ChannelFuture connecting = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                Session s = new Session(ch);
                session = s;
                ch.pipeline().addLast(new AmiDecoder(true, MAX_MESSAGE_BYTES), new AmiActionEncoder(),
                        new AmiChannelHandler(s));
            }
        }).connect();
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                log.warn("AMI connect to {} failed: {}", settings.address(), f.cause().toString());
                session = null;
                retryLater();
            }
        });
    }

    private void retryLater() {
        if (phase == Phase.CLOSED) {
            closed.complete(null);
            return;
        }
        phase = Phase.WAITING;
        failedAttempts++;
        Duration delay = backoff.delay(failedAttempts);
        log.info("AMI reconnecting to {} in {} ms (attempt {})", settings.address(), delay.toMillis(),
                failedAttempts);
        loop.schedule(() -> {
            if (phase == Phase.WAITING) {
                metrics.reconnect();
                connect();
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void becomeReady(Optional<Duration> uptime) {
        if (bootTimer != null) {
            bootTimer.cancel(false);
        }
        boolean restarted = boots.booted(uptime);
        AmiLinkChange.Kind kind = !everReady ? AmiLinkChange.Kind.CONNECTED
                : restarted ? AmiLinkChange.Kind.ASTERISK_RESTARTED : AmiLinkChange.Kind.RECONNECTED;
        phase = Phase.READY;
        everReady = true;
        failedAttempts = 0;
        metrics.connected(true);
        long every = settings.pingInterval().toNanos();
        pingTimer = loop.scheduleAtFixedRate(this::ping, every, every, TimeUnit.NANOSECONDS);
        log.info("AMI {} to {} as {} (Asterisk uptime {})", kind, settings.address(), settings.username(),
                uptime.map(Duration::toString).orElse("unknown"));
        tell(new AmiLinkChange(kind, "logged in", uptime));
    }

    private void ping() {
        Session s = session;
        if (phase != Phase.READY || s == null) {
            return;
        }
        CompletableFuture<AmiResponse> pong = new CompletableFuture<>();
        sendOnLoop(nextActionId(), new PingAction(), pong, false);
        pong.whenComplete((r, failure) -> {
            if (failure instanceof TimeoutException && session == s) {
                log.warn("AMI {}: no Pong within {}; reconnecting", settings.address(), settings.actionTimeout());
                s.channel.close();
            }
        });
    }

    private void cancelTimers() {
        if (pingTimer != null) {
            pingTimer.cancel(false);
        }
        if (bootTimer != null) {
            bootTimer.cancel(false);
        }
    }

    private void tell(AmiLinkChange change) {
        for (AmiLinkListener l : linkListeners) {
            try {
                l.onLinkChange(change);
            } catch (RuntimeException e) {
                log.error("AMI link listener {} failed on {}", l, change.kind(), e);
            }
        }
    }

    private void deliver(AmiEvent event) {
        for (AmiEventListener l : eventListeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                log.error("AMI event listener {} failed on {}", l, event.name(), e);
            }
        }
    }

    /** One TCP connection's life; its callbacks run on {@code loop}, and are ignored once it is not current. */
    private final class Session implements AmiChannelHandler.Inbound {
        private final Channel channel;

        Session(Channel channel) {
            this.channel = channel;
        }

        private boolean current() {
            return session == this;
        }

        @Override
        public void banner(AmiBanner banner) {
            if (!current()) {
                return;
            }
            if (!banner.isAsterisk()) {
                log.error("AMI {}: not an Asterisk manager (banner '{}'); closing", settings.address(),
                        banner.text());
                channel.close();
                return;
            }
            phase = Phase.LOGGING_IN;
            CompletableFuture<AmiResponse> login = new CompletableFuture<>();
            sendOnLoop(nextActionId(), new LoginAction(settings.username(), settings.secret()), login, false);
            login.whenComplete(this::loginAnswered);
        }

        private void loginAnswered(AmiResponse response, Throwable failure) {
            if (!current() || phase != Phase.LOGGING_IN) {
                return;
            }
            if (failure != null) {
                log.warn("AMI {}: login got no answer ({}); reconnecting", settings.address(), failure.toString());
                channel.close();
            } else if (response.isSuccess()) {
                phase = Phase.BOOTING;
                bootTimer = loop.schedule(() -> {
                    if (current() && phase == Phase.BOOTING) {
                        log.warn("AMI {}: no FullyBooted after login; going on without Asterisk's uptime",
                                settings.address());
                        becomeReady(Optional.empty());
                    }
                }, settings.actionTimeout().toNanos(), TimeUnit.NANOSECONDS);
            } else {
                metrics.loginRefused();
                log.error("AMI login to {} as '{}' refused: {}. Check the user and secret in Asterisk's "
                                + "manager.conf and Rappel's config; retrying with backoff", settings.address(),
                        settings.username(), response.message().orElse(response.response()));
                channel.close();
            }
        }

        @Override
        public void message(AmiMessage message) {
            if (!current()) {
                return;
            }
            if (message instanceof AmiResponse response) {
                if (!pending.complete(response)) {
                    log.debug("AMI {}: response to no pending action: {}", settings.address(), response);
                }
                return;
            }
            AmiEvent event = (AmiEvent) message;
            metrics.event(event.name());
            if (event instanceof FullyBootedEvent booted && phase == Phase.BOOTING) {
                becomeReady(booted.uptime());
            } else if (event instanceof ShutdownEvent shutdown) {
                log.warn("AMI {}: Asterisk is shutting down ({}, restart: {})", settings.address(),
                        shutdown.clean() ? "cleanly" : "uncleanly", shutdown.restart());
                boots.shutdownAnnounced();
            } else if (event instanceof OriginateResponseEvent outcome) {
                originates.complete(outcome);
            }
            deliver(event);
        }

        @Override
        public void malformed(MalformedAmiMessage message) {
            metrics.malformed();
            log.warn("AMI {}: skipped a malformed message: {} {}", settings.address(), message.reason(),
                    message.headers());
        }

        @Override
        public void closed() {
            if (!current()) {
                return;
            }
            boolean wasReady = phase == Phase.READY;
            session = null;
            cancelTimers();
            metrics.connected(false);
            String why = "connection to Asterisk " + settings.address() + " lost";
            pending.failAll(why);
            originates.failAll(why + " before the OriginateResponse; the call may still go on");
            if (wasReady) {
                log.warn("AMI {}", why);
                tell(new AmiLinkChange(AmiLinkChange.Kind.LOST, why, Optional.empty()));
            }
            retryLater();
        }
    }
}
