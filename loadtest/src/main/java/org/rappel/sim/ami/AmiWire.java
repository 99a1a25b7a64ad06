package org.rappel.sim.ami;

import java.util.Optional;

/**
 * Builds one AMI message as Asterisk writes it: {@code Name: Value\r\n} lines, then an empty line. Responses put
 * {@code ActionID} right after {@code Response} (and leave it out when the action had none); events start with
 * {@code Event}, {@code Privilege} and, when {@code timestampevents=yes}, {@code Timestamp}. Not thread-safe; one
 * per message.
 */
final class AmiWire {
    private final StringBuilder text = new StringBuilder(256);

    private AmiWire() {
    }

    static AmiWire response(String response, Optional<String> actionId) {
        AmiWire w = new AmiWire().add("Response", response);
        actionId.ifPresent(id -> w.add("ActionID", id));
        return w;
    }

    static AmiWire event(String name, String privilege, Optional<String> timestamp) {
        AmiWire w = new AmiWire().add("Event", name).add("Privilege", privilege);
        timestamp.ifPresent(t -> w.add("Timestamp", t));
        return w;
    }

    /** An event without Privilege/Timestamp (list completion events are sent so). */
    static AmiWire bareEvent(String name) {
        return new AmiWire().add("Event", name);
    }

    AmiWire add(String name, Object value) {
        text.append(name).append(": ").append(value).append("\r\n");
        return this;
    }

    /** A channel's block of headers, under a prefix ({@code Dest} for the called side). */
    AmiWire appendBlock(SimChannel channel, String prefix) {
        return channel.appendTo(this, prefix);
    }

    String text() {
        return text + "\r\n";
    }
}
