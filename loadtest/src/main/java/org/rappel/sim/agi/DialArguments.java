package org.rappel.sim.agi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The data of {@code Dial(Tech/resource[&Tech2/resource2…][,timeout[,options]])} as app_dial reads it: peers
 * separated by {@code &}, a timeout in seconds (decimals allowed; missing, zero, negative or not a number: ring
 * forever), options of which the simulator plays {@code m} / {@code m(class)} (music on hold while ringing). A peer
 * without {@code /} cannot be requested (app_dial warns and skips it).
 */
record DialArguments(List<String> peers, Optional<Duration> timeout, Optional<String> musicClass) {

    static DialArguments parse(String data) {
        String[] parts = data.split(",", -1);
        List<String> peers = new ArrayList<>();
        for (String peer : parts[0].split("&")) {
            if (!peer.isBlank()) {
                peers.add(peer.trim());
            }
        }
        Optional<Duration> timeout = Optional.empty();
        if (parts.length > 1 && !parts[1].isBlank()) {
            try {
                double seconds = Double.parseDouble(parts[1].trim());
                if (seconds > 0) {
                    timeout = Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
                }
            } catch (NumberFormatException e) {
                // app_dial: "Invalid timeout specified", rings without a limit
            }
        }
        return new DialArguments(peers, timeout, parts.length > 2 ? musicOption(parts[2]) : Optional.empty());
    }

    /** {@code m} → {@code default}; {@code m(jazz)} → {@code jazz}; other options' parentheses skipped. */
    private static Optional<String> musicOption(String options) {
        int i = 0;
        while (i < options.length()) {
            char c = options.charAt(i);
            int close = -1;
            if (i + 1 < options.length() && options.charAt(i + 1) == '(') {
                close = options.indexOf(')', i + 2);
                if (close < 0) {
                    close = options.length();
                }
            }
            if (c == 'm') {
                String cls = close > 0 ? options.substring(i + 2, Math.min(close, options.length())) : "";
                return Optional.of(cls.isEmpty() ? "default" : cls);
            }
            i = close > 0 ? close + 1 : i + 1;
        }
        return Optional.empty();
    }
}
