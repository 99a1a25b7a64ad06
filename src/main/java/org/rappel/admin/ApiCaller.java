package org.rappel.admin;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling the API, once their token is known: the token's name and role, and for an agent token the one
 * agent it manages. Never holds the token itself.
 */
public record ApiCaller(String name, ApiRole role, Optional<String> agent) {

    public ApiCaller {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(agent, "agent");
    }

    /** Supervisors and admins see callers' full numbers; others see them masked. */
    boolean seesFullNumbers() {
        return role == ApiRole.SUPERVISOR || role == ApiRole.ADMIN;
    }
}
