package org.rappel.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.rappel.store.TestClock;

class CallbackRateLimiterTest {
    private static final String VICTIM = "+33612345678";
    private final TestClock clock = new TestClock(Instant.parse("2026-11-26T09:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CallbackRateLimiter limiter =
            new CallbackRateLimiter(RateLimitSettings.defaults(), clock, registry);

    @Test
    void tryAcquire_fourthForOneNumberInADay_limitedUntilTheFirstLeavesTheWindow() {
        for (int line = 1; line <= 3; line++) {
            clock.advance(Duration.ofHours(1));
            assertThat(limiter.tryAcquire(VICTIM, "+3314567890" + line)).isEqualTo(new RateDecision.Allowed());
        }

        assertThat(limiter.tryAcquire(VICTIM, "+33145678909"))
                .isEqualTo(new RateDecision.Limited(RateScope.NUMBER, Duration.ofHours(22)));

        clock.advance(Duration.ofHours(22).minusMillis(1));
        assertThat(limiter.tryAcquire(VICTIM, "+33145678909")).isInstanceOf(RateDecision.Limited.class);
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire(VICTIM, "+33145678909")).isEqualTo(new RateDecision.Allowed());
    }

    @Test
    void tryAcquire_sixthFromOneCallingLineInAnHour_limited() {
        String line = "web:203.0.113.7";
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("+3361234567" + i, line)).isEqualTo(new RateDecision.Allowed());
            clock.advance(Duration.ofMinutes(10));
        }

        RateDecision sixth = limiter.tryAcquire("+33612345679", line);

        assertThat(sixth).isEqualTo(new RateDecision.Limited(RateScope.CALLING_LINE, Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(10));
        assertThat(limiter.tryAcquire("+33612345679", line)).isEqualTo(new RateDecision.Allowed());
    }

    @Test
    void tryAcquire_refusedByNumber_doesNotUseUpTheCallingLine() {
        String line = "+33145678901";
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(VICTIM, "+3314567800" + i);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire(VICTIM, line)).isInstanceOf(RateDecision.Limited.class);
        }

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("+3361234500" + i, line)).isEqualTo(new RateDecision.Allowed());
        }
    }

    @Test
    void tryAcquire_manyThreadsOnOneNumber_allowExactlyTheLimit() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<RateDecision>> requests = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String line = "+331456" + String.format("%05d", i);
                requests.add(() -> limiter.tryAcquire(VICTIM, line));
            }
            int allowed = 0;
            for (Future<RateDecision> decision : threads.invokeAll(requests)) {
                if (decision.get() instanceof RateDecision.Allowed) {
                    allowed++;
                }
            }
            assertThat(allowed).isEqualTo(3);
            assertThat(registry.get("rappel.callback.rate_limited").tag("scope", "number").counter().count())
                    .isEqualTo(197);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void tryAcquire_customLimits_applied() {
        CallbackRateLimiter strict = new CallbackRateLimiter(new RateLimitSettings(
                new RateLimitSettings.Limit(1, Duration.ofMinutes(5)),
                new RateLimitSettings.Limit(10, Duration.ofMinutes(5)), 100), clock, new SimpleMeterRegistry());

        assertThat(strict.tryAcquire(VICTIM, VICTIM)).isEqualTo(new RateDecision.Allowed());
        assertThat(strict.tryAcquire(VICTIM, VICTIM))
                .isEqualTo(new RateDecision.Limited(RateScope.NUMBER, Duration.ofMinutes(5)));
    }
}
