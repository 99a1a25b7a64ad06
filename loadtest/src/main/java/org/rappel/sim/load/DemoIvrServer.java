package org.rappel.sim.load;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
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

    private final LoopbackLineServer server;

    DemoIvrServer() throws InterruptedException {
        server = new LoopbackLineServer(Session::new);
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
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
