package org.rappel.ami;

import java.util.Optional;

/** A message from Asterisk: the response to one action, or an event. */
public sealed interface AmiMessage permits AmiResponse, AmiEvent {

    AmiHeaders headers();

    /** The {@code ActionID} this message answers; events carry it only when an action caused them. */
    default Optional<String> actionId() {
        return headers().first("ActionID");
    }
}
