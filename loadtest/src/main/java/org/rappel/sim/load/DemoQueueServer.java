package org.rappel.sim.load;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
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

    private final LoopbackLineServer server;
    private final Deque<String> freeAgents;
    private final Deque<Session> waiting = new ArrayDeque<>();

    DemoQueueServer(List<String> agents) throws InterruptedException {
        this.freeAgents = new ArrayDeque<>(agents);
        server = new LoopbackLineServer(Session::new);
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
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
