package org.rappel.admin;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * {@code GET /health}: 200 with {@code "status":"UP"} while the server takes calls, 503 {@code DOWN} while it
 * drains for shutdown, so a load balancer or Asterisk's {@code hagi://} SRV set stops sending new calls here.
 */
public final class HealthRoute implements HttpRoute {

    /** What the server reports of itself: up or draining, and a few live figures. */
    public record Health(boolean up, Map<String, Object> details) {
        public Health {
            details = Map.copyOf(details);
        }
    }

    private final Supplier<Health> health;

    public HealthRoute(Supplier<Health> health) {
        this.health = health;
    }

    @Override
    public HttpMethod method() {
        return HttpMethod.GET;
    }

    @Override
    public String path() {
        return "/health";
    }

    @Override
    public CompletionStage<FullHttpResponse> handle(HttpExchange exchange) {
        Health now = health.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", now.up() ? "UP" : "DOWN");
        body.putAll(now.details());
        return CompletableFuture.completedFuture(HttpResponses.json(
                now.up() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, HttpResponses.toJson(body)));
    }
}
