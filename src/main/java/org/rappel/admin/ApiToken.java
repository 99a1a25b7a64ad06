package org.rappel.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A REST API token as configured: only the SHA-256 of the secret is kept, so neither the config file nor a heap
 * dump gives a usable token.
 *
 * @param name   who holds it ({@code portal}, {@code wallboard}, {@code agent101}); shown in logs, never the token
 * @param role   what it may do
 * @param sha256 lower-case hex SHA-256 of the token's UTF-8 bytes (64 characters)
 * @param agent  for {@link ApiRole#AGENT} only: the one agent this token manages
 */
public record ApiToken(String name, ApiRole role, String sha256, Optional<String> agent) {
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** A presented token longer than this is refused unread: no real token is, and hashing it costs. */
    static final int MAX_TOKEN_LENGTH = 512;

    public ApiToken {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("token name must not be blank");
        }
        Objects.requireNonNull(role, "role");
        sha256 = sha256.trim().toLowerCase(Locale.ROOT);
        if (!HEX_SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 hex digits (the SHA-256 of the token), e.g. the"
                    + " output of: printf %s \"$TOKEN\" | sha256sum");
        }
        Objects.requireNonNull(agent, "agent");
        if (role == ApiRole.AGENT && agent.filter(a -> !a.isBlank()).isEmpty()) {
            throw new IllegalArgumentException("a token of role agent must name its agent");
        }
        if (role != ApiRole.AGENT && agent.isPresent()) {
            throw new IllegalArgumentException("only a token of role agent names an agent");
        }
    }

    /** A token held as its hash from a secret given in clear (the environment, the generated file). */
    public static ApiToken ofSecret(String name, ApiRole role, String secret) {
        return new ApiToken(name, role, HexFormat.of().formatHex(sha256(secret)), Optional.empty());
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
