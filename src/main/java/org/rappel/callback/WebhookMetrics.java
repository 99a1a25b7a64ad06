package org.rappel.callback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The webhook's meters: {@code rappel_callback_notifications_total{kind,result}},
 * {@code rappel_callback_notification_delivery_seconds} and {@code rappel_callback_notifications_held}. Every
 * kind and result is registered at start, so a dashboard shows zeros rather than gaps. Any thread.
 */
final class WebhookMetrics {

    enum Result {
        /** The gateway answered 2xx. */
        DELIVERED,
        /** Given up: refused (4xx other than 429) or still failing after the last attempt. */
        FAILED,
        /** Never sent or not finished: queue full, or the notifier closing. */
        DROPPED,
        /** One more POST after a network error, timeout, 5xx or 429 (counted per retry). */
        RETRIED;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<CallbackNotice.Kind, Map<Result, Counter>> counters = new EnumMap<>(CallbackNotice.Kind.class);
    private final Timer delivery;

    WebhookMetrics(MeterRegistry registry, AtomicInteger held) {
        for (CallbackNotice.Kind kind : CallbackNotice.Kind.values()) {
            Map<Result, Counter> byResult = new EnumMap<>(Result.class);
            for (Result result : Result.values()) {
                byResult.put(result, Counter.builder("rappel.callback.notifications")
                        .description("Callback notices for the webhook, by kind and result (retried counts each "
                                + "retry; dropped ones were not delivered: queue full or shutting down)")
                        .tag("kind", kind.code())
                        .tag("result", result.code())
                        .register(registry));
            }
            counters.put(kind, byResult);
        }
        this.delivery = Timer.builder("rappel.callback.notification.delivery")
                .description("Time from a callback notice to the webhook's 2xx, retries included")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(30))
                .register(registry);
        Gauge.builder("rappel.callback.notifications.held", held, AtomicInteger::get)
                .description("Callback notices held in memory for the webhook (waiting, being sent, or to retry)")
                .register(registry);
    }

    void count(CallbackNotice.Kind kind, Result result) {
        counters.get(kind).get(result).increment();
    }

    void delivered(CallbackNotice.Kind kind, Duration sinceNotice) {
        delivery.record(sinceNotice.isNegative() ? Duration.ZERO : sinceNotice);
        count(kind, Result.DELIVERED);
    }
}
