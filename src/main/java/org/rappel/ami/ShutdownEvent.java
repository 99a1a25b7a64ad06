package org.rappel.ami;

/** {@code Shutdown}: Asterisk is stopping ({@code Shutdown: Cleanly|Uncleanly}, {@code Restart: True|False}). */
public record ShutdownEvent(boolean clean, boolean restart, AmiHeaders headers) implements AmiEvent {

    static ShutdownEvent from(AmiHeaders h) {
        return new ShutdownEvent(h.first("Shutdown").filter("Cleanly"::equalsIgnoreCase).isPresent(),
                h.first("Restart").filter("True"::equalsIgnoreCase).isPresent(), h);
    }
}
