package org.rappel.callback;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where and how the {@link WebhookNotifier} posts callback notices.
 *
 * @param url           where to POST, {@code http} or {@code https} (https unless the gateway is on loopback: the
 *                      body carries the citizen's number)
 * @param secret        shared with the gateway, keys the {@code X-Rappel-Signature} HMAC; never logged nor shown
 *                      by {@link #toString}
 * @param events        the notice kinds sent; the others are ignored
 * @param timeout       to connect, and for the gateway's answer to each POST
 * @param maxAttempts   POSTs per notice, the first included, before it is given up
 * @param queueCapacity notices held in memory at most (waiting, being sent, or waiting for a retry); past it new
 *                      notices are dropped
 * @param firstBackoff  delay before the first retry; doubled for each further retry, with jitter
 * @param maxBackoff    the longest delay between two retries
 * @param maxInFlight   POSTs under way at once
 * @param drainTimeout  how long {@link WebhookNotifier#close} waits for notices still held
 */
public record WebhookSettings(URI url, String secret, Set<CallbackNotice.Kind> events, Duration timeout,
                              int maxAttempts, int queueCapacity, Duration firstBackoff, Duration maxBackoff,
                              int maxInFlight, Duration drainTimeout) {

    public WebhookSettings {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("webhook url must be http(s)://host/...: " + redacted(url));
        }
        Objects.requireNonNull(secret, "secret");
        if (secret.isBlank()) {
            throw new IllegalArgumentException("webhook secret must not be empty");
        }
        events = events.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(events));
        if (events.isEmpty()) {
            throw new IllegalArgumentException("webhook needs at least one event kind");
        }
        requirePositive(timeout, "timeout");
        requirePositive(firstBackoff, "firstBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (maxAttempts < 1 || queueCapacity < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("webhook maxAttempts, queueCapacity and maxInFlight must be at least 1");
        }
    }

    /**
     * Every event kind; 5 s timeout; 6 attempts, retried after about 2, 4, 8, 16, 32 s (at most 5 min apart); 1000
     * notices held; 4 POSTs at once; 10 s to drain on close.
     */
    public static WebhookSettings defaults(URI url, String secret) {
        return new WebhookSettings(url, secret, EnumSet.allOf(CallbackNotice.Kind.class), Duration.ofSeconds(5), 6,
                1000, Duration.ofSeconds(2), Duration.ofMinutes(5), 4, Duration.ofSeconds(10));
    }

    public WebhookSettings withEvents(Set<CallbackNotice.Kind> kinds) {
        return new WebhookSettings(url, secret, kinds, timeout, maxAttempts, queueCapacity, firstBackoff, maxBackoff,
                maxInFlight, drainTimeout);
    }

    public WebhookSettings withTimeout(Duration t) {
        return new WebhookSettings(url, secret, events, t, maxAttempts, queueCapacity, firstBackoff, maxBackoff,
                maxInFlight, drainTimeout);
    }

    public WebhookSettings withRetries(int attempts, Duration first, Duration max) {
        return new WebhookSettings(url, secret, events, timeout, attempts, queueCapacity, first, max, maxInFlight,
                drainTimeout);
    }

    public WebhookSettings withQueue(int capacity, int inFlight) {
        return new WebhookSettings(url, secret, events, timeout, maxAttempts, capacity, firstBackoff, maxBackoff,
                inFlight, drainTimeout);
    }

    public WebhookSettings withDrainTimeout(Duration drain) {
        return new WebhookSettings(url, secret, events, timeout, maxAttempts, queueCapacity, firstBackoff, maxBackoff,
                maxInFlight, drain);
    }

    /** The url without user info, query or fragment (which may hold a token): safe to log. */
    public String loggableUrl() {
        return redacted(url);
    }

    @Override
    public String toString() {
        return "WebhookSettings[url=" + loggableUrl() + ", secret=***, events=" + events + ", timeout=" + timeout
                + ", maxAttempts=" + maxAttempts + ", queueCapacity=" + queueCapacity + ", firstBackoff="
                + firstBackoff + ", maxBackoff=" + maxBackoff + ", maxInFlight=" + maxInFlight + ", drainTimeout="
                + drainTimeout + "]";
    }

    private static String redacted(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
