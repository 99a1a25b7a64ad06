package org.rappel.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Builds the complete responses the admin routes send. */
public final class HttpResponses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpResponses() {
    }

    public static FullHttpResponse text(HttpResponseStatus status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return response;
    }

    public static FullHttpResponse json(HttpResponseStatus status, String json) {
        return text(status, "application/json; charset=utf-8", json);
    }

    /** A value serialised as the JSON body. */
    public static FullHttpResponse json(HttpResponseStatus status, Object value) {
        return json(status, toJson(value));
    }

    /**
     * A JSON error body, the same shape for every failed request: {@code {"error":{"code":"…","message":"…"}}},
     * with {@code code} stable for programs and {@code message} for people.
     */
    public static FullHttpResponse error(HttpResponseStatus status, String code, String message) {
        return error(status, code, message, Map.of());
    }

    /** An error with more fields beside code and message (e.g. {@code retryAfterSeconds}). */
    public static FullHttpResponse error(HttpResponseStatus status, String code, String message,
                                         Map<String, Object> extra) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.putAll(extra);
        return json(status, toJson(Map.of("error", error)));
    }

    /** An error whose code is the status's own name: {@code not_found}, {@code method_not_allowed}. */
    public static FullHttpResponse error(HttpResponseStatus status, String message) {
        return error(status, codeOf(status), message);
    }

    static String codeOf(HttpResponseStatus status) {
        return status.reasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }

    /** Serialises a value with the admin side's one mapper; values here are maps, lists, records of plain data. */
    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable to JSON: " + value.getClass().getName(), e);
        }
    }
}
