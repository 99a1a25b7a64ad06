package org.rappel.admin;

import java.util.Locale;
import java.util.Optional;

/**
 * What a REST API token may do. Not a ladder: a portal token cannot read the queues, a viewer cannot book a
 * callback; each endpoint names the roles it lets in ({@link ApiRoutes} has the table).
 */
public enum ApiRole {
    /** Reads queues, agents and callbacks (a wallboard); changes nothing. */
    VIEWER,
    /** The web self-service portal: books, reads and cancels callbacks, reads slots. */
    PORTAL,
    /** One agent's softphone or console: logs in, out, pauses and unpauses its own agent only. */
    AGENT,
    /** Every contact-center command, for every agent, and every callback command. */
    SUPERVISOR,
    /** Everything. */
    ADMIN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ApiRole> parse(String text) {
        for (ApiRole role : values()) {
            if (role.code().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
