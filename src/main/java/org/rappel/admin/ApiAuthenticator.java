package org.rappel.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells who holds a {@code Authorization: Bearer <token>} header.
 *
 * <p>Constant time: the presented token is hashed first (SHA-256, fixed 32 bytes whatever its length), then
 * compared with <em>every</em> configured hash by {@link MessageDigest#isEqual} (which does not stop at the first
 * differing byte), without stopping at a match. How long a check takes thus says nothing of how close a guess
 * was, nor which token it matched. The token is never logged or kept: only the caller's name goes further.
 *
 * <p>Counts {@code rappel_api_auth_failures_total{reason}}: {@code missing}, {@code malformed} (not a Bearer
 * header), {@code unknown} (no such token), {@code forbidden} (role not allowed; counted by {@link #forbidden}).
 * Threads: any; immutable apart from the counters.
 */
final class ApiAuthenticator {

    /** The outcome of reading the header. */
    sealed interface Outcome {
    }

    record Known(ApiCaller caller) implements Outcome {
    }

    /** @param reason the metric's reason, also the JSON error's detail */
    record Refused(String reason, String message) implements Outcome {
    }

    private record Entry(byte[] sha256, ApiCaller caller) {
    }

    private static final String BEARER = "bearer ";

    private final List<Entry> entries;
    private final MeterRegistry registry;

    ApiAuthenticator(List<ApiToken> tokens, MeterRegistry registry) {
        this.entries = tokens.stream()
                .map(t -> new Entry(HexFormat.of().parseHex(t.sha256()), new ApiCaller(t.name(), t.role(), t.agent())))
                .toList();
        this.registry = registry;
        for (String reason : List.of("missing", "malformed", "unknown", "forbidden")) {
            failures(reason); // registered at 0, so a dashboard sees the series before the first failure
        }
    }

    Outcome authenticate(HttpHeaders headers) {
        String header = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return refuse("missing", "an Authorization: Bearer <token> header is required");
        }
        if (header.length() < BEARER.length()
                || !header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return refuse("malformed", "the Authorization header must be: Bearer <token>");
        }
        String token = header.substring(BEARER.length()).trim();
        if (token.isEmpty() || token.length() > ApiToken.MAX_TOKEN_LENGTH) {
            return refuse("unknown", "unknown or revoked token");
        }
        Optional<ApiCaller> caller = match(ApiToken.sha256(token));
        if (caller.isEmpty()) {
            return refuse("unknown", "unknown or revoked token");
        }
        return new Known(caller.get());
    }

    /** Looks at every entry whatever the outcome, so a match costs the same time as a miss. */
    private Optional<ApiCaller> match(byte[] presented) {
        ApiCaller found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.sha256(), presented) && found == null) {
                found = entry.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    /** Counts a known caller refused for its role. */
    void forbidden() {
        failures("forbidden").increment();
    }

    private Refused refuse(String reason, String message) {
        failures(reason).increment();
        return new Refused(reason, message);
    }

    private Counter failures(String reason) {
        return Counter.builder("rappel.api.auth.failures")
                .description("REST API requests refused for their token: missing, malformed, unknown, forbidden")
                .tag("reason", reason)
                .register(registry);
    }
}
