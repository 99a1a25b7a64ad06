package org.rappel.admin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How the REST API lets callers in.
 *
 * @param tokens       the accepted tokens (hashes only); with none, see {@link #withGeneratedTokenIfNone}
 * @param maxBodyBytes largest JSON body an API request may carry; larger ones get 413 (a callback request is
 *                     a few hundred bytes)
 */
public record ApiSettings(List<ApiToken> tokens, int maxBodyBytes) {

    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;

    public ApiSettings {
        tokens = List.copyOf(tokens);
        Set<String> names = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (ApiToken token : tokens) {
            if (!names.add(token.name())) {
                throw new IllegalArgumentException("two API tokens named " + token.name());
            }
            if (!hashes.add(token.sha256())) {
                throw new IllegalArgumentException("API token " + token.name() + " has the same secret as another");
            }
        }
        if (maxBodyBytes < 256) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 256, was " + maxBodyBytes);
        }
    }

    /** No token: every API request is refused until one is configured or generated. */
    public static ApiSettings defaults() {
        return new ApiSettings(List.of(), DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * These settings if they have a token; otherwise the same with one admin token, read from (or created in) the
     * owner-only file {@code api-admin-token} of {@code dataDir} (see {@link AdminTokenFile}). For RappelServer
     * at start, so that a server run with the embedded defaults has a usable, private API at once.
     *
     * @throws IOException the file cannot be read or written: the start should fail rather than run an API nobody
     *                     can use
     */
    public ApiSettings withGeneratedTokenIfNone(Path dataDir) throws IOException {
        if (!tokens.isEmpty()) {
            return this;
        }
        List<ApiToken> withGenerated = new ArrayList<>();
        withGenerated.add(AdminTokenFile.loadOrCreate(dataDir));
        return new ApiSettings(withGenerated, maxBodyBytes);
    }
}
