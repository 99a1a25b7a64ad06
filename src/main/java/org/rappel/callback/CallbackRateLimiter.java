package org.rappel.callback;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.rappel.store.PhoneMask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits how many callbacks can be asked per number and per calling line over sliding windows, so that nobody
 * can flood a victim's phone with callbacks, nor flood the hotline from one line. A request is counted only when
 * both limits allow it. Refusals are counted in {@code rappel.callback.rate_limited{scope}}.
 *
 * <p>Windows live in bounded Caffeine caches that forget a key once its window has passed unused; the injected
 * clock drives both the windows and the cache expiry. Thread-safe: each key's window changes only inside the
 * cache's atomic compute for that key.
 */
public final class CallbackRateLimiter {
    private static final Logger log = LoggerFactory.getLogger(CallbackRateLimiter.class);

    private final Clock clock;
    private final RateLimitSettings settings;
    private final Cache<String, SlidingWindow> byNumber;
    private final Cache<String, SlidingWindow> byCallingLine;
    private final Map<RateScope, Counter> limited = new EnumMap<>(RateScope.class);

    public CallbackRateLimiter(RateLimitSettings settings, Clock clock, MeterRegistry registry) {
        this.settings = settings;
        this.clock = clock;
        this.byNumber = windows(settings.perNumber().window(), settings.maxTrackedKeys());
        this.byCallingLine = windows(settings.perCallingLine().window(), settings.maxTrackedKeys());
        for (RateScope scope : RateScope.values()) {
            limited.put(scope, Counter.builder("rappel.callback.rate_limited")
                    .description("Callback requests refused by a rate limit")
                    .tag("scope", scope.code())
                    .register(registry));
        }
    }

    /**
     * Counts a callback request for {@code number} (E.164) coming from {@code callingLine}, or says which limit
     * refuses it. A refused request is not counted.
     */
    public RateDecision tryAcquire(String number, String callingLine) {
        long now = clock.millis();
        long lineWait = acquire(byCallingLine, callingLine, settings.perCallingLine(), now);
        if (lineWait > 0) {
            return limited(RateScope.CALLING_LINE, lineWait, callingLine);
        }
        long numberWait = acquire(byNumber, number, settings.perNumber(), now);
        if (numberWait > 0) {
            byCallingLine.asMap().computeIfPresent(callingLine, (key, window) -> {
                window.undoLatest();
                return window;
            });
            return limited(RateScope.NUMBER, numberWait, number);
        }
        return new RateDecision.Allowed();
    }

    private RateDecision limited(RateScope scope, long waitMillis, String key) {
        limited.get(scope).increment();
        log.info("callback request refused by the {} limit for {}", scope.code(), PhoneMask.mask(key));
        return new RateDecision.Limited(scope, Duration.ofMillis(waitMillis));
    }

    private static long acquire(Cache<String, SlidingWindow> windows, String key, RateLimitSettings.Limit limit,
            long now) {
        long[] wait = new long[1];
        windows.asMap().compute(key, (k, window) -> {
            SlidingWindow current = window == null ? new SlidingWindow(limit.max()) : window;
            wait[0] = current.tryAcquire(now, limit.window().toMillis());
            return current;
        });
        return wait[0];
    }

    private Cache<String, SlidingWindow> windows(Duration window, long maxKeys) {
        return Caffeine.newBuilder()
                .expireAfterAccess(window)
                .maximumSize(maxKeys)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                // Clean-up runs on the calling thread: no background pool, and tests stay deterministic.
                .executor(Runnable::run)
                .build();
    }
}
