package org.rappel.flow;

import java.util.Map;
import java.util.Optional;

/** A node's value: a literal from the flow file, or a flow variable read when the node runs. */
record Operand(String text, boolean variable, int line) {

    Optional<String> resolve(Map<String, String> variables) {
        return variable ? Optional.ofNullable(variables.get(text)) : Optional.of(text);
    }
}
