package org.rappel.ami;

/** {@code BridgeEnter}: a channel joined a bridge (caller and agent talk once both are in). */
public record BridgeEnterEvent(String bridgeUniqueid, String channel, String uniqueid, AmiHeaders headers)
        implements AmiEvent {

    static BridgeEnterEvent from(AmiHeaders h) {
        return new BridgeEnterEvent(h.require("BridgeUniqueid"), h.require("Channel"), h.require("Uniqueid"), h);
    }
}
