package org.rappel.ami;

import java.time.Duration;
import java.util.Optional;

/**
 * A change of the link to one Asterisk.
 *
 * @param kind           what happened
 * @param detail         why, for logs (the cause of a loss)
 * @param asteriskUptime Asterisk's {@code FullyBooted} {@code Uptime}, when the link came up and it was sent
 */
public record AmiLinkChange(Kind kind, String detail, Optional<Duration> asteriskUptime) {

    public enum Kind {
        /** First login of this connection. */
        CONNECTED,
        /** The link went down; actions fail until it is back. */
        LOST,
        /**
         * Back to the same Asterisk (it did not restart): its calls go on, but events were missed while the link
         * was down, so the owner must resync its view (e.g. {@code CoreShowChannels}).
         */
        RECONNECTED,
        /**
         * Back, but Asterisk restarted meanwhile (a {@code Shutdown} event was seen, or {@code Uptime} shows a
         * later start): every channel it had is gone.
         */
        ASTERISK_RESTARTED
    }
}
