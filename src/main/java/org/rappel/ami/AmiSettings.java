package org.rappel.ami;

import java.time.Duration;

/**
 * Where and how Rappel reaches one Asterisk's manager interface.
 *
 * @param host                 Asterisk's address
 * @param port                 its AMI port (5038)
 * @param username             the {@code manager.conf} user
 * @param secret               its secret; never logged ({@link #toString()} masks it)
 * @param pingInterval         how often a {@code Ping} checks the link; a missing {@code Pong} reconnects
 * @param actionTimeout        how long a response may take before its future fails (also the connect timeout
 *                             and the wait for {@code FullyBooted} after login)
 * @param reconnectMinBackoff  first delay before reconnecting; it doubles per failed attempt…
 * @param reconnectMaxBackoff  …up to this; each delay is then drawn between its half and its whole (jitter)
 */
public record AmiSettings(
        String host,
        int port,
        String username,
        String secret,
        Duration pingInterval,
        Duration actionTimeout,
        Duration reconnectMinBackoff,
        Duration reconnectMaxBackoff) {

    public AmiSettings {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("AMI port out of range: " + port);
        }
        if (username.isBlank()) {
            throw new IllegalArgumentException("AMI username is empty");
        }
        requirePositive("pingInterval", pingInterval);
        requirePositive("actionTimeout", actionTimeout);
        requirePositive("reconnectMinBackoff", reconnectMinBackoff);
        if (reconnectMaxBackoff.compareTo(reconnectMinBackoff) < 0) {
            throw new IllegalArgumentException("reconnectMaxBackoff is below reconnectMinBackoff");
        }
    }

    /** 127.0.0.1:5038 as user {@code rappel}, Ping every 10 s, 5 s per action, reconnect 0.5 s to 30 s. */
    public static AmiSettings defaults(String secret) {
        return new AmiSettings("127.0.0.1", 5038, "rappel", secret, Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    public AmiSettings withAddress(String newHost, int newPort) {
        return new AmiSettings(newHost, newPort, username, secret, pingInterval, actionTimeout, reconnectMinBackoff,
                reconnectMaxBackoff);
    }

    public AmiSettings withCredentials(String newUsername, String newSecret) {
        return new AmiSettings(host, port, newUsername, newSecret, pingInterval, actionTimeout,
                reconnectMinBackoff, reconnectMaxBackoff);
    }

    public AmiSettings withTimings(Duration newPingInterval, Duration newActionTimeout, Duration minBackoff,
                                   Duration maxBackoff) {
        return new AmiSettings(host, port, username, secret, newPingInterval, newActionTimeout, minBackoff, maxBackoff);
    }


    /** {@code host:port}, as the metrics' {@code asterisk} tag. */
    public String address() {
        return host + ":" + port;
    }

    private static void requirePositive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    @Override
    public String toString() {
        return "AmiSettings[" + username + "@" + address() + ", secret=****, ping=" + pingInterval + ", timeout="
                + actionTimeout + ", backoff=" + reconnectMinBackoff + ".." + reconnectMaxBackoff + "]";
    }
}
