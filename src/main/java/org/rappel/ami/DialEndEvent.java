package org.rappel.ami;

import java.util.Optional;

/** {@code DialEnd}: the ringing of {@code DestChannel} ended with {@code DialStatus} (ANSWER, BUSY, NOANSWER…). */
public record DialEndEvent(
        Optional<String> channel,
        String destChannel,
        String destUniqueid,
        String dialStatus,
        AmiHeaders headers) implements AmiEvent {

    static DialEndEvent from(AmiHeaders h) {
        return new DialEndEvent(h.first("Channel"), h.require("DestChannel"), h.require("DestUniqueid"),
                h.require("DialStatus"), h);
    }
}
