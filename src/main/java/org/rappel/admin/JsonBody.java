package org.rappel.admin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request's JSON object, read strictly: {@code application/json} only, one object, no duplicate or unknown
 * field, every field of the expected type. Each breach is an {@link ApiError} naming the field, so a portal
 * developer sees at once what to fix: 415 for another content type, 413 over the size limit, 400 otherwise.
 */
final class JsonBody {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static {
        // Bounded nesting: a body of ten thousand '[' must cost nothing.
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
    }

    private final ObjectNode object;
    private final Set<String> known;

    private JsonBody(ObjectNode object, Set<String> known) {
        this.object = object;
        this.known = known;
        Set<String> unknown = new TreeSet<>();
        object.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw ApiError.invalid("unknown field(s) " + unknown + "; expected only " + new TreeSet<>(known));
        }
    }

    /**
     * The body as an object of the given fields. An empty body counts as {@code {}} when {@code required} is false,
     * so {@code POST /api/agents/a1/login} works with no body at all.
     */
    static JsonBody read(FullHttpRequest request, int maxBytes, boolean required, Set<String> fields) {
        int length = request.content().readableBytes();
        if (length == 0) {
            if (required) {
                throw ApiError.invalid("a JSON object body is required (Content-Type: application/json)");
            }
            return new JsonBody(JSON.createObjectNode(), fields);
        }
        if (length > maxBytes) {
            throw new ApiError(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large",
                    "request body is " + length + " bytes; at most " + maxBytes + " accepted");
        }
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        String mediaType = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new ApiError(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "the body must be JSON with Content-Type: application/json, was '" + type + "'");
        }
        JsonNode node;
        try (ByteBufInputStream in = new ByteBufInputStream(request.content().duplicate())) {
            node = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new ApiError(HttpResponseStatus.BAD_REQUEST, "malformed_json",
                    "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiError(HttpResponseStatus.BAD_REQUEST, "malformed_json", "the body cannot be read");
        }
        if (node == null || !node.isObject()) {
            throw ApiError.invalid("the body must be a JSON object, was " + describe(node));
        }
        return new JsonBody((ObjectNode) node, fields);
    }

    /** A string field that must be there and not blank, at most {@code maxLength} characters. */
    String requiredString(String field, int maxLength) {
        return optionalString(field, maxLength).orElseThrow(() -> ApiError.invalid("missing field '" + field + "'"));
    }

    Optional<String> optionalString(String field, int maxLength) {
        JsonNode value = field(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiError.invalid("field '" + field + "' must be a string, was " + describe(value));
        }
        String text = value.textValue().trim();
        if (text.isEmpty()) {
            throw ApiError.invalid("field '" + field + "' must not be empty");
        }
        if (text.length() > maxLength) {
            throw ApiError.invalid("field '" + field + "' is longer than " + maxLength + " characters");
        }
        return Optional.of(text);
    }

    /** An object of string values, at most {@code maxEntries}, each key and value bounded. */
    Map<String, String> optionalStringMap(String field, int maxEntries, int maxKeyLength, int maxValueLength) {
        JsonNode value = field(field);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw ApiError.invalid("field '" + field + "' must be an object of strings, was " + describe(value));
        }
        if (value.size() > maxEntries) {
            throw ApiError.invalid("field '" + field + "' has more than " + maxEntries + " entries");
        }
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String key = entry.getKey();
            if (key.isBlank() || key.length() > maxKeyLength) {
                throw ApiError.invalid("field '" + field + "': keys must be 1 to " + maxKeyLength + " characters");
            }
            if (!entry.getValue().isTextual()) {
                throw ApiError.invalid("field '" + field + "." + key + "' must be a string, was "
                        + describe(entry.getValue()));
            }
            if (entry.getValue().textValue().length() > maxValueLength) {
                throw ApiError.invalid("field '" + field + "." + key + "' is longer than " + maxValueLength
                        + " characters");
            }
            out.put(key, entry.getValue().textValue());
        }
        return out;
    }

    private JsonNode field(String field) {
        if (!known.contains(field)) {
            throw new IllegalArgumentException("field " + field + " was not declared"); // a bug of ours
        }
        return object.get(field);
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
