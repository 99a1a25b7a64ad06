package org.rappel.config;

import java.util.Objects;
import java.util.Optional;
import org.rappel.callback.DialerSettings;
import org.rappel.callback.NumberingPlanSettings;
import org.rappel.callback.OfficeSettings;
import org.rappel.callback.RateLimitSettings;
import org.rappel.callback.WebhookSettings;

/**
 * Callbacks as configured under {@code callback:}: how they are dialled, which numbers are accepted, the rate
 * limits, how the office runs, and the webhook told of confirmations and failures (none by default).
 */
public record CallbackSettings(DialerSettings dialer, NumberingPlanSettings numberingPlan, RateLimitSettings rateLimits,
                               OfficeSettings office, Optional<WebhookSettings> webhook) {

    public static final String DEFAULT_DIAL_TEMPLATE = "PJSIP/{number}@trunk";
    public static final String DEFAULT_CALLER_ID = "\"Rappel\" <3230>";

    public CallbackSettings {
        Objects.requireNonNull(dialer, "dialer");
        Objects.requireNonNull(numberingPlan, "numberingPlan");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(office, "office");
        Objects.requireNonNull(webhook, "webhook");
    }

    public static CallbackSettings defaults() {
        return new CallbackSettings(DialerSettings.defaults(DEFAULT_DIAL_TEMPLATE, DEFAULT_CALLER_ID),
                NumberingPlanSettings.france(), RateLimitSettings.defaults(), OfficeSettings.defaults(),
                Optional.empty());
    }
}
