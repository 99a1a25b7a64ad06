package org.rappel.ami;

/** {@code BridgeLeave}: a channel left a bridge. */
public record BridgeLeaveEvent(String bridgeUniqueid, String channel, String uniqueid, AmiHeaders headers)
        implements AmiEvent {

    static BridgeLeaveEvent from(AmiHeaders h) {
        return new BridgeLeaveEvent(h.require("BridgeUniqueid"), h.require("Channel"), h.require("Uniqueid"), h);
    }
}
