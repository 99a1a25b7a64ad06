package org.rappel.ami;

import java.time.Duration;

/**
 * {@code DTMFEnd}: a key was released on a channel. {@code received} is {@code Direction: Received} (the caller
 * pressed it) as opposed to {@code Sent}. Keys pressed while no AGI command waits show only here.
 */
public record DtmfEndEvent(
        String channel,
        String uniqueid,
        char digit,
        Duration duration,
        boolean received,
        AmiHeaders headers) implements AmiEvent {

    static DtmfEndEvent from(AmiHeaders h) {
        String digit = h.require("Digit");
        if (digit.length() != 1) {
            throw new IllegalArgumentException("DTMFEnd Digit is not one key: '" + digit + "'");
        }
        return new DtmfEndEvent(h.require("Channel"), h.require("Uniqueid"), digit.charAt(0),
                Duration.ofMillis(h.first("DurationMs").isPresent() ? h.requireLong("DurationMs") : 0),
                h.first("Direction").filter("Received"::equalsIgnoreCase).isPresent(), h);
    }
}
