package org.rappel.ami;

/** Any event without a record of its own ({@code Newexten}, {@code VarSet}, {@code QueueCallerJoin}…). */
public record GenericEvent(AmiHeaders headers) implements AmiEvent {

    public GenericEvent {
        headers.require("Event");
    }
}
