package org.rappel.ami;

/** Builds the typed event for a header block. Stateless. */
final class AmiEvents {
    private AmiEvents() {
    }

    /**
     * @throws IllegalArgumentException when an event Rappel relies on lacks a field or has a non-number where a
     *                                  number belongs; the decoder then reports the message as malformed
     */
    static AmiEvent of(AmiHeaders h) {
        return switch (h.require("Event")) {
            case "FullyBooted" -> FullyBootedEvent.from(h);
            case "Shutdown" -> ShutdownEvent.from(h);
            case "OriginateResponse" -> OriginateResponseEvent.from(h);
            case "Newchannel" -> NewchannelEvent.from(h);
            case "Hangup" -> HangupEvent.from(h);
            case "DialBegin" -> DialBeginEvent.from(h);
            case "DialEnd" -> DialEndEvent.from(h);
            case "BridgeEnter" -> BridgeEnterEvent.from(h);
            case "BridgeLeave" -> BridgeLeaveEvent.from(h);
            case "DTMFEnd" -> DtmfEndEvent.from(h);
            case "CoreShowChannel" -> CoreShowChannelEvent.from(h);
            default -> new GenericEvent(h);
        };
    }
}
