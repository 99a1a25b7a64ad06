package org.rappel.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code GET /metrics}: the Prometheus text exposition of every Rappel and JVM meter. */
public final class MetricsRoute implements HttpRoute {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsRoute(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HttpMethod method() {
        return HttpMethod.GET;
    }

    @Override
    public String path() {
        return "/metrics";
    }

    @Override
    public CompletionStage<FullHttpResponse> handle(HttpExchange exchange) {
        return CompletableFuture.completedFuture(
                HttpResponses.text(HttpResponseStatus.OK, PROMETHEUS_TEXT, registry.scrape()));
    }
}
