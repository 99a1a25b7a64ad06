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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A toy FastAGI queue for checking the day-traffic generator itself ({@code loadtest/run day --demo-server}):
 * holds callers with {@code SET MUSIC ON} and {@code WAIT FOR DIGIT 1000}, serves them first come first served,
 * rings the longest-available agent with {@code EXEC Dial <agent>,30,m}, puts the caller back at the head on a
 * failed Dial, and hangs up after the conversation. No announcements, no estimates: it measures the simulator,
 * not Rappel. One event loop owns every session and the queue.
 */
final class DemoQueueServer implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final Deque<String> freeAgents;
    private final Deque<Session> waiting = new ArrayDeque<>();

    DemoQueueServer(List<String> agents) throws InterruptedException {
        this.freeAgents = new ArrayDeque<>(agents);
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

    private enum Step { ENVIRONMENT, MUSIC, HOLD, DIAL, ENDING }

    private final class Session extends SimpleChannelInboundHandler<String> {
        private Step step = Step.ENVIRONMENT;
        private String agent;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String line) {
            if (line.equals("HANGUP")) {
                leave();
                ctx.close();
                return;
            }
            switch (step) {
                case ENVIRONMENT -> {
                    if (line.isEmpty()) {
                        waiting.add(this);
                        send(ctx, Step.MUSIC, "SET MUSIC ON default");
                    }
                }
                case MUSIC, HOLD -> {
                    if (line.equals("200 result=-1")) {
                        leave(); // the HANGUP line follows
                    } else if (waiting.peek() == this && !freeAgents.isEmpty()) {
                        waiting.poll();
                        agent = freeAgents.poll();
                        send(ctx, Step.DIAL, "EXEC Dial " + agent + ",30,m");
                    } else {
                        send(ctx, Step.HOLD, "WAIT FOR DIGIT 1000");
                    }
                }
                case DIAL -> {
                    freeAgents.add(agent); // longest available first: back at the tail
                    agent = null;
                    if (line.equals("200 result=0")) {
                        waiting.addFirst(this);
                        send(ctx, Step.MUSIC, "SET MUSIC ON default");
                    } else {
                        send(ctx, Step.ENDING, "HANGUP");
                    }
                }
                case ENDING -> {
                }
            }
        }

        private void send(ChannelHandlerContext ctx, Step next, String command) {
            step = next;
            ctx.writeAndFlush(command + "\n");
        }

        private void leave() {
            waiting.remove(this);
            if (agent != null) {
                freeAgents.add(agent);
                agent = null;
            }
            step = Step.ENDING;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            leave();
        }
    }
}
