package org.rappel.agi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Collects the {@code agi_<key>: <value>} lines of one FastAGI environment and builds the {@link AgiRequest}.
 *
 * <p>Lenient where Asterisk's own output varies (the space after the colon, an empty value, keys it may add
 * in later versions), strict where a value is needed to run a call: {@code agi_network_script} must be there,
 * {@code agi_priority} must be a number when present. Owned by the decoder, so by one channel's event loop.
 */
final class AgiEnvironmentBuilder {
    private static final String PREFIX = "agi_";
    private static final String ARGUMENT_PREFIX = "arg_";
    private static final String UNKNOWN = "unknown";

    private final Map<String, String> values = new LinkedHashMap<>();
    private final TreeMap<Integer, String> arguments = new TreeMap<>();

    /** Adds one line of the environment (without its line end). */
    void add(String line) throws AgiProtocolException {
        int colon = line.indexOf(':');
        if (!line.startsWith(PREFIX) || colon <= PREFIX.length()) {
            throw malformed("not an agi_<key>: <value> line: " + LogText.excerpt(line));
        }
        String key = line.substring(PREFIX.length(), colon);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                throw malformed("bad environment key: " + LogText.excerpt(key));
            }
        }
        String value = line.startsWith(" ", colon + 1) ? line.substring(colon + 2) : line.substring(colon + 1);
        values.put(key, value);
        if (key.startsWith(ARGUMENT_PREFIX)) {
            argumentIndex(key.substring(ARGUMENT_PREFIX.length())).ifPresent(n -> arguments.put(n, value));
        }
    }

    AgiRequest build() throws AgiProtocolException {
        String networkScript = values.get("network_script");
        if (networkScript == null) {
            throw malformed("no agi_network_script in the environment of " + values.size() + " lines");
        }
        // Asterisk already drops the leading slash; a hand-written client may not.
        String path = networkScript.startsWith("/") ? networkScript.substring(1) : networkScript;
        int question = path.indexOf('?');
        String script = question < 0 ? path : path.substring(0, question);
        Map<String, String> query = question < 0 ? Map.of() : parseQuery(path.substring(question + 1));
        if (script.isEmpty()) {
            throw malformed("empty script path in agi_network_script");
        }
        return new AgiRequest(
                script,
                query,
                new ArrayList<>(arguments.values()),
                text("channel"),
                text("uniqueid"),
                known("callerid"),
                known("calleridname"),
                known("dnid"),
                text("language"),
                text("context"),
                text("extension"),
                priority(),
                text("accountcode"),
                text("version"),
                values);
    }

    private String text(String key) {
        return values.getOrDefault(key, "");
    }

    /** Asterisk writes {@code unknown} for a value it does not have; an empty one is as good as absent. */
    private Optional<String> known(String key) {
        String value = values.get(key);
        return value == null || value.isEmpty() || UNKNOWN.equals(value) ? Optional.empty() : Optional.of(value);
    }

    private int priority() throws AgiProtocolException {
        String value = values.get("priority");
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw malformed("agi_priority is not a number: " + LogText.excerpt(value));
        }
    }

    private static Optional<Integer> argumentIndex(String digits) {
        if (digits.isEmpty() || digits.length() > 4) {
            return Optional.empty();
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return Optional.empty();
            }
        }
        return Optional.of(Integer.parseInt(digits));
    }

    /** {@code a=1&b=x%20y}; a key without {@code =} gets an empty value; the last of a repeated key wins. */
    static Map<String, String> parseQuery(String query) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (!key.isEmpty()) {
                parameters.put(key, value);
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // A stray '%' in a dialplan-written URL: keep the text as written rather than refuse the call.
            return text;
        }
    }

    private static AgiProtocolException malformed(String detail) {
        return new AgiProtocolException(AgiProtocolError.MALFORMED_ENVIRONMENT, detail);
    }
}
