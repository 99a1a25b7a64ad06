package org.rappel.ami;

/** Receives every event of a connection, on its event loop: it must not block. */
@FunctionalInterface
public interface AmiEventListener {
    void onEvent(AmiEvent event);
}
