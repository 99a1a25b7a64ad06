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
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the aggregated HTTP requests of one connection from the route table.
 *
 * <p>A route answers at once or later (a future of another thread); either way the response is written on this
 * connection's event loop, in the order the requests came (HTTP/1.1 pipelining), and a route that throws, fails
 * or does not answer within {@link #RESPONSE_DEADLINE} gives a JSON 500 or 503, never a dead socket. The request
 * is retained for the route until its answer is written.
 *
 * <p>Threads: every field is touched only on the connection's event loop.
 */
final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(AdminHttpHandler.class);

    /** Longer than any contact-center or office answer should take; past it the client is told to retry. */
    static final Duration RESPONSE_DEADLINE = Duration.ofSeconds(30);

    private final RouteTable routes;
    private final HttpRequestMetrics metrics;
    /** The previous response's write, so a later request's answer never overtakes an earlier one. */
    private CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);

    AdminHttpHandler(RouteTable routes, HttpRequestMetrics metrics) {
        this.routes = routes;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        String path = new QueryStringDecoder(request.uri()).path();
        Answer answer = dispatch(ctx, request, path);
        lastWrite = lastWrite
                .handle((previous, failure) -> null) // a failed earlier write must not stop the later ones
                .thenCompose(previous -> answer.response())
                .thenAcceptAsync(response -> {
                    metrics.count(path, answer.route(), response.status());
                    HttpUtil.setKeepAlive(response, keepAlive);
                    if (keepAlive) {
                        ctx.writeAndFlush(response);
                    } else {
                        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                    }
                }, ctx.executor());
    }

    /** The route pattern that matched ({@link HttpRequestMetrics#UNMATCHED} when none) and its coming response. */
    private record Answer(String route, CompletableFuture<FullHttpResponse> response) {
        static Answer now(FullHttpResponse response) {
            return new Answer(HttpRequestMetrics.UNMATCHED, CompletableFuture.completedFuture(response));
        }
    }

    private Answer dispatch(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        if (!request.decoderResult().isSuccess()) {
            return Answer.now(HttpResponses.error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request"));
        }
        Optional<RouteTable.Match> match = routes.find(request.method(), path);
        if (match.isEmpty()) {
            Set<String> allowed = routes.methodsOf(path);
            if (allowed.isEmpty()) {
                return Answer.now(HttpResponses.error(HttpResponseStatus.NOT_FOUND, "no such resource: " + path));
            }
            FullHttpResponse response = HttpResponses.error(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    request.method() + " is not allowed on " + path);
            response.headers().set(HttpHeaderNames.ALLOW, String.join(", ", allowed));
            return Answer.now(response);
        }
        HttpRoute route = match.get().route();
        CompletableFuture<FullHttpResponse> response = new CompletableFuture<>();
        request.retain();
        response.whenComplete((r, e) -> request.release());
        ScheduledFuture<?> deadline = ctx.executor().schedule(() -> {
            if (response.complete(HttpResponses.error(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "no answer within " + RESPONSE_DEADLINE.toSeconds() + " s; try again"))) {
                log.warn("HTTP {} {}: no answer within {} s", request.method(), route.path(),
                        RESPONSE_DEADLINE.toSeconds());
            }
        }, RESPONSE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        CompletionStage<FullHttpResponse> stage;
        try {
            stage = route.handle(new HttpExchange(request, route.path(), match.get().pathParams(), ctx.executor()));
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((r, e) -> {
            deadline.cancel(false);
            FullHttpResponse answer = r;
            if (e != null || r == null) {
                // Log the pattern, not the raw path or the headers: an Authorization header must never reach a log.
                log.error("HTTP {} {} failed", request.method(), route.path(), e);
                answer = HttpResponses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
            }
            if (!response.complete(answer)) {
                ReferenceCountUtil.release(answer); // the deadline answered first
            }
        });
        return new Answer(route.path(), response);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("HTTP connection {} closed on error: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
