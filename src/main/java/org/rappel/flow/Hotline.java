package org.rappel.flow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One hotline's checked flow: its nodes by name, in file order, and the node calls start at.
 *
 * @param file   the flow file it came from, for messages
 * @param answer whether the flow sends {@code ANSWER} before its first node
 */
record Hotline(String name, String file, String start, boolean answer, Map<String, FlowNode> nodes) {

    Hotline {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    }

    FlowNode node(String node) {
        FlowNode found = nodes.get(node);
        if (found == null) {
            throw new IllegalStateException("hotline " + name + " has no node " + node);
        }
        return found;
    }
}
