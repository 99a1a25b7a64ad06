package org.rappel.sim.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A minimal FastAGI server for checking the load generator itself ({@code loadtest/run --demo-server}):
 * after the environment it runs ANSWER, a one-key menu (GET DATA), a goodbye prompt and HANGUP, and closes
 * the connection on the {@code HANGUP} line. It measures the simulator, not Rappel. Not thread-safe per
 * connection beyond Netty's one-loop-per-channel rule; each handler is owned by its channel's event loop.
 */
final class DemoIvrServer implements AutoCloseable {

    private static final List<String> SCRIPT = List.of("ANSWER", "GET DATA beep 3000 1", "STREAM FILE goodbye \"\"",
            "HANGUP");

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    DemoIvrServer() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(8192),
                                new StringDecoder(StandardCharsets.UTF_8), new StringEncoder(StandardCharsets.UTF_8),
                                new Session());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully().syncUninterruptibly();
    }

    private static final class Session extends SimpleChannelInboundHandler<String> {
        private boolean environmentRead;
        private int step;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String line) {
            if (line.equals("HANGUP")) {
                ctx.close();
                return;
            }
            if (!environmentRead) {
                if (!line.isEmpty()) {
                    return;
                }
                environmentRead = true;
            } else if (line.startsWith("520-") || !line.startsWith("2") && !line.startsWith("5")) {
                return; // inside a multi-line reply
            }
            if (step < SCRIPT.size()) {
                ctx.writeAndFlush(SCRIPT.get(step++) + "\n");
            }
        }
    }
}
