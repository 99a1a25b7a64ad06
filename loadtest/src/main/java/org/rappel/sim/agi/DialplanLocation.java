package org.rappel.sim.agi;

/** A place in the dialplan: where the channel goes on after AGI() returned. */
public record DialplanLocation(String context, String extension, int priority) {

    @Override
    public String toString() {
        return context + "," + extension + "," + priority;
    }
}
