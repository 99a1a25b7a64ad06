package org.rappel.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code rappel_api_requests_total{route,status}}: every answered request under {@code /api}, labelled with the
 * route's pattern ({@code /api/agents/{id}}), never the raw path, so ids cannot blow up the label set; requests
 * that matched no route count as {@code unmatched}. Health and metrics scrapes are not counted.
 */
final class HttpRequestMetrics {
    static final String UNMATCHED = "unmatched";

    private final MeterRegistry registry;

    HttpRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(String path, String route, HttpResponseStatus status) {
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            return;
        }
        Counter.builder("rappel.api.requests")
                .description("REST API requests answered, by route pattern and HTTP status")
                .tag("route", route)
                .tag("status", Integer.toString(status.code()))
                .register(registry)
                .increment();
    }
}
