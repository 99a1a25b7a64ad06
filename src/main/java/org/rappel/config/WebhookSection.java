package org.rappel.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rappel.callback.CallbackNotice;
import org.rappel.callback.WebhookSettings;

/**
 * Reads {@code callback.webhook}: where the {@link org.rappel.callback.WebhookNotifier} posts callback notices.
 * <pre>
 * webhook:
 *   url: https://sms-gateway.example.fr/rappel     # http or https; absent: no webhook
 *   secret: ...                                    # HMAC key shared with the gateway, at least 16 characters;
 *                                                  # prefer the environment RAPPEL_WEBHOOK_SECRET (wins over the file)
 *   events: [confirmed, attempt-failed, failed, cancelled]   # default: all
 *   timeout: 5s
 *   max-attempts: 6
 *   queue-capacity: 1000
 * </pre>
 * Errors say {@code file:line: key: reason}; a secret's value never appears in one.
 */
final class WebhookSection {
    /** The short name operators are told to use; the key's own name ({@code RAPPEL_CALLBACK_WEBHOOK_SECRET}) works too. */
    static final String SECRET_ENV = "RAPPEL_WEBHOOK_SECRET";
    static final int MIN_SECRET_LENGTH = 16;

    private WebhookSection() {
    }

    /** Empty when no url is given: then no notice leaves Rappel. */
    static Optional<WebhookSettings> webhook(ConfigSection section, Map<String, String> env) throws ConfigException {
        String url = section.string("url", "").trim();
        String fileSecret = section.string("secret", "");
        List<String> eventNames = section.strings("events", List.of());
        boolean eventsGiven = section.present("events");
        if (url.isEmpty()) {
            section.duration("timeout", Duration.ofSeconds(5));
            section.integer("max-attempts", 1, 1, 20);
            section.integer("queue-capacity", 1, 1, 1_000_000);
            section.rejectUnknownKeys();
            return Optional.empty();
        }
        URI uri = uri(section, url);
        String envSecret = env.getOrDefault(SECRET_ENV, "");
        String secret = envSecret.isEmpty() ? fileSecret : envSecret;
        if (secret.isEmpty()) {
            throw section.invalid("secret", "missing: the gateway checks each POST's signature with it; set it here "
                    + "or in " + SECRET_ENV);
        }
        if (secret.length() < MIN_SECRET_LENGTH) {
            String reason = "too short (" + secret.length() + " characters, at least " + MIN_SECRET_LENGTH
                    + "): a guessable key lets anyone forge notices";
            if (!envSecret.isEmpty()) {
                throw new ConfigException("environment " + SECRET_ENV + ": " + reason);
            }
            throw section.invalid("secret", reason);
        }
        WebhookSettings d = WebhookSettings.defaults(uri, secret);
        Set<CallbackNotice.Kind> events = eventsGiven ? events(section, eventNames) : d.events();
        WebhookSettings settings = d.withEvents(events)
                .withTimeout(section.duration("timeout", d.timeout(), Duration.ofMillis(100), Duration.ofMinutes(1)))
                .withRetries(section.integer("max-attempts", d.maxAttempts(), 1, 20), d.firstBackoff(),
                        d.maxBackoff())
                .withQueue(section.integer("queue-capacity", d.queueCapacity(), 1, 1_000_000), d.maxInFlight());
        section.rejectUnknownKeys();
        return Optional.of(settings);
    }

    private static URI uri(ConfigSection section, String text) throws ConfigException {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw section.invalid("url", "not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw section.invalid("url", "must start with https:// (or http://), was '" + (uri.getScheme() == null
                    ? "" : uri.getScheme() + ":") + "...'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw section.invalid("url", "no host name in the URL");
        }
        if (uri.getRawUserInfo() != null) {
            // It would be sent nowhere (the client does not use it) and could end up in a log.
            throw section.invalid("url", "must not hold a user name or password; the secret signs each POST");
        }
        if (uri.getRawFragment() != null) {
            throw section.invalid("url", "must not have a #fragment");
        }
        return uri;
    }

    private static Set<CallbackNotice.Kind> events(ConfigSection section, List<String> names) throws ConfigException {
        Set<CallbackNotice.Kind> kinds = EnumSet.noneOf(CallbackNotice.Kind.class);
        List<String> known = new ArrayList<>();
        for (CallbackNotice.Kind k : CallbackNotice.Kind.values()) {
            known.add(k.code().replace('_', '-'));
        }
        for (String name : names) {
            String code = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
            Optional<CallbackNotice.Kind> kind = EnumSet.allOf(CallbackNotice.Kind.class).stream()
                    .filter(k -> k.code().equals(code)).findFirst();
            if (kind.isEmpty()) {
                throw section.invalid("events", "unknown event '" + name + "', known: " + known);
            }
            kinds.add(kind.get());
        }
        if (kinds.isEmpty()) {
            throw section.invalid("events", "empty: list at least one of " + known
                    + " (to send nothing, remove the url)");
        }
        return kinds;
    }
}
