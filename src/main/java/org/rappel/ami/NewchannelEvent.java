package org.rappel.ami;

/** {@code Newchannel}: a channel was created ({@code ChannelState} 0 = down, 4 = ring, 6 = up). */
public record NewchannelEvent(
        String channel,
        String uniqueid,
        String linkedid,
        int channelState,
        String context,
        String exten,
        AmiHeaders headers) implements AmiEvent {

    static NewchannelEvent from(AmiHeaders h) {
        return new NewchannelEvent(h.require("Channel"), h.require("Uniqueid"), h.first("Linkedid").orElse(""),
                (int) h.requireLong("ChannelState"), h.first("Context").orElse(""), h.first("Exten").orElse(""), h);
    }
}
