package org.rappel.flow;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of a hotline's node graph, once all its nodes are read: every reference names a node, every node is
 * reached from the start, from every node a way out (hang-up, transfer, enqueue) can be reached, and every flow
 * variable read is stored somewhere. A menu's retries are no way out: only its routes count, so a menu whose
 * routes all lead back to it is refused. Problems are reported in file order, one at a time.
 */
final class FlowChecks {

    private FlowChecks() {
    }

    static void check(String file, String hotline, Route start, Map<String, FlowNode> nodes)
            throws FlowDefinitionException {
        if (!nodes.containsKey(start.target())) {
            throw new FlowDefinitionException(file, start.line(), "start node '" + start.target()
                    + "' of hotline '" + hotline + "' is not defined");
        }
        for (FlowNode node : nodes.values()) {
            for (Route route : node.routes()) {
                if (!nodes.containsKey(route.target())) {
                    throw new FlowDefinitionException(file, route.line(), "unknown node '" + route.target()
                            + "' referenced by node '" + node.name() + "'");
                }
            }
        }
        Set<String> reached = reachedFrom(start.target(), nodes);
        for (FlowNode node : nodes.values()) {
            if (!reached.contains(node.name())) {
                throw new FlowDefinitionException(file, node.line(), "node '" + node.name()
                        + "' is unreachable from start node '" + start.target() + "'");
            }
        }
        Set<String> withWayOut = withWayOut(nodes);
        for (FlowNode node : nodes.values()) {
            if (!withWayOut.contains(node.name())) {
                throw new FlowDefinitionException(file, node.line(), "node '" + node.name()
                        + "' loops without exit: no hangup, transfer or enqueue node can be reached from it");
            }
        }
        checkVariables(file, nodes);
    }

    private static Set<String> reachedFrom(String start, Map<String, FlowNode> nodes) {
        Set<String> reached = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(start));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (reached.add(name)) {
                nodes.get(name).routes().forEach(route -> pending.push(route.target()));
            }
        }
        return reached;
    }

    /** Walks the routes backwards from the nodes that end the flow. */
    private static Set<String> withWayOut(Map<String, FlowNode> nodes) {
        Map<String, List<String>> comingFrom = new HashMap<>();
        for (FlowNode node : nodes.values()) {
            for (Route route : node.routes()) {
                comingFrom.computeIfAbsent(route.target(), k -> new java.util.ArrayList<>()).add(node.name());
            }
        }
        Set<String> withWayOut = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        nodes.values().stream().filter(FlowNode::endsFlow).forEach(node -> pending.push(node.name()));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (withWayOut.add(name)) {
                comingFrom.getOrDefault(name, List.of()).forEach(pending::push);
            }
        }
        return withWayOut;
    }

    private static void checkVariables(String file, Map<String, FlowNode> nodes) throws FlowDefinitionException {
        Set<String> stored = new HashSet<>(Set.of(CallState.LANGUAGE));
        for (FlowNode node : nodes.values()) {
            if (node instanceof FlowNode.Collect collect) {
                stored.add(collect.into());
            }
        }
        for (FlowNode node : nodes.values()) {
            for (Operand read : node.reads()) {
                if (!stored.contains(read.text())) {
                    throw new FlowDefinitionException(file, read.line(), "node '" + node.name()
                            + "' reads flow variable '" + read.text() + "', which no collect node stores");
                }
            }
        }
    }
}
