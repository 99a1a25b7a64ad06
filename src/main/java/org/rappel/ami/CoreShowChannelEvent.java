package org.rappel.ami;

import java.util.Optional;

/**
 * {@code CoreShowChannel}: one item of the {@code CoreShowChannels} list, with the channel's usual block
 * ({@code Channel}, {@code Uniqueid}, {@code Linkedid}…), then {@code Application}, {@code Duration} and
 * {@code BridgeId} (empty when the channel is in no bridge).
 */
public record CoreShowChannelEvent(
        String channel,
        String uniqueid,
        String linkedid,
        Optional<String> bridgeId,
        AmiHeaders headers) implements AmiEvent {

    static CoreShowChannelEvent from(AmiHeaders h) {
        return new CoreShowChannelEvent(h.require("Channel"), h.require("Uniqueid"), h.first("Linkedid").orElse(""),
                h.first("BridgeId").map(String::trim).filter(id -> !id.isEmpty()), h);
    }
}
