package org.rappel.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AsteriskBootsTest {
    private Instant now = Instant.parse("2026-11-26T14:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final AsteriskBoots boots = new AsteriskBoots(clock);

    @Test
    void booted_firstIsNoRestart() {
        assertThat(boots.booted(Optional.of(Duration.ofSeconds(100)))).isFalse();
    }

    @Test
    void booted_uptimeGrowingWithTimeIsSameAsterisk() {
        boots.booted(Optional.of(Duration.ofSeconds(100)));
        now = now.plusSeconds(60);

        assertThat(boots.booted(Optional.of(Duration.ofSeconds(161)))).isFalse();
    }

    @Test
    void booted_uptimeBackToZeroIsRestart() {
        boots.booted(Optional.of(Duration.ofSeconds(100)));
        now = now.plusSeconds(5);

        assertThat(boots.booted(Optional.of(Duration.ZERO))).isTrue();
        now = now.plusSeconds(10);
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
