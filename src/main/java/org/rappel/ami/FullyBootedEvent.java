package org.rappel.ami;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code FullyBooted}, sent right after a login. {@code Uptime} (seconds since Asterisk started) tells a restart
 * from a mere reconnect; it is absent before Asterisk 12, hence optional.
 */
public record FullyBootedEvent(Optional<Duration> uptime, Optional<Duration> lastReload, AmiHeaders headers)
        implements AmiEvent {

    static FullyBootedEvent from(AmiHeaders h) {
        return new FullyBootedEvent(seconds(h, "Uptime"), seconds(h, "LastReload"), h);
    }

    private static Optional<Duration> seconds(AmiHeaders h, String name) {
        return h.first(name).isPresent() ? Optional.of(Duration.ofSeconds(h.requireLong(name))) : Optional.empty();
    }
}
