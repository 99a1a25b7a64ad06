package org.rappel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rappel.admin.ApiRole;
import org.rappel.admin.ApiSettings;
import org.rappel.admin.ApiToken;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;

class ApiSectionTest {
    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String HASH2 = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

    private static ApiSettings parse(String yaml, Map<String, String> env) throws ConfigException {
        MappingNode root = (MappingNode) new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        ConfigSection top = new ConfigSection("rappel.yaml", "", Optional.of(root), env);
        return ApiSection.api(top.section("api"), env);
    }

    @Test
    void tokens_byName_withRoleAndAgent() throws ConfigException {
        ApiSettings settings = parse("""
                api:
                  max-body-bytes: 4096
                  tokens:
                    portal: {role: portal, sha256: %s}
                    agent101: {role: agent, agent: a101, sha256: %s}
                """.formatted(HASH, HASH2.toUpperCase()), Map.of());

        assertThat(settings.maxBodyBytes()).isEqualTo(4096);
        assertThat(settings.tokens()).containsExactly(
                new ApiToken("portal", ApiRole.PORTAL, HASH, Optional.empty()),
                new ApiToken("agent101", ApiRole.AGENT, HASH2, Optional.of("a101")));
    }

    @Test
    void envToken_isOneAdminToken_keptAsItsHash() throws ConfigException {
        ApiSettings settings = parse("other: 1\n", Map.of("RAPPEL_API_TOKEN", "a-long-enough-secret"));

        assertThat(settings.tokens()).singleElement().satisfies(t -> {
            assertThat(t.role()).isEqualTo(ApiRole.ADMIN);
            assertThat(t.sha256()).isEqualTo(ApiToken.ofSecret("x", ApiRole.ADMIN, "a-long-enough-secret").sha256());
            assertThat(t.toString()).doesNotContain("a-long-enough-secret");
        });
    }

    @Test
    void noSection_noToken() throws ConfigException {
        assertThat(parse("other: 1\n", Map.of()).tokens()).isEmpty();
    }

    @Test
    void errors_nameTheFileLineAndKey() {
        assertThatThrownBy(() -> parse("api:\n  tokens:\n    p: {role: boss, sha256: " + HASH + "}\n", Map.of()))
                .hasMessageContaining("rappel.yaml:3: api.tokens.p.role: expected one of viewer");
        assertThatThrownBy(() -> parse("api:\n  tokens:\n    p: {role: portal, sha256: 1234}\n", Map.of()))
                .hasMessageContaining("api.tokens.p.sha256: sha256 must be 64 hex digits");
        assertThatThrownBy(() -> parse("api:\n  tokens:\n    p: {role: agent, sha256: " + HASH + "}\n", Map.of()))
                .hasMessageContaining("api.tokens.p.agent: a token of role agent must name its agent");
        assertThatThrownBy(() -> parse("api:\n  tokens:\n    p: {role: viewer, agent: a1, sha256: " + HASH + "}\n",
                Map.of())).hasMessageContaining("only a token of role agent");
        assertThatThrownBy(() -> parse("api:\n  token: secret-in-clear-in-the-file\n", Map.of()))
                .hasMessageContaining("api.token: unknown key");
        assertThatThrownBy(() -> parse("api:\n  tokens:\n    p: {role: portal, sha256: " + HASH + ", x: 1}\n",
                Map.of())).hasMessageContaining("api.tokens.p.x: unknown key");
        assertThatThrownBy(() -> parse("api:\n  tokens:\n    a: {role: portal, sha256: " + HASH + "}\n"
                + "    b: {role: admin, sha256: " + HASH + "}\n", Map.of()))
                .hasMessageContaining("same secret as another");
        assertThatThrownBy(() -> parse("other: 1\n", Map.of("RAPPEL_API_TOKEN", "short")))
                .hasMessageContaining("RAPPEL_API_TOKEN: too short");
    }
}
