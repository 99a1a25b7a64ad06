package org.rappel.sim.agi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty end of one simulated call: turns lines from the server into {@link SimulatedCall} events and
 * gives the call its clock, writes and timers. Frames arrive whole from a line decoder that keeps the
 * delimiter; only the final {@code \n} is removed, and a line longer than 2047 bytes is cut in pieces that
 * each run as a command, as Asterisk's {@code fgets} into its 2048-byte buffer does. Runs on the connection's event loop, as the call does.
 */
final class AgiConnectionHandler extends SimpleChannelInboundHandler<ByteBuf> implements CallIo {

    private static final Logger log = LoggerFactory.getLogger(AgiConnectionHandler.class);

    /** AGI_BUF_LEN - 1: the most one command read by res_agi can hold. */
    static final int AGI_LINE_BYTES = 2047;

    private final Function<CallIo, SimulatedCall> callFactory;
    private final List<String> environment;
    private final Runnable environmentSent;
    private ChannelHandlerContext context;
    private SimulatedCall call;

    AgiConnectionHandler(Function<CallIo, SimulatedCall> callFactory, List<String> environment,
                         Runnable environmentSent) {
        this.callFactory = callFactory;
        this.environment = environment;
        this.environmentSent = environmentSent;
    }

    SimulatedCall call(ChannelHandlerContext ctx) {
        if (call == null) {
            context = ctx;
            call = callFactory.apply(this);
        }
        return call;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        call(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        call(ctx).connected(environment);
        environmentSent.run();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        int length = frame.readableBytes();
        if (length > 0 && frame.getByte(frame.readerIndex() + length - 1) == '\n') {
            length--;
        }
        // res_agi reads with fgets into a 2048-byte buffer: a longer line runs as several commands.
        int start = frame.readerIndex();
        int end = start + length;
        do {
            int piece = Math.min(AGI_LINE_BYTES, end - start);
            call(ctx).lineReceived(frame.toString(start, piece, StandardCharsets.UTF_8));
            start += piece;
        } while (start < end);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        call(ctx).serverClosed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A line too long, a reset, or a bug in a plugged-in command: the call ends as if the server closed.
        // A reset is ordinary TCP when the server closes with our HANGUP line still unread: not worth a warning.
        String channel = call == null ? "?" : call.variables().channelName();
        if (cause instanceof IOException) {
            log.debug("simulated call {} ended on a socket error: {}", channel, cause.toString());
        } else {
            log.warn("simulated call {} ended on an error: {}", channel, cause.toString());
        }
        ctx.close();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void write(String text) {
        context.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8), context.voidPromise());
    }

    @Override
    public void close() {
        context.close();
    }

    @Override
    public void execute(Runnable task) {
        context.executor().execute(task);
    }

    @Override
    public Timer schedule(long delayNanos, Runnable task) {
        ScheduledFuture<?> future = context.executor().schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }
}
