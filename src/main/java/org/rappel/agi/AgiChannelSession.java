package org.rappel.agi;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AgiSession} over one Netty channel.
 *
 * <p>Commands wait in a queue; exactly one is in flight, the next is written when the reply of the previous
 * arrives. After {@link #close()} the queued commands still go out, then the socket closes after the last
 * reply. After Asterisk's {@code HANGUP} notice the queued commands fail with {@link AgiHangupException}, the
 * command in flight still gets its reply, and the socket closes at that reply or after the hang-up close delay,
 * whichever comes first (at once when nothing is in flight): Asterisk keeps a zombie channel until then.
 *
 * <p>Thread: every field is owned by the channel's event loop; {@link #send} and {@link #close} hop onto it,
 * so every future completes there. {@code hungUp} is volatile only for {@link #isHungUp()} from other threads.
 */
final class AgiChannelSession implements AgiSession {
    private static final Logger log = LoggerFactory.getLogger(AgiChannelSession.class);

    private enum State {
        /** Commands are written one by one. */
        LIVE,
        /** {@link #close()} was called: queued commands go out, new ones are refused, the socket closes after. */
        DRAINING,
        /** Asterisk sent {@code HANGUP}: only the in-flight reply is awaited, then the socket closes. */
        DEAD,
        /** The socket is closed or closing; nothing more happens. */
        CLOSED
    }

    private record PendingCommand(AgiCommand command, CompletableFuture<AgiReply> reply) {
    }

    private final Channel channel;
    private final AgiRequest request;
    private final Duration hangupCloseDelay;
    private final AgiMetrics metrics;
    private final ArrayDeque<PendingCommand> queue = new ArrayDeque<>();
    private final CompletableFuture<Void> hangup = new CompletableFuture<>();

    private State state = State.LIVE;
    private volatile boolean hungUp;
    private PendingCommand inFlight;
    private long inFlightSince;
    private ScheduledFuture<?> hangupCloseTimer;

    AgiChannelSession(Channel channel, AgiRequest request, Duration hangupCloseDelay, AgiMetrics metrics) {
        this.channel = channel;
        this.request = request;
        this.hangupCloseDelay = hangupCloseDelay;
        this.metrics = metrics;
    }

    @Override
    public AgiRequest request() {
        return request;
    }

    @Override
    public CompletableFuture<AgiReply> send(AgiCommand command) {
        Objects.requireNonNull(command, "command");
        CompletableFuture<AgiReply> reply = new CompletableFuture<>();
        onEventLoop(() -> enqueue(new PendingCommand(command, reply)),
                () -> reply.completeExceptionally(new AgiHangupException("FastAGI server stopped")));
        return reply;
    }

    @Override
    public CompletableFuture<Void> hangup() {
        return hangup;
    }

    @Override
    public boolean isHungUp() {
        return hungUp;
    }

    @Override
    public void close() {
        onEventLoop(this::requestClose, () -> { });
    }

    @Override
    public ScheduledExecutorService executor() {
        return channel.eventLoop();
    }

    /**
     * A reply arrived; false when no command was in flight on an open session (Asterisk never does that).
     * Replies still in the read buffer after the session closed are dropped. Event loop only.
     */
    boolean onReply(AgiReply reply) {
        PendingCommand answered = inFlight;
        if (answered == null) {
            return state == State.CLOSED;
        }
        inFlight = null;
        metrics.commandAnswered(answered.command().verb(), System.nanoTime() - inFlightSince);
        // Completing may run the script's next step, which may send or close re-entrantly.
        answered.reply().complete(reply);
        if (state == State.DEAD) {
            closeChannel("hang-up notice, in-flight reply received");
        } else if (inFlight == null && (state == State.LIVE || state == State.DRAINING)) {
            writeNext();
        }
        return true;
    }

    /** Asterisk's {@code HANGUP} line. Event loop only. */
    void onHangupNotice() {
        if (state == State.DEAD || state == State.CLOSED) {
            return; // With AGIEXITONHANGUP=yes Asterisk sends the notice twice.
        }
        state = State.DEAD;
        hungUp = true;
        failQueued("the caller hung up");
        hangup.complete(null);
        if (state != State.DEAD) {
            return; // A hang-up listener already ended the session.
        }
        if (inFlight == null) {
            closeChannel("hang-up notice");
        } else {
            hangupCloseTimer = channel.eventLoop().schedule(
                    () -> closeChannel("hang-up notice, no reply within " + hangupCloseDelay.toMillis() + " ms"),
                    hangupCloseDelay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** The connection is gone (either side closed it). Event loop only. */
    void onConnectionClosed() {
        markClosed("the FastAGI connection is closed");
    }

    private void enqueue(PendingCommand pending) {
        if (state != State.LIVE) {
            pending.reply().completeExceptionally(new AgiHangupException(
                    "cannot send " + pending.command().verb() + ": " + refusal()));
            return;
        }
        queue.add(pending);
        if (inFlight == null) {
            writeNext();
        }
    }

    private String refusal() {
        return switch (state) {
            case DRAINING -> "the session is closing";
            case DEAD -> "the caller hung up";
            default -> "the FastAGI connection is closed";
        };
    }

    private void writeNext() {
        PendingCommand next = queue.poll();
        if (next == null) {
            if (state == State.DRAINING) {
                closeChannel("session closed");
            }
            return;
        }
        inFlight = next;
        inFlightSince = System.nanoTime();
        metrics.commandSent(next.command().verb());
        channel.writeAndFlush(next.command()).addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess()) {
                log.debug("writing {} to {} failed; closing", next.command().verb(), channel, written.cause());
                written.channel().close();
            }
        });
    }

    private void requestClose() {
        if (state != State.LIVE) {
            return;
        }
        state = State.DRAINING;
        if (inFlight == null) {
            writeNext();
        }
    }

    private void closeChannel(String why) {
        if (state == State.CLOSED) {
            return;
        }
        log.debug("closing FastAGI connection {} of channel {}: {}", channel, request.channel(), why);
        markClosed("the FastAGI connection is closed");
        channel.close();
    }

    private void markClosed(String why) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        hungUp = true;
        if (hangupCloseTimer != null) {
            hangupCloseTimer.cancel(false);
            hangupCloseTimer = null;
        }
        PendingCommand lost = inFlight;
        inFlight = null;
        if (lost != null) {
            lost.reply().completeExceptionally(new AgiHangupException(lost.command().verb() + " got no reply: " + why));
        }
        failQueued(why);
        hangup.complete(null);
    }

    private void failQueued(String why) {
        PendingCommand pending;
        while ((pending = queue.poll()) != null) {
            pending.reply().completeExceptionally(
                    new AgiHangupException(pending.command().verb() + " not sent: " + why));
        }
    }

    private void onEventLoop(Runnable task, Runnable ifStopped) {
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            ifStopped.run();
        }
    }
}
