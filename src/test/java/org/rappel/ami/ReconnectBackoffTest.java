package org.rappel.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
    private static final Duration MIN = Duration.ofMillis(500);
    private static final Duration MAX = Duration.ofSeconds(30);

    @Test
    void delay_doublesFromMinimumWithHighestJitter() {
        ReconnectBackoff b = new ReconnectBackoff(MIN, MAX, () -> 0.999_999_999);

        assertThat(b.delay(1)).isBetween(Duration.ofMillis(499), MIN);
        assertThat(b.delay(2)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
        assertThat(b.delay(4)).isBetween(Duration.ofMillis(3999), Duration.ofSeconds(4));
    }

    @Test
    void delay_cappedAtMaximum() {
        ReconnectBackoff b = new ReconnectBackoff(MIN, MAX, () -> 0.999_999_999);

        assertThat(b.delay(7)).isBetween(Duration.ofMillis(29_999), MAX);
        assertThat(b.delay(1000)).isBetween(Duration.ofMillis(29_999), MAX);
    }

    @Test
    void delay_lowestJitterIsHalf() {
        ReconnectBackoff b = new ReconnectBackoff(MIN, MAX, () -> 0.0);

        assertThat(b.delay(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(b.delay(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delay(50)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void delay_attemptZeroRefused() {
        assertThatThrownBy(() -> new ReconnectBackoff(MIN, MAX, () -> 0.5).delay(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
