package org.rappel.ami;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.rappel.net.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine behind {@link AmiConnection}: connect, banner, login, {@code FullyBooted}, ready, keepalive,
 * loss, backoff, reconnect; with the actions and Originates waiting on the current session.
 *
 * <p>Threads: every method runs on {@code loop}, which owns all fields (only {@code phase} is also read elsewhere,
 * hence volatile); the channel is registered on that same loop, so Netty's callbacks arrive there too.
 */
final class AmiLink {
    /** Operators see one logger for the whole AMI link. */
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
    private final AmiListeners listeners;
    private final Supplier<String> actionIds;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    // ---- owned by `loop` ----
    private volatile Phase phase = Phase.NEW;
    private Session session;
    private int failedAttempts;
    private boolean everReady;
    private final AsteriskBoots boots;
    private final PendingActions pending;
    private final OriginateOutcomes originates;
    private final PendingLists lists;
    private ScheduledFuture<?> pingTimer;
    private ScheduledFuture<?> bootTimer;

    AmiLink(AmiSettings settings, EventLoop loop, MeterRegistry registry, LongSupplier ticker, DoubleSupplier jitter,
            AmiListeners listeners, Supplier<String> actionIds) {
        this.settings = settings;
        this.loop = loop;
        this.listeners = listeners;
        this.actionIds = actionIds;
        this.metrics = new AmiMetrics(registry, settings.address());
        this.backoff = new ReconnectBackoff(settings.reconnectMinBackoff(), settings.reconnectMaxBackoff(), jitter);
        this.boots = new AsteriskBoots(ticker);
        this.pending = new PendingActions(loop, settings.actionTimeout(), metrics);
        this.originates = new OriginateOutcomes(loop);
        this.lists = new PendingLists(loop);
        this.bootstrap = new Bootstrap().group(loop).channel(Transports.socketChannelType())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.actionTimeout().toMillis())
                .remoteAddress(settings.host(), settings.port());
    }

    void start() {
        if (phase == Phase.NEW) {
            connect();
        }
    }

    boolean isReady() {
        return phase == Phase.READY;
    }

    /** Follows an asynchronous Originate to its {@code OriginateResponse} for {@code patience} at most. */
    void originate(String actionId, OriginateAction action, PendingOriginate call) {
        Duration patience = action.timeout().orElse(DEFAULT_RING_TIMEOUT).plus(settings.actionTimeout());
        originates.add(actionId, call.outcome(), patience);
        // Registered on the loop, so that it also runs there when the response is already in.
        call.queued().whenComplete((response, failure) -> {
            if (failure != null) {
                originates.fail(actionId, failure);
            } else if (!response.isSuccess()) {
                originates.fail(actionId, new AmiActionFailedException(response));
            }
        });
        send(actionId, action, call.queued(), true);
    }

    /**
     * Sends an event-list action and collects its items up to the {@code ...Complete} event, for as long as the
     * action timeout. An {@code Error} response fails the list with {@link AmiActionFailedException}.
     */
    void sendForList(String actionId, AmiAction action, CompletableFuture<List<AmiEvent>> list) {
        lists.add(actionId, action.name(), list, settings.actionTimeout());
        CompletableFuture<AmiResponse> response = new CompletableFuture<>();
        // Registered on the loop, so that it also runs there when the response is already in.
        response.whenComplete((r, failure) -> {
            if (failure != null) {
                lists.fail(actionId, failure);
            } else if (!r.isSuccess()) {
                lists.fail(actionId, new AmiActionFailedException(r));
            }
        });
        send(actionId, action, response, true);
    }

    /** Logs off (when logged in) and stops reconnecting; the future completes once the socket is closed. */
    CompletableFuture<Void> close() {
        if (phase == Phase.CLOSED) {
            return closed;
        }
        boolean wasReady = phase == Phase.READY;
        phase = Phase.CLOSED;
        cancelTimers();
        if (session == null) {
            closed.complete(null);
        } else if (wasReady) {
            // Asterisk answers Goodbye and closes; the timer closes if it does not.
            Channel channel = session.channel;
            channel.writeAndFlush(new AmiRequest(actionIds.get(), new LogoffAction()));
            loop.schedule(() -> {
                channel.close();
            }, settings.actionTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } else {
            session.channel.close();
        }
        return closed;
    }

    CompletableFuture<Void> closedFuture() {
        return closed;
    }

    /** Sends on the current session; {@code userAction}s only once ready, the link's own (Login, Ping) earlier. */
    void send(String actionId, AmiAction action, CompletableFuture<AmiResponse> response, boolean userAction) {
        if (session == null || (userAction && phase != Phase.READY)) {
            metrics.action(action.name(), "not_connected");
            response.completeExceptionally(new AmiConnectionException(
                    "not logged in to Asterisk " + settings.address() + " (" + phase + ")"));
            return;
        }
        Duration patience = action instanceof OriginateAction o && !o.async()
                ? o.timeout().orElse(DEFAULT_RING_TIMEOUT).plus(settings.actionTimeout())
                : settings.actionTimeout();
        pending.add(actionId, action.name(), response, patience);
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
                return;
            }
            // Something that accepts but never greets is not a usable Asterisk either.
            Session s = session;
            loop.schedule(() -> {
                if (session == s && s != null && phase == Phase.CONNECTING) {
                    log.warn("AMI {}: no banner within {}; reconnecting", settings.address(),
                            settings.actionTimeout());
                    s.channel.close();
                }
            }, settings.actionTimeout().toNanos(), TimeUnit.NANOSECONDS);
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
        listeners.tell(new AmiLinkChange(kind, "logged in", uptime));
    }

    private void ping() {
        Session s = session;
        if (phase != Phase.READY || s == null) {
            return;
        }
        CompletableFuture<AmiResponse> pong = new CompletableFuture<>();
        send(actionIds.get(), new PingAction(), pong, false);
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
            send(actionIds.get(), new LoginAction(settings.username(), settings.secret()), login, false);
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
            if (lists.offer(event)) {
                return;
            }
            if (event instanceof FullyBootedEvent booted && phase == Phase.BOOTING) {
                becomeReady(booted.uptime());
            } else if (event instanceof ShutdownEvent shutdown) {
                log.warn("AMI {}: Asterisk is shutting down ({}, restart: {})", settings.address(),
                        shutdown.clean() ? "cleanly" : "uncleanly", shutdown.restart());
                boots.shutdownAnnounced();
            } else if (event instanceof OriginateResponseEvent outcome) {
                originates.complete(outcome);
            }
            listeners.deliver(event);
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
            lists.failAll(why + " before the list was complete");
            if (wasReady) {
                log.warn("AMI {}", why);
                listeners.tell(new AmiLinkChange(AmiLinkChange.Kind.LOST, why, Optional.empty()));
            }
            retryLater();
        }
    }
}
