package org.rappel.sim.agi;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulated Asterisk 22 on the FastAGI client side: each {@link #call} opens one TCP connection to the
 * FastAGI server, as {@code AGI(agi://host:port/script,args)} does, sends the environment and answers the
 * server's commands as Asterisk would while a {@link CallerScript} plays the caller. One event-loop group
 * carries thousands of concurrent calls; each call lives on one event loop.
 *
 * <p>Pluggable: {@link #commands()} and {@link #applications()} take new AGI commands and EXEC applications
 * (Dial). Thread-safe; close it to stop its event loops (open calls are cut).
 */
public final class AgiSimulator implements AutoCloseable {

    /** res_agi's MAX_AGI_CONNECT. */
    private static final int CONNECT_TIMEOUT_MILLIS = 2000;
    /** Longer than any command line a sane server sends; a longer line ends the call. */
    private static final int MAX_LINE = 64 * 1024;

    private final SimulatorSettings settings;
    private final EventLoopGroup group;
    private final boolean ownGroup;
    private final ExecApplications applications = ExecApplications.standard();
    private final AgiCommandTable commands = AgiCommandTable.standard(applications);
    private final AstDb astDb = new AstDb();
    private final AtomicInteger channelSequence = new AtomicInteger();
    private final long uniqueIdEpoch = System.currentTimeMillis() / 1000;

    public AgiSimulator(SimulatorSettings settings) {
        this(settings, new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory()), true);
    }

    /** Shares an event-loop group owned by the caller (not shut down by {@link #close()}). */
    public AgiSimulator(SimulatorSettings settings, EventLoopGroup group) {
        this(settings, group, false);
    }

    private AgiSimulator(SimulatorSettings settings, EventLoopGroup group, boolean ownGroup) {
        this.settings = settings;
        this.group = group;
        this.ownGroup = ownGroup;
    }

    public SimulatorSettings settings() {
        return settings;
    }

    public AgiCommandTable commands() {
        return commands;
    }

    public ExecApplications applications() {
        return applications;
    }

    public AstDb database() {
        return astDb;
    }

    /**
     * Places one call. The future completes with the transcript once the server closed the connection (or the
     * connection was refused); it never completes if the server keeps the socket open, as Asterisk would wait.
     */
    public CompletableFuture<CallTranscript> call(InetSocketAddress server, CallerScript script) {
        return place(server, script).finished();
    }

    /** Places one call and returns a handle to act on it while it runs (hang up, press a key, redirect). */
    public LiveCall place(InetSocketAddress server, CallerScript script) {
        int sequence = channelSequence.getAndIncrement();
        String channelName = String.format("Local/%s@%s-%08x;2", script.extension(), script.context(), sequence);
        String uniqueId = uniqueIdEpoch + "." + (2 * sequence + 1);
        return place(server, script, channelName, uniqueId);
    }

    /**
     * Places the AGI of a channel made elsewhere in the simulated Asterisk (an originated call answered into a
     * context that runs {@code AGI()}): {@code agi_channel}, {@code agi_uniqueid} and {@code agi_type} are that
     * channel's.
     *
     * @param channelName e.g. {@code PJSIP/trunk-0000000a}; its technology becomes {@code agi_type}
     */
    public LiveCall place(InetSocketAddress server, CallerScript script, String channelName, String uniqueId) {
        long threadId = 140_000_000_000_000L + ThreadLocalRandom.current().nextLong(100_000_000_000L);
        List<String> environment = AgiEnvironment.lines(script, server.getHostString(), server.getPort(),
                channelName, uniqueId, threadId, settings.asteriskVersion());
        CompletableFuture<CallTranscript> result = new CompletableFuture<>();
        LiveCall live = new LiveCall(channelName, uniqueId, result);
        AgiConnectionHandler[] handler = {null};
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        handler[0] = new AgiConnectionHandler(io -> {
                            SimulatedCall call = new SimulatedCall(io, settings, script, commands, astDb,
                                    channelName, uniqueId);
                            call.finished().whenComplete((t, e) -> result.complete(t));
                            live.started(call, ch.eventLoop());
                            return call;
                        }, environment, () -> live.environmentSent().complete(true));
                        ch.pipeline().addLast(new LineBasedFrameDecoder(MAX_LINE, false, false), handler[0]);
                    }
                });
        long started = System.nanoTime();
        bootstrap.connect(server).addListener((ChannelFutureListener) future -> {
            if (!future.isSuccess()) {
                SimulatedCall failed = new SimulatedCall(new RefusedIo(started), settings, script, commands, astDb,
                        channelName, uniqueId);
                failed.connectFailed();
                live.environmentSent().complete(false);
                result.complete(failed.transcript());
            }
        });
        return live;
    }

    @Override
    public void close() {
        if (ownGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** The IO of a call whose connection was refused: nothing to write, nothing to schedule. */
    private record RefusedIo(long started) implements CallIo {
        @Override
        public long nanoTime() {
            return started;
        }

        @Override
        public void write(String text) {
        }

        @Override
        public void close() {
        }

        @Override
        public void execute(Runnable task) {
        }

        @Override
        public Timer schedule(long delayNanos, Runnable task) {
            return () -> { };
        }
    }
}
