package org.rappel.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rappel.admin.ApiRole;
import org.rappel.admin.ApiSettings;
import org.rappel.admin.ApiToken;

/**
 * Reads the {@code api} section: the REST API's tokens, by name, each with its role and the SHA-256 of its secret
 * (never the secret itself), and the body size limit.
 * <pre>
 * api:
 *   max-body-bytes: 16384
 *   tokens:
 *     portal:    {role: portal, sha256: 9f86d0…}        # printf %s "$TOKEN" | sha256sum
 *     wallboard: {role: viewer, sha256: 2c26b4…}
 *     agent101:  {role: agent, agent: a101, sha256: fcde2b…}
 * </pre>
 * Tokens are a mapping by name, like {@code services} and {@code agents}, so each one can be overridden from the
 * environment ({@code RAPPEL_API_TOKENS_PORTAL_SHA256}). For a simple setup, {@code RAPPEL_API_TOKEN} gives one
 * admin token in clear in the environment (hashed at once, at least 16 characters); it is not accepted in the file,
 * where a secret in clear would end up in backups and version control.
 */
public final class ApiSection {
    /** The environment variable holding one admin token in clear. */
    public static final String ENV_TOKEN = "RAPPEL_API_TOKEN";
    static final int MIN_ENV_TOKEN_LENGTH = 16;

    private ApiSection() {
    }

    public static ApiSettings api(ConfigSection section, Map<String, String> env) throws ConfigException {
        List<ApiToken> tokens = new ArrayList<>();
        ConfigSection tokensSection = section.section("tokens");
        for (String name : tokensSection.keys()) {
            ConfigSection t = tokensSection.section(name);
            String roleText = t.required("role");
            ApiRole role = ApiRole.parse(roleText).orElseThrow(() -> t.invalid("role",
                    "expected one of viewer, portal, agent, supervisor, admin, was '" + roleText + "'"));
            String sha256 = t.required("sha256");
            Optional<String> agent = t.present("agent") ? Optional.of(t.string("agent", "").trim()) : Optional.empty();
            if (role == ApiRole.AGENT && agent.filter(a -> !a.isEmpty()).isEmpty()) {
                throw t.invalid("agent", "a token of role agent must name its agent (agent: <agent id>)");
            }
            if (role != ApiRole.AGENT && agent.isPresent()) {
                throw t.invalid("agent", "only a token of role agent names an agent");
            }
            tokens.add(t.checked("sha256", () -> new ApiToken(name, role, sha256, agent)));
            t.rejectUnknownKeys();
        }
        String fromEnv = env.getOrDefault(ENV_TOKEN, "").trim();
        if (!fromEnv.isEmpty()) {
            if (fromEnv.length() < MIN_ENV_TOKEN_LENGTH) {
                throw new ConfigException("environment " + ENV_TOKEN + ": too short to be safe; use at least "
                        + MIN_ENV_TOKEN_LENGTH + " random characters, e.g. from: openssl rand -base64 32");
            }
            tokens.add(ApiToken.ofSecret("env-admin", ApiRole.ADMIN, fromEnv));
        }
        int maxBody = section.integer("max-body-bytes", ApiSettings.DEFAULT_MAX_BODY_BYTES, 256, 1 << 20);
        ApiSettings settings = section.checked("tokens", () -> new ApiSettings(tokens, maxBody));
        section.rejectUnknownKeys();
        return settings;
    }
}
