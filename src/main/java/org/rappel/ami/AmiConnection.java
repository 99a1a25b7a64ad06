package org.rappel.ami;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * One managed connection to one Asterisk's manager interface: connect, log in, wait for {@code FullyBooted},
 * keep the link checked with {@code Ping} every {@link AmiSettings#pingInterval()} (a missing {@code Pong} closes
 * and reconnects), and on any loss reconnect with exponential backoff and jitter, for as long as the connection is
 * not {@link #close() closed}. A refused login is logged as an ERROR, counted ({@code rappel.ami.login.refused})
 * and retried with the same backoff; it never ends the process.
 *
 * <p>Built on Netty rather than Asterisk-Java's manager API: the socket lives on one of the event loops that
 * already carry FastAGI and HTTP, with no reader thread per connection and no blocking call anywhere, and
 * messages are decoded into sealed records rather than built by reflection.
 *
 * <p>Actions are matched to their responses by an ActionID this class makes ({@code rappel-<random>-<n>}: the
 * random part because Asterisk sends {@code OriginateResponse} events to every session, another client's
 * included). Futures fail with {@link AmiConnectionException} when the link is down or drops before the answer,
 * and with {@link TimeoutException} after {@link AmiSettings#actionTimeout()}. Link listeners hear of every
 * {@link AmiLinkChange}: after {@code RECONNECTED} the owner resyncs what it missed, after
 * {@code ASTERISK_RESTARTED} it knows every channel is gone.
 *
 * <p>Threads: public methods may be called from any thread; they post to one event loop taken from the group,
 * which owns the whole state ({@link AmiLink}). Futures, event and link listeners all run on that loop: they
 * must not block.
 *
 * <p>Metrics, tagged {@code asterisk=host:port}: {@code rappel.ami.connected} (0/1), {@code rappel.ami.reconnects},
 * {@code rappel.ami.actions{action,outcome}}, {@code rappel.ami.events{event}}, {@code rappel.ami.malformed},
 * {@code rappel.ami.login.refused}. The secret is never logged.
 */
public final class AmiConnection implements AutoCloseable {
    /** A {@code Command} output with thousands of channels runs to a few hundred KiB; far beyond is a fault. */
    static final int MAX_MESSAGE_BYTES = AmiLink.MAX_MESSAGE_BYTES;

    private final EventLoop loop;
    private final String idPrefix;
    private final AtomicLong actionIds = new AtomicLong();
    private final AmiListeners listeners = new AmiListeners();
    private final AmiLink link;

    public AmiConnection(AmiSettings settings, EventLoopGroup group, MeterRegistry registry) {
        this(settings, group, registry, System::nanoTime, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** With the nanosecond ticker that reads {@code Uptime} and the backoff's jitter source injected, for tests. */
    AmiConnection(AmiSettings settings, EventLoopGroup group, MeterRegistry registry, LongSupplier ticker,
                  DoubleSupplier jitter) {
        this.loop = group.next();
        this.idPrefix = "rappel-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        this.link = new AmiLink(settings, loop, registry, ticker, jitter, listeners, this::nextActionId);
    }

    /** Starts connecting and returns at once; the link listeners say when it is up. */
    public void start() {
        loop.execute(link::start);
    }

    /** Logged in and booted: actions are accepted. */
    public boolean isReady() {
        return link.isReady();
    }

    public void addEventListener(AmiEventListener listener) {
        listeners.addEventListener(listener);
    }

    public void removeEventListener(AmiEventListener listener) {
        listeners.removeEventListener(listener);
    }

    public void addLinkListener(AmiLinkListener listener) {
        listeners.addLinkListener(listener);
    }

    /**
     * Sends one action; the future gets its response, whether {@code Success} or {@code Error}. A synchronous
     * Originate is given its ring timeout on top of the action timeout, since Asterisk answers it only then.
     */
    public CompletableFuture<AmiResponse> send(AmiAction action) {
        String actionId = nextActionId();
        CompletableFuture<AmiResponse> response = new CompletableFuture<>();
        loop.execute(() -> link.send(actionId, action, response, true));
        return response;
    }

    /**
     * Sends an event-list action ({@link CoreShowChannelsAction}…) and completes with its items, in order, once
     * the {@code ...Complete} event with the same ActionID is in. Items are answers: event listeners do not get
     * them. Fails with {@link AmiActionFailedException} when Asterisk answers {@code Error}, with
     * {@link TimeoutException} when the list is not complete within {@link AmiSettings#actionTimeout()}, and with
     * {@link AmiConnectionException} when the link is down or drops before the end.
     */
    public CompletableFuture<List<AmiEvent>> sendForList(AmiAction action) {
        String actionId = nextActionId();
        CompletableFuture<List<AmiEvent>> list = new CompletableFuture<>();
        loop.execute(() -> link.sendForList(actionId, action, list));
        return list;
    }

    /**
     * Sends an asynchronous Originate and follows it to its {@code OriginateResponse}, waited for as long as the
     * ring timeout (30 s when the action has none) plus the action timeout.
     *
     * @throws IllegalArgumentException for a synchronous Originate (no event follows it: {@link #send} it)
     */
    public PendingOriginate originate(OriginateAction action) {
        if (!action.async()) {
            throw new IllegalArgumentException("originate() follows asynchronous Originates; send() a synchronous one");
        }
        String actionId = nextActionId();
        PendingOriginate call = new PendingOriginate(actionId, new CompletableFuture<>(), new CompletableFuture<>());
        loop.execute(() -> link.originate(actionId, action, call));
        return call;
    }

    /** Logs off and stops reconnecting, without waiting. Idempotent. */
    @Override
    public void close() {
        closeAsync();
    }

    /** Logs off and stops reconnecting; the future completes once the socket is closed. Idempotent. */
    public CompletableFuture<Void> closeAsync() {
        loop.execute(link::close);
        return link.closedFuture();
    }

    private String nextActionId() {
        return idPrefix + "-" + actionIds.incrementAndGet();
    }
}
