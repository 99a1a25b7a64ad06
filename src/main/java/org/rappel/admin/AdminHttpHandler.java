package org.rappel.admin;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers one aggregated HTTP request from the route table; a route that throws gives 500, not a dead socket. */
final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(AdminHttpHandler.class);

    private final RouteTable routes;

    AdminHttpHandler(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse response = respond(request);
        boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private FullHttpResponse respond(FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            return HttpResponses.error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
        }
        String path = new QueryStringDecoder(request.uri()).path();
        Optional<HttpRoute> route = routes.find(request.method(), path);
        if (route.isEmpty()) {
            Set<String> allowed = routes.methodsOf(path);
            if (allowed.isEmpty()) {
                return HttpResponses.error(HttpResponseStatus.NOT_FOUND, "no such resource: " + path);
            }
            FullHttpResponse response = HttpResponses.error(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    request.method() + " is not allowed on " + path);
            response.headers().set(HttpHeaderNames.ALLOW, String.join(", ", allowed));
            return response;
        }
        try {
            return route.get().handle(request);
        } catch (RuntimeException e) {
            log.error("HTTP {} {} failed", request.method(), path, e);
            return HttpResponses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("HTTP connection {} closed on error: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
