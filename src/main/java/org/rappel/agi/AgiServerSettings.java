package org.rappel.agi;

import java.time.Duration;
import java.util.List;

/**
 * How the FastAGI server listens.
 *
 * @param bindHost         address to listen on
 * @param port             TCP port; 0 picks a free one (tests)
 * @param allowedNetworks  CIDR blocks (IPv4 or IPv6) that may connect; others are closed at once
 * @param maxLineLength    longest line accepted from Asterisk, in bytes, without its {@code \n}
 * @param maxEnvironmentLines most {@code agi_*} lines before the empty line
 * @param environmentTimeout  how long a new connection may take to send its whole environment
 * @param hangupCloseDelay how long after Asterisk's {@code HANGUP} notice the server closes the socket at the
 *                         latest (the in-flight reply may come first); below one second
 * @param drainDeadline    on shutdown, how long running calls may go on before their connections are closed
 */
public record AgiServerSettings(
        String bindHost,
        int port,
        List<String> allowedNetworks,
        int maxLineLength,
        int maxEnvironmentLines,
        Duration environmentTimeout,
        Duration hangupCloseDelay,
        Duration drainDeadline) {

    public AgiServerSettings {
        allowedNetworks = List.copyOf(allowedNetworks);
    }

    public static AgiServerSettings defaults() {
        return new AgiServerSettings("0.0.0.0", 4573, List.of("127.0.0.0/8", "::1/128"),
                8192, 256, Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    /**
     * Checks CIDR blocks as the server will read them.
     *
     * @return the blocks, unchanged
     * @throws IllegalArgumentException naming the first block that is not {@code <address>/<prefix>}
     */
    public static List<String> checkNetworks(List<String> cidrBlocks) {
        AgiAllowlist.rules(cidrBlocks);
        return cidrBlocks;
    }
}
