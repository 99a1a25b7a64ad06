package org.rappel.store;

import java.util.Objects;

/**
 * Names the Rappel node that claims callbacks, so that a claim can be told apart from another node's and a
 * crashed node's claims can be handed back. Stable across restarts of the same node (host name or config).
 */
public record NodeId(String value) {

    public NodeId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("node id must be 1 to 64 characters, not blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
