package org.rappel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rappel.callback.CallbackNotice.Kind;
import org.rappel.callback.WebhookSettings;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;

/** {@code callback.webhook}: off without a url; a url needs a secret; errors with file:line, never the secret. */
class WebhookSectionTest {
    private static final String SECRET = "s3cret-shared-with-the-gateway";

    private static Optional<WebhookSettings> read(String yaml, Map<String, String> env) throws ConfigException {
        MappingNode root = (MappingNode) new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        ConfigSection top = new ConfigSection("rappel.yaml", "", Optional.of(root), env);
        return WebhookSection.webhook(top.section("callback").section("webhook"), env);
    }

    private static void assertRefused(String yaml, Map<String, String> env, String message) {
        assertThatThrownBy(() -> read(yaml, env)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void webhook_noUrlIsOff() throws ConfigException {
        assertThat(read("callback: {}\n", Map.of())).isEmpty();
        assertThat(read("callback:\n  webhook: {timeout: 2s}\n", Map.of())).isEmpty();
    }

    @Test
    void webhook_everyKeyRead() throws ConfigException {
        Optional<WebhookSettings> settings = read("""
                callback:
                  webhook:
                    url: https://sms.example.fr/rappel?key=abc
                    secret: %s
                    events: [confirmed, attempt-failed]
                    timeout: 2s
                    max-attempts: 4
                    queue-capacity: 50
                """.formatted(SECRET), Map.of());

        WebhookSettings d = WebhookSettings.defaults(URI.create("https://sms.example.fr/rappel?key=abc"), SECRET);
        assertThat(settings).contains(d.withEvents(EnumSet.of(Kind.CONFIRMED, Kind.ATTEMPT_FAILED))
                .withTimeout(Duration.ofSeconds(2)).withRetries(4, d.firstBackoff(), d.maxBackoff())
                .withQueue(50, d.maxInFlight()));
    }

    @Test
    void webhook_defaultsAllEventsAndSecretFromTheEnvironment() throws ConfigException {
        WebhookSettings s = read("callback:\n  webhook:\n    url: http://127.0.0.1:8099/hook\n    secret: from-the-file-1234\n",
                Map.of("RAPPEL_WEBHOOK_SECRET", SECRET)).orElseThrow();

        assertThat(s.secret()).isEqualTo(SECRET);
        assertThat(s.events()).containsExactlyInAnyOrder(Kind.values());
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.maxAttempts()).isEqualTo(6);
        assertThat(s.queueCapacity()).isEqualTo(1000);
        // The long name of the key works too.
        assertThat(read("callback:\n  webhook:\n    url: https://gw.example.fr/\n", Map.of(
                "RAPPEL_CALLBACK_WEBHOOK_SECRET", SECRET)).orElseThrow().secret()).isEqualTo(SECRET);
    }

    @Test
    void webhook_badUrl() {
        assertRefused("callback:\n  webhook:\n    url: ftp://gw.example.fr/x\n    secret: " + SECRET + "\n", Map.of(),
                "rappel.yaml:3: callback.webhook.url: must start with https:// (or http://), was 'ftp:...'");
        assertRefused("callback:\n  webhook:\n    url: gw.example.fr/x\n    secret: " + SECRET + "\n", Map.of(),
                "rappel.yaml:3: callback.webhook.url: must start with https:// (or http://), was '...'");
        assertRefused("callback:\n  webhook:\n    url: https://user:pw@gw.example.fr/x\n    secret: " + SECRET + "\n",
                Map.of(), "rappel.yaml:3: callback.webhook.url: must not hold a user name or password; the secret "
                        + "signs each POST");
        assertRefused("callback:\n  webhook:\n    url: \"https://gw example\"\n    secret: " + SECRET + "\n", Map.of(),
                "rappel.yaml:3: callback.webhook.url: not a valid URL: Illegal character in authority");
    }

    @Test
    void webhook_secretMissingOrShort_neverShown() {
        assertRefused("callback:\n  webhook:\n    url: https://gw.example.fr/x\n", Map.of(),
                "rappel.yaml:3: callback.webhook.secret: missing: the gateway checks each POST's signature with it; "
                        + "set it here or in RAPPEL_WEBHOOK_SECRET");
        assertRefused("callback:\n  webhook:\n    url: https://gw.example.fr/x\n    secret: tiny-secret\n", Map.of(),
                "rappel.yaml:4: callback.webhook.secret: too short (11 characters, at least 16): a guessable key "
                        + "lets anyone forge notices");
        assertRefused("callback:\n  webhook:\n    url: https://gw.example.fr/x\n", Map.of("RAPPEL_WEBHOOK_SECRET", "abc"),
                "environment RAPPEL_WEBHOOK_SECRET: too short (3 characters, at least 16): a guessable key lets "
                        + "anyone forge notices");
    }

    @Test
    void webhook_badEventsAndNumbers() {
        String head = "callback:\n  webhook:\n    url: https://gw.example.fr/x\n    secret: " + SECRET + "\n";
        assertRefused(head + "    events: [confirmed, answered]\n", Map.of(), "rappel.yaml:5: callback.webhook.events: "
                + "unknown event 'answered', known: [confirmed, attempt-failed, failed, cancelled]");
        assertRefused(head + "    events: []\n", Map.of(), "rappel.yaml:5: callback.webhook.events: empty: list at "
                + "least one of [confirmed, attempt-failed, failed, cancelled] (to send nothing, remove the url)");
        assertRefused(head + "    timeout: 5\n", Map.of(), "rappel.yaml:5: callback.webhook.timeout: expected a "
                + "duration such as 500ms, 30s, 5m or 2h, was '5'");
        assertRefused(head + "    max-attempts: 0\n", Map.of(), "rappel.yaml:5: callback.webhook.max-attempts: must be "
                + "between 1 and 20, was 0");
        assertRefused(head + "    queue-size: 10\n", Map.of(), "rappel.yaml:5: callback.webhook.queue-size: unknown key");
    }
}
