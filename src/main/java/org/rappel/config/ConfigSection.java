package org.rappel.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One mapping of the config file, read with typed getters that know where each value came from, so that a bad
 * value is reported as {@code file:line: key: reason}. An environment variable named after the key path
 * ({@code agi.port} → {@code RAPPEL_AGI_PORT}) overrides the file. Keys the code never asked for are errors too
 * ({@link #rejectUnknownKeys}): a typo in a config must not pass silently.
 */
final class ConfigSection {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private final String source;
    private final String path;
    private final Map<String, Node> values;
    private final Map<String, String> env;
    private final Set<String> asked = new HashSet<>();
    private final int line;

    ConfigSection(String source, String path, Optional<MappingNode> node, Map<String, String> env)
            throws ConfigException {
        this.source = source;
        this.path = path;
        this.env = env;
        this.line = node.map(n -> n.getStartMark().getLine() + 1).orElse(0);
        this.values = new LinkedHashMap<>();
        if (node.isPresent()) {
            for (NodeTuple tuple : node.get().getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    throw error(tuple.getKeyNode(), "?", "keys must be plain names");
                }
                if (values.put(key.getValue(), tuple.getValueNode()) != null) {
                    throw error(key, key.getValue(), "given twice");
                }
            }
        }
    }

    ConfigSection section(String key) throws ConfigException {
        asked.add(key);
        Node node = values.get(key);
        if (node == null) {
            return new ConfigSection(source, qualified(key), Optional.empty(), env);
        }
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, key, "expected a mapping of keys");
        }
        return new ConfigSection(source, qualified(key), Optional.of(mapping), env);
    }

    String string(String key, String fallback) throws ConfigException {
        asked.add(key);
        Optional<String> fromEnv = fromEnv(key);
        if (fromEnv.isPresent()) {
            return fromEnv.get();
        }
        Node node = values.get(key);
        if (node == null) {
            return fallback;
        }
        if (!(node instanceof ScalarNode scalar)) {
            throw error(node, key, "expected a single value");
        }
        return scalar.getValue();
    }

    int integer(String key, int fallback, int min, int max) throws ConfigException {
        String text = string(key, Integer.toString(fallback));
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) {
                throw invalid(key, "must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(key, "expected a whole number, was '" + text + "'");
        }
    }

    /** A duration written {@code 500ms}, {@code 30s}, {@code 5m} or {@code 2h}. */
    Duration duration(String key, Duration fallback) throws ConfigException {
        String text = string(key, fallback.toMillis() + "ms").trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw invalid(key, "expected a duration such as 500ms, 30s, 5m or 2h, was '" + text + "'");
        }
        try {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(key, "duration too long: '" + text + "'");
        }
    }

    /** A duration within [min, max], both inclusive. */
    Duration duration(String key, Duration fallback, Duration min, Duration max) throws ConfigException {
        Duration value = duration(key, fallback);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw invalid(key, "must be between " + min.toMillis() + "ms and " + max.toMillis() + "ms, was "
                    + value.toMillis() + "ms");
        }
        return value;
    }

    /** Runs a check that speaks in IllegalArgumentException (the settings' own), reported against this key. */
    <T> T checked(String key, Supplier<T> check) throws ConfigException {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw invalid(key, e.getMessage());
        }
    }

    /** A list of plain values; the environment form is comma-separated. */
    List<String> strings(String key, List<String> fallback) throws ConfigException {
        asked.add(key);
        Optional<String> fromEnv = fromEnv(key);
        if (fromEnv.isPresent()) {
            return fromEnv.get().isBlank() ? List.of() : List.of(fromEnv.get().trim().split("\\s*,\\s*"));
        }
        Node node = values.get(key);
        if (node == null) {
            return fallback;
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw error(node, key, "expected a list, e.g. [a, b]");
        }
        List<String> out = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            if (!(item instanceof ScalarNode scalar)) {
                throw error(item, key, "list items must be single values");
            }
            out.add(scalar.getValue());
        }
        return List.copyOf(out);
    }

    /** The keys of this mapping, in file order; each counts as asked. */
    List<String> keys() {
        asked.addAll(values.keySet());
        return List.copyOf(values.keySet());
    }

    boolean present(String key) {
        return values.containsKey(key) || fromEnv(key).isPresent();
    }

    /** Whether the key holds a mapping in the file (and no environment variable replaces it by a single value). */
    boolean isMapping(String key) {
        return values.get(key) instanceof MappingNode && fromEnv(key).isEmpty();
    }

    boolean bool(String key, boolean fallback) throws ConfigException {
        String text = string(key, Boolean.toString(fallback)).trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw invalid(key, "expected true or false, was '" + text + "'");
        };
    }

    /** A positive, finite decimal number. */
    double positive(String key, double fallback) throws ConfigException {
        String text = string(key, Double.toString(fallback));
        try {
            double value = Double.parseDouble(text.trim());
            if (!(value > 0) || Double.isInfinite(value)) {
                throw invalid(key, "must be a positive number, was " + text.trim());
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(key, "expected a number, was '" + text + "'");
        }
    }

    /** A value that must be given, in the file or the environment. */
    String required(String key) throws ConfigException {
        String value = string(key, "");
        if (value.isBlank()) {
            throw invalid(key, "missing (required)");
        }
        return value;
    }

    void rejectUnknownKeys() throws ConfigException {
        for (Map.Entry<String, Node> entry : values.entrySet()) {
            if (!asked.contains(entry.getKey())) {
                throw error(entry.getValue(), entry.getKey(), "unknown key");
            }
        }
    }

    private Optional<String> fromEnv(String key) {
        return Optional.ofNullable(env.get(envName(key)));
    }

    private String envName(String key) {
        return "RAPPEL_" + qualified(key).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    ConfigException invalid(String key, String reason) {
        if (fromEnv(key).isPresent()) {
            return new ConfigException("environment " + envName(key) + ": " + reason);
        }
        Node node = values.get(key);
        int at = node == null ? line : node.getStartMark().getLine() + 1;
        return new ConfigException(source + ":" + at + ": " + qualified(key) + ": " + reason);
    }

    private ConfigException error(Node node, String key, String reason) {
        return new ConfigException(source + ":" + (node.getStartMark().getLine() + 1) + ": " + qualified(key)
                + ": " + reason);
    }
}
