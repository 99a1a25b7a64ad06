package org.rappel.admin;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;

/**
 * One endpoint of the admin HTTP server. {@link #handle} runs on a Netty event loop: it must not block, and
 * what it needs from other threads it reads from thread-safe snapshots.
 */
public interface HttpRoute {

    HttpMethod method();

    /** The exact path this route answers, e.g. {@code /health}. */
    String path();

    FullHttpResponse handle(FullHttpRequest request);
}
