package org.rappel.admin;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * One request as a route sees it: the aggregated request, the path parameters its pattern matched, and the
 * executor of its connection (the Netty event loop) to continue on once another thread's future completes.
 *
 * @param request    valid until the route's stage completes
 * @param route      the pattern that matched, e.g. {@code /api/agents/{id}}: for metrics, never the raw path
 * @param pathParams the {@code {name}} segments of the pattern, URL-decoded
 */
public record HttpExchange(FullHttpRequest request, String route, Map<String, String> pathParams,
                           Executor eventLoop) {

    public HttpExchange {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(route, "route");
        pathParams = Map.copyOf(pathParams);
        Objects.requireNonNull(eventLoop, "eventLoop");
    }

    /** A path parameter the pattern names; a route asking for one its pattern lacks is a programming error. */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route " + route + " has no path parameter " + name);
        }
        return value;
    }

    /** The first value of a query parameter, if given. */
    public Optional<String> query(String name) {
        List<String> values = new QueryStringDecoder(request.uri()).parameters().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
