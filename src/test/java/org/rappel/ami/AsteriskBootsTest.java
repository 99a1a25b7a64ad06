package org.rappel.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AsteriskBootsTest {
    private long now = 7_000_000_000L;
    private final AsteriskBoots boots = new AsteriskBoots(() -> now);

    private void pass(Duration d) {
        now += d.toNanos();
    }

    @Test
    void booted_firstIsNoRestart() {
        assertThat(boots.booted(Optional.of(Duration.ofSeconds(100)))).isFalse();
    }

    @Test
    void booted_uptimeGrowingWithTimeIsSameAsterisk() {
        boots.booted(Optional.of(Duration.ofSeconds(100)));
        pass(Duration.ofSeconds(60));

        assertThat(boots.booted(Optional.of(Duration.ofSeconds(161)))).isFalse();
    }

    @Test
    void booted_uptimeBackToZeroIsRestart() {
        boots.booted(Optional.of(Duration.ofSeconds(100)));
        pass(Duration.ofSeconds(5));

        assertThat(boots.booted(Optional.of(Duration.ZERO))).isTrue();
        pass(Duration.ofSeconds(10));
        assertThat(boots.booted(Optional.of(Duration.ofSeconds(10)))).isFalse();
    }

    @Test
    void booted_shutdownSeenIsRestartEvenWithoutUptime() {
        boots.booted(Optional.of(Duration.ofSeconds(100)));
        boots.shutdownAnnounced();

        assertThat(boots.booted(Optional.empty())).isTrue();
        assertThat(boots.booted(Optional.empty())).isFalse();
    }
}
