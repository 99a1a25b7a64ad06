package org.rappel.ami;

import java.util.Optional;

/**
 * {@code OriginateResponse}: the outcome of an asynchronous Originate, matched to it by {@code ActionID} (the
 * only link on failure: {@code Uniqueid} is then {@code <unknown>} and {@code Channel} the dialled string).
 */
public record OriginateResponseEvent(
        String originateActionId,
        boolean success,
        int reasonCode,
        String channel,
        Optional<String> uniqueid,
        AmiHeaders headers) implements AmiEvent {

    static OriginateResponseEvent from(AmiHeaders h) {
        String uniqueid = h.first("Uniqueid").orElse("<unknown>");
        return new OriginateResponseEvent(h.require("ActionID"), h.require("Response").equalsIgnoreCase("Success"),
                (int) h.requireLong("Reason"), h.first("Channel").orElse(""),
                uniqueid.isEmpty() || uniqueid.equals("<unknown>") ? Optional.empty() : Optional.of(uniqueid), h);
    }

    public OriginateReason reason() {
        return OriginateReason.of(reasonCode);
    }
}
