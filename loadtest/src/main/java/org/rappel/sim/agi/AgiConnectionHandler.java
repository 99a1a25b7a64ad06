package org.rappel.sim.agi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The Netty end of one simulated call: turns lines from the server into {@link SimulatedCall} events and
 * gives the call its clock, writes and timers. Frames arrive whole from a line decoder that keeps the
 * delimiter; only the final {@code \n} is removed. Runs on the connection's event loop, as the call does.
 */
final class AgiConnectionHandler extends SimpleChannelInboundHandler<ByteBuf> implements CallIo {

    private final Function<CallIo, SimulatedCall> callFactory;
    private final List<String> environment;
    private ChannelHandlerContext context;
    private SimulatedCall call;

    AgiConnectionHandler(Function<CallIo, SimulatedCall> callFactory, List<String> environment) {
        this.callFactory = callFactory;
        this.environment = environment;
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
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        int length = frame.readableBytes();
        if (length > 0 && frame.getByte(frame.readerIndex() + length - 1) == '\n') {
            length--;
        }
        call(ctx).lineReceived(frame.toString(frame.readerIndex(), length, StandardCharsets.UTF_8));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        call(ctx).serverClosed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A line too long or a reset: Asterisk would see the script end; so does the simulator.
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
    public Timer schedule(long delayNanos, Runnable task) {
        ScheduledFuture<?> future = context.executor().schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }
}
