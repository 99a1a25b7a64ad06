package org.rappel.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One YAML mapping of a flow file, read from SnakeYAML's node tree so that every refusal names its line.
 *
 * <p>Keys are plain scalars; a duplicate key is refused here (the node tree keeps both, unlike a loaded map).
 * Values are read as raw text: {@code on-timeout: no} names a node {@code no}, never the boolean false.
 * Used only while loading, by one thread.
 */
final class YamlMapping {

    private static final Pattern DURATION = Pattern.compile("(-?\\d+)\\s*(ms|s|m)");

    private final String file;
    private final Node node;
    private final String what;
    private final int line;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    /**
     * @param line where the mapping is named (its key's line), for the refusals of what is missing in it; a block
     *             mapping itself starts only at its first key
     */
    YamlMapping(String file, Node node, String what, int line) throws FlowDefinitionException {
        this.file = file;
        this.node = node;
        this.what = what;
        this.line = line;
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, what + " must be a mapping of keys to values");
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw error(tuple.getKeyNode(), "a key in " + what + " must be plain text");
            }
            if (entries.putIfAbsent(key.getValue(), tuple) != null) {
                throw error(key, "duplicate key '" + key.getValue() + "' in " + what);
            }
        }
    }

    FlowDefinitionException error(Node at, String reason) {
        return new FlowDefinitionException(file, line(at), reason);
    }

    static int line(Node at) {
        return at.getStartMark() == null ? 1 : at.getStartMark().getLine() + 1;
    }

    String file() {
        return file;
    }

    String what() {
        return what;
    }

    int line() {
        return line;
    }

    Collection<String> keys() {
        return entries.keySet();
    }

    /** Refuses the first key (in file order) that is not in {@code allowed}. */
    void allowOnly(Collection<String> allowed) throws FlowDefinitionException {
        for (NodeTuple tuple : entries.values()) {
            String key = ((ScalarNode) tuple.getKeyNode()).getValue();
            if (!allowed.contains(key)) {
                throw error(tuple.getKeyNode(), "unknown key '" + key + "' in " + what + " (allowed: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Node keyNode(String key) {
        return entries.get(key).getKeyNode();
    }

    Optional<Node> value(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
    }

    Node required(String key) throws FlowDefinitionException {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            throw new FlowDefinitionException(file, line, "missing '" + key + "' in " + what);
        }
        return tuple.getValueNode();
    }

    ScalarNode scalar(String key) throws FlowDefinitionException {
        Node value = required(key);
        if (!(value instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
            throw error(value, "'" + key + "' in " + what + " must be a non-empty text value");
        }
        return scalar;
    }

    String text(String key) throws FlowDefinitionException {
        return scalar(key).getValue().strip();
    }

    Optional<String> optionalText(String key) throws FlowDefinitionException {
        return has(key) ? Optional.of(text(key)) : Optional.empty();
    }

    /** A text value that must match {@code syntax}, described by {@code expected} in the refusal. */
    String text(String key, Pattern syntax, String expected) throws FlowDefinitionException {
        ScalarNode scalar = scalar(key);
        String value = scalar.getValue().strip();
        if (!syntax.matcher(value).matches()) {
            throw error(scalar, "bad '" + key + "' in " + what + ": '" + value + "' is not " + expected);
        }
        return value;
    }

    YamlMapping mapping(String key, String description) throws FlowDefinitionException {
        return new YamlMapping(file, required(key), description, line(entries.get(key).getKeyNode()));
    }

    boolean flag(String key, boolean absent) throws FlowDefinitionException {
        if (!has(key)) {
            return absent;
        }
        ScalarNode scalar = scalar(key);
        return switch (scalar.getValue().strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(scalar, "'" + key + "' in " + what + " must be true or false");
        };
    }

    int integer(String key, int absent, int min, int max) throws FlowDefinitionException {
        if (!has(key)) {
            return absent;
        }
        ScalarNode scalar = scalar(key);
        int value;
        try {
            value = Integer.parseInt(scalar.getValue().strip());
        } catch (NumberFormatException e) {
            throw error(scalar, "'" + key + "' in " + what + " must be a whole number, not '"
                    + scalar.getValue() + "'");
        }
        if (value < min || value > max) {
            throw error(scalar, "'" + key + "' in " + what + " must be between " + min + " and " + max
                    + ", not " + value);
        }
        return value;
    }

    /** A duration written {@code 500ms}, {@code 5s} or {@code 2m}; at least 1 ms, at most {@code max}. */
    Duration duration(String key, Duration absent, Duration max) throws FlowDefinitionException {
        if (!has(key)) {
            return absent;
        }
        ScalarNode scalar = scalar(key);
        String text = scalar.getValue().strip();
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw error(scalar, "'" + key + "' in " + what + " must be a duration like 500ms, 5s or 2m, not '"
                    + text + "'");
        }
        long amount;
        try {
            amount = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            throw error(scalar, "'" + key + "' in " + what + " is too large: " + text);
        }
        if (amount <= 0) {
            throw error(scalar, "'" + key + "' in " + what + " must be positive, not " + text);
        }
        Duration duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(Math.min(amount, Integer.MAX_VALUE));
            default -> Duration.ofMinutes(Math.min(amount, Integer.MAX_VALUE));
        };
        if (duration.compareTo(max) > 0) {
            throw error(scalar, "'" + key + "' in " + what + " must be at most " + max.toSeconds() + "s, not "
                    + text);
        }
        return duration;
    }

    /** A scalar or a sequence of scalars, each matching {@code syntax}; at least one. */
    List<String> texts(String key, Pattern syntax, String expected) throws FlowDefinitionException {
        Node value = required(key);
        List<ScalarNode> scalars = new ArrayList<>();
        if (value instanceof ScalarNode scalar) {
            scalars.add(scalar);
        } else if (value instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                if (!(item instanceof ScalarNode scalar)) {
                    throw error(item, "'" + key + "' in " + what + " must list plain text values");
                }
                scalars.add(scalar);
            }
        } else {
            throw error(value, "'" + key + "' in " + what + " must be a text value or a list of them");
        }
        if (scalars.isEmpty()) {
            throw error(value, "'" + key + "' in " + what + " is an empty list: expected at least " + expected);
        }
        List<String> texts = new ArrayList<>();
        for (ScalarNode scalar : scalars) {
            String text = scalar.getValue().strip();
            if (text.isEmpty()) {
                throw error(scalar, "empty value in '" + key + "' of " + what + ": expected " + expected);
            }
            if (!syntax.matcher(text).matches()) {
                throw error(scalar, "bad '" + key + "' in " + what + ": '" + text + "' is not " + expected);
            }
            texts.add(text);
        }
        return List.copyOf(texts);
    }
}
