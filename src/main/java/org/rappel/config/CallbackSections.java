package org.rappel.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rappel.callback.CallingHours;
import org.rappel.callback.DialerSettings;
import org.rappel.callback.NumberingPlanSettings;
import org.rappel.callback.OfficeSettings;
import org.rappel.callback.RateLimitSettings;
import org.rappel.callback.WebhookSettings;
import org.rappel.store.PostgresSettings;

/** The {@code store:} and {@code callback:} sections, and the hours blocks they and the services use. */
final class CallbackSections {

    private CallbackSections() {
    }

    /** Relative data folders are relative to the working folder, as a server's are. */
    static StoreSettings store(ConfigSection section) throws ConfigException {
        String type = section.string("type", "sqlite").trim();
        StoreSettings d = StoreSettings.defaults();
        Path dataDir = Path.of(section.string("data-dir", d.dataDir().toString()).trim());
        Optional<PostgresSettings> postgres = switch (type) {
            case "sqlite" -> Optional.empty();
            case "postgresql" -> {
                String url = section.required("url").trim();
                String user = section.required("user").trim();
                String password = section.string("password", "");
                yield Optional.of(section.checked("url", () -> PostgresSettings.of(url, user, password)));
            }
            default -> throw section.invalid("type", "must be sqlite or postgresql, was '" + type + "'");
        };
        section.rejectUnknownKeys();
        return new StoreSettings(dataDir, postgres);
    }

    static CallbackSettings callback(ConfigSection section, Map<String, String> env) throws ConfigException {
        CallbackSettings defaults = CallbackSettings.defaults();
        DialerSettings d = defaults.dialer();
        String template = section.string("dial-template", d.dialTemplate()).trim();
        String callerId = section.string("caller-id", d.callerId()).trim();
        String context = section.string("context", d.context()).trim();
        Duration ring = section.duration("ring-timeout", d.ringTimeout(), Duration.ofSeconds(5), Duration.ofMinutes(5));
        int attempts = section.integer("max-attempts", d.maxAttempts(), 1, 20);
        Duration backoff = section.duration("retry-backoff", d.retryBackoff(), Duration.ofSeconds(1),
                Duration.ofDays(7));
        CallingHours hours = HoursSection.hours(section, "calling-hours", d.callingHours());
        DialerSettings dialer = section.checked("dial-template", () -> new DialerSettings(template, context,
                d.exten(), d.priority(), callerId, ring, attempts, backoff, d.leaseMargin(), hours));
        ConfigSection plan = section.section("numbering-plan");
        NumberingPlanSettings p = defaults.numberingPlan();
        String region = plan.string("region", p.homeRegion()).trim().toUpperCase(Locale.ROOT);
        NumberingPlanSettings numbering = plan.checked("region", () -> new NumberingPlanSettings(region,
                p.otherRegions(), p.acceptVoip(), p.acceptTollFree(), p.acceptSharedCost()));
        plan.rejectUnknownKeys();
        ConfigSection limits = section.section("rate-limits");
        RateLimitSettings r = defaults.rateLimits();
        int perNumber = limits.integer("per-number", r.perNumber().max(), 1, 10_000);
        Duration perNumberWindow = limits.duration("per-number-window", r.perNumber().window(),
                Duration.ofMinutes(1), Duration.ofDays(30));
        int perLine = limits.integer("per-calling-line", r.perCallingLine().max(), 1, 10_000);
        Duration perLineWindow = limits.duration("per-calling-line-window", r.perCallingLine().window(),
                Duration.ofMinutes(1), Duration.ofDays(30));
        RateLimitSettings rateLimits = new RateLimitSettings(new RateLimitSettings.Limit(perNumber, perNumberWindow),
                new RateLimitSettings.Limit(perLine, perLineWindow), r.maxTrackedKeys());
        limits.rejectUnknownKeys();
        OfficeSettings o = defaults.office();
        OfficeSettings office = new OfficeSettings(
                section.duration("rescan-every", o.rescanEvery(), Duration.ofMillis(100), Duration.ofMinutes(10)),
                section.integer("booking-horizon-days", o.bookingHorizonDays(), 1, 365),
                o.answeredCallDeadline());
        Optional<WebhookSettings> webhook = WebhookSection.webhook(section.section("webhook"), env);
        section.rejectUnknownKeys();
        return new CallbackSettings(dialer, numbering, rateLimits, office, webhook);
    }
}
