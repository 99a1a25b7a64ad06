package org.rappel.ami;

import java.util.Optional;

/**
 * {@code DialBegin}: a channel starts ringing {@code DestChannel}. The calling {@code Channel} is absent when
 * nobody dials (an Originate).
 */
public record DialBeginEvent(
        Optional<String> channel,
        String destChannel,
        String destUniqueid,
        String dialString,
        AmiHeaders headers) implements AmiEvent {

    static DialBeginEvent from(AmiHeaders h) {
        return new DialBeginEvent(h.first("Channel"), h.require("DestChannel"), h.require("DestUniqueid"),
                h.first("DialString").orElse(""), h);
    }
}
