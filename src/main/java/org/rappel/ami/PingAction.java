package org.rappel.ami;

import java.util.List;

/** {@code Ping}: answered {@code Ping: Pong} with a {@code Timestamp}; the keepalive. */
public record PingAction() implements AmiAction {

    @Override
    public String name() {
        return "Ping";
    }

    @Override
    public List<AmiHeader> fields() {
        return List.of();
    }
}
