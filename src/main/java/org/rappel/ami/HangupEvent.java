package org.rappel.ami;

/** {@code Hangup}: a channel is gone. {@code Cause} is the Q.850 cause (16 normal, 17 busy, 19 no answer). */
public record HangupEvent(
        String channel,
        String uniqueid,
        String linkedid,
        int cause,
        String causeText,
        AmiHeaders headers) implements AmiEvent {

    static HangupEvent from(AmiHeaders h) {
        return new HangupEvent(h.require("Channel"), h.require("Uniqueid"), h.first("Linkedid").orElse(""),
                (int) h.requireLong("Cause"), h.first("Cause-txt").orElse(""), h);
    }
}
