package org.rappel.callback;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;

/**
 * When a webhook POST is tried again, and after how long. Immutable; any thread (if the jitter source is).
 *
 * <p>Retried: a network error or timeout (the gateway may be restarting), a 5xx, a 429. Not retried: any other
 * status (the same body would be refused again) or an exception of our own making. The delay doubles from
 * {@code first} up to {@code max}, with "equal jitter" (between half and all of the step) so that notices failed
 * together do not come back together; a {@code Retry-After} in seconds is honoured, up to {@code max}.
 */
final class WebhookBackoff {
    private final Duration first;
    private final Duration max;
    private final DoubleSupplier jitter;

    /** @param jitter values in [0, 1] */
    WebhookBackoff(Duration first, Duration max, DoubleSupplier jitter) {
        this.first = Objects.requireNonNull(first, "first");
        this.max = Objects.requireNonNull(max, "max");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
    }

    static boolean retryable(HttpResponse<?> response, Throwable error) {
        if (error != null) {
            return error instanceof IOException || error instanceof TimeoutException;
        }
        return response.statusCode() == 429 || response.statusCode() >= 500;
    }

    /** The delay before the next POST, after {@code attemptsMade} POSTs (at least 1) and the last one's Retry-After. */
    Duration after(int attemptsMade, Optional<Duration> retryAfter) {
        long cap = max.toMillis();
        long step = first.toMillis();
        for (int i = 1; i < attemptsMade && step < cap; i++) {
            step *= 2;
        }
        step = Math.min(step, cap);
        long delay = step / 2 + Math.round(jitter.getAsDouble() * (step - step / 2));
        long asked = retryAfter.map(Duration::toMillis).orElse(0L);
        return Duration.ofMillis(Math.max(delay, Math.min(asked, cap)));
    }

    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                long seconds = Long.parseLong(v.trim());
                return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
            } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP date: our own back-off applies
            }
        });
    }
}
