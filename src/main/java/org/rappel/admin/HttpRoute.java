package org.rappel.admin;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import java.util.concurrent.CompletionStage;

/**
 * One endpoint of the admin HTTP server.
 *
 * <p>{@link #handle} is called on the connection's Netty event loop: it must not block. A route that needs another
 * thread's answer (the contact center, the callback office) returns a stage that completes later; the server writes
 * the response when it does, so no event loop ever waits. The request is held for the route until the stage
 * completes; a stage that throws or fails gives a 500, never a dead connection.
 */
public interface HttpRoute {

    HttpMethod method();

    /**
     * The path pattern this route answers: literal segments, and {@code {name}} for a segment taken as a path
     * parameter, e.g. {@code /health} or {@code /api/agents/{id}/pause}.
     */
    String path();

    CompletionStage<FullHttpResponse> handle(HttpExchange exchange);
}
