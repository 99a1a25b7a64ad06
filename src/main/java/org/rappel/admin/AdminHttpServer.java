package org.rappel.admin;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.net.InetSocketAddress;
import org.rappel.net.Transports;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of Rappel on Netty: health, Prometheus metrics, and whatever routes later parts add (REST API,
 * supervisor console). Routes are fixed at construction; the server only parses, dispatches and answers.
 */
public final class AdminHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminHttpServer.class);

    private final HttpSettings settings;
    private final RouteTable routes;
    private final HttpRequestMetrics metrics;
    private final EventLoopGroup group;
    private Channel serverChannel;

    /** A server whose requests are not counted (tests, tools). */
    public AdminHttpServer(HttpSettings settings, List<HttpRoute> routes) {
        this(settings, routes, new CompositeMeterRegistry()); // no registry inside: counters are no-ops
    }

    /**
     * @param routes   the routes, fixed from now on (see {@link RouteTable} for how patterns are matched)
     * @param registry where {@code rappel_api_requests_total} goes
     * @throws IllegalArgumentException two routes for the same method and pattern, or a malformed pattern
     */
    public AdminHttpServer(HttpSettings settings, List<HttpRoute> routes, MeterRegistry registry) {
        this.settings = settings;
        this.routes = new RouteTable(routes);
        this.metrics = new HttpRequestMetrics(registry);
        this.group = Transports.newEventLoopGroup(1, "rappel-http");
    }

    /** Binds and returns the bound address (port 0 in the settings picks a free port). */
    public InetSocketAddress start() throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(Transports.serverChannelType())
                .option(ChannelOption.SO_BACKLOG, 256)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpServerKeepAliveHandler())
                                .addLast(new JsonHttpObjectAggregator(settings.maxRequestBytes()))
                                .addLast(new AdminHttpHandler(routes, metrics));
                    }
                });
        try {
            serverChannel = bootstrap.bind(settings.bindHost(), settings.port()).sync().channel();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) { // Netty rethrows the bind's IOException unchecked
            throw new IllegalStateException("HTTP admin cannot listen on " + settings.bindHost() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
        InetSocketAddress address = (InetSocketAddress) serverChannel.localAddress();
        log.info("HTTP admin listening on {}", address);
        return address;
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
