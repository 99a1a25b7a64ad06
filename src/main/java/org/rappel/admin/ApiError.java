package org.rappel.admin;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/**
 * A request the API refuses, thrown by a handler (or failing its future) and answered as the JSON error
 * {@code {"error":{"code","message",…}}} with its status. Carries no stack trace: it is an answer, not a fault.
 */
final class ApiError extends RuntimeException {
    private final HttpResponseStatus status;
    private final String code;
    private final Map<String, Object> extra;

    ApiError(HttpResponseStatus status, String code, String message) {
        this(status, code, message, Map.of());
    }

    ApiError(HttpResponseStatus status, String code, String message, Map<String, Object> extra) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.extra = Map.copyOf(extra);
    }

    /** 400 for a body or parameter that does not follow the API's schema. */
    static ApiError invalid(String message) {
        return new ApiError(HttpResponseStatus.BAD_REQUEST, "invalid_request", message);
    }

    FullHttpResponse response() {
        return HttpResponses.error(status, code, getMessage(), extra);
    }

    HttpResponseStatus status() {
        return status;
    }
}
