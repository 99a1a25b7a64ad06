package org.rappel.flow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.rappel.callback.OfferReason;

/**
 * The IVR's callback meters. Labels are service names from the configuration and fixed words: never a number.
 * Every offer counted in the first ends in exactly one result of the second.
 *
 * <ul>
 *   <li>{@code rappel_callback_offers_total{service,reason}}: callbacks offered, by why: {@code long_wait},
 *       {@code surge}, {@code closed} (on entering the queue) or {@code caller_key} (the key pressed on hold)</li>
 *   <li>{@code rappel_callback_offer_results_total{service,result}}: how each offer ended, one of
 *       {@link Result}</li>
 * </ul>
 * Thread-safe (Micrometer meters are).
 */
final class CallbackMetrics {

    /** How an offer ended; {@link #tag()} is the label. */
    enum Result {
        /** Stored: the caller heard the confirmation (or hung up after it was stored). */
        ACCEPTED,
        /** Offer on entry answered 2, another key, or nothing. */
        DECLINED,
        /** No number the office would take within the tries: back to hold. */
        REFUSED_NUMBER,
        /** The caller gave no answer within the tries: back to hold. */
        NO_INPUT,
        /** The office's rate limit refused: back to hold. */
        RATE_LIMITED,
        /** The office could not store it (or refused for another reason): back to hold. */
        UNAVAILABLE,
        /** An agent came free before anything was confirmed: the caller was put through. */
        AGENT_FIRST,
        /** The caller hung up before the request was stored. */
        HUNG_UP;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The offer reason label for the key pressed on hold. */
    static final String CALLER_KEY = "caller_key";

    private final MeterRegistry registry;

    CallbackMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Every offer reason and result of {@code service} at zero, so dashboards see them before the first call. */
    void register(Iterable<String> services) {
        services.forEach(this::register);
    }

    private void register(String service) {
        for (OfferReason reason : OfferReason.values()) {
            if (reason != OfferReason.NONE) {
                offers(service, reason.name().toLowerCase(Locale.ROOT));
            }
        }
        offers(service, CALLER_KEY);
        for (Result result : Result.values()) {
            results(service, result);
        }
    }

    void offered(String service, OfferReason reason) {
        offered(service, reason.name().toLowerCase(Locale.ROOT));
    }

    void offered(String service, String reason) {
        offers(service, reason).increment();
    }

    void result(String service, Result result) {
        results(service, result).increment();
    }

    private Counter offers(String service, String reason) {
        return Counter.builder("rappel.callback.offers")
                .description("Callbacks offered to callers in a queue, by reason")
                .tag("service", service).tag("reason", reason)
                .register(registry);
    }

    private Counter results(String service, Result result) {
        return Counter.builder("rappel.callback.offer.results")
                .description("How callback offers ended")
                .tag("service", service).tag("result", result.tag())
                .register(registry);
    }
}
