package org.rappel.flow;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one node of a flow file into its {@link FlowNode}, refusing unknown keys and bad values with their line.
 * References to other nodes are only recorded here ({@link Route}); {@link FlowChecks} checks them once all nodes
 * are read. Used only while loading.
 */
final class NodeParser {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    static final Pattern SOUND = Pattern.compile("(?!.*\\.\\.)[A-Za-z0-9_][A-Za-z0-9_./-]*");
    private static final Pattern VARIABLE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern CHANNEL_VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\([A-Za-z0-9_,-]*\\))?");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Za-z]{2})?");
    private static final Pattern CONTEXT = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9_*#+-]+");
    private static final Pattern PRIORITY = Pattern.compile("[1-9][0-9]{0,5}|[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern MUSIC_CLASS = Pattern.compile("[A-Za-z0-9_-]+");
    private static final String DTMF = "0123456789*#";

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DEFAULT_HOLD_MESSAGE_EVERY = Duration.ofSeconds(30);
    private static final Duration MAX_HOLD_MESSAGE_EVERY = Duration.ofMinutes(30);
    private static final int DEFAULT_TRIES = 3;
    private static final int MAX_TRIES = 10;
    private static final int MAX_DIGITS = 64;

    private static final List<String> TYPES = List.of("prompt", "language", "menu", "collect", "say-number",
            "say-digits", "set-variable", "transfer", "hangup", "enqueue", "callback-status");

    private NodeParser() {
    }

    static FlowNode parse(String name, int line, YamlMapping node) throws FlowDefinitionException {
        ScalarNode typeNode = node.scalar("type");
        String type = typeNode.getValue().strip();
        return switch (type) {
            case "prompt" -> prompt(name, line, node);
            case "language" -> language(name, line, node);
            case "menu" -> menu(name, line, node);
            case "collect" -> collect(name, line, node);
            case "say-number" -> say(name, line, node, false);
            case "say-digits" -> say(name, line, node, true);
            case "set-variable" -> setVariable(name, line, node);
            case "transfer" -> transfer(name, line, node);
            case "hangup" -> hangup(name, line, node);
            case "enqueue" -> enqueue(name, line, node);
            case "callback-status" -> callbackStatus(name, line, node);
            default -> throw node.error(typeNode, "unknown node type '" + type + "' in " + node.what()
                    + " (known: " + String.join(", ", TYPES) + ")");
        };
    }

    private static FlowNode prompt(String name, int line, YamlMapping node) throws FlowDefinitionException {
        node.allowOnly(List.of("type", "prompt", "interruptible", "next"));
        return new FlowNode.Prompt(name, line, sounds(node, "prompt"), node.flag("interruptible", false),
                route(node, "next"));
    }

    private static FlowNode language(String name, int line, YamlMapping node) throws FlowDefinitionException {
        node.allowOnly(List.of("type", "prompt", "choices", "default", "timeout", "tries", "invalid-prompt",
                "next"));
        List<String> prompt = sounds(node, "prompt");
        YamlMapping choices = node.mapping("choices", "the choices of node '" + name + "'");
        Map<Character, String> languages = new LinkedHashMap<>();
        for (String key : choices.keys()) {
            languages.put(dtmfKey(choices, key), choices.text(key, LANGUAGE, "a language code like fr or en"));
        }
        if (languages.isEmpty()) {
            throw node.error(node.required("choices"), "node '" + name + "' offers no choice");
        }
        String defaultLanguage = languages.values().iterator().next();
        if (node.has("default")) {
            defaultLanguage = node.text("default", LANGUAGE, "a language code like fr or en");
            if (!languages.containsValue(defaultLanguage)) {
                throw node.error(node.required("default"), "default language '" + defaultLanguage
                        + "' of node '" + name + "' is not one of its choices " + languages.values());
            }
        }
        return new FlowNode.LanguageChoice(name, line, prompt, timeout(node), tries(node), invalidPrompt(node),
                languages, defaultLanguage, route(node, "next"));
    }

    private static FlowNode menu(String name, int line, YamlMapping node) throws FlowDefinitionException {
        node.allowOnly(List.of("type", "prompt", "choices", "timeout", "tries", "invalid-prompt", "on-timeout",
                "on-failure"));
        List<String> prompt = sounds(node, "prompt");
        YamlMapping choices = node.mapping("choices", "the choices of node '" + name + "'");
        Map<Character, Route> routes = new LinkedHashMap<>();
        for (String key : choices.keys()) {
            routes.put(dtmfKey(choices, key), route(choices, key));
        }
        if (routes.isEmpty()) {
            throw node.error(node.required("choices"), "node '" + name + "' offers no choice");
        }
        Optional<Route> onTimeout = node.has("on-timeout") ? Optional.of(route(node, "on-timeout")) : Optional.empty();
        return new FlowNode.Menu(name, line, prompt, timeout(node), tries(node), invalidPrompt(node), routes,
                onTimeout, route(node, "on-failure"));
    }

    private static FlowNode collect(String name, int line, YamlMapping node) throws FlowDefinitionException {
        node.allowOnly(List.of("type", "prompt", "min-digits", "max-digits", "pattern", "into", "timeout",
                "tries", "invalid-prompt", "next", "on-failure"));
        List<String> prompt = sounds(node, "prompt");
        int maxDigits = node.integer("max-digits", MAX_DIGITS, 1, MAX_DIGITS);
        int minDigits = node.integer("min-digits", 1, 1, MAX_DIGITS);
        if (minDigits > maxDigits) {
            throw node.error(node.required("min-digits"), "min-digits " + minDigits + " is more than max-digits "
                    + maxDigits + " in node '" + name + "'");
        }
        Pattern pattern = Pattern.compile("[0-9]+");
        if (node.has("pattern")) {
            ScalarNode patternNode = node.scalar("pattern");
            try {
                pattern = Pattern.compile(patternNode.getValue());
            } catch (PatternSyntaxException e) {
                throw node.error(patternNode, "bad pattern in node '" + name + "': " + e.getDescription()
                        + " near index " + e.getIndex() + " of '" + e.getPattern() + "'");
            }
        }
        String into = node.text("into", VARIABLE, "a flow variable name (a-z, 0-9, _)");
        return new FlowNode.Collect(name, line, prompt, timeout(node), minDigits, maxDigits, pattern, into,
                tries(node), invalidPrompt(node), route(node, "next"), route(node, "on-failure"));
    }

    private static FlowNode say(String name, int line, YamlMapping node, boolean digits)
            throws FlowDefinitionException {
        node.allowOnly(List.of("type", "value", "variable", "next"));
        Operand value = operand(name, node);
        if (!value.variable() && !FlowNode.Say.valid(digits, value.text())) {
            throw node.error(node.required("value"), "value '" + value.text() + "' of node '" + name + "' is not "
                    + (digits ? "digits (0-9 * #)" : "a whole number"));
        }
        return new FlowNode.Say(name, line, digits, value, route(node, "next"));
    }

    private static FlowNode setVariable(String name, int line, YamlMapping node) throws FlowDefinitionException {
        node.allowOnly(List.of("type", "name", "value", "variable", "next"));
        String variable = node.text("name", CHANNEL_VARIABLE, "a channel variable name like CDR(userfield)");
        return new FlowNode.SetVariable(name, line, variable, operand(name, node), route(node, "next"));
    }

    private static FlowNode transfer(String name, int line, YamlMapping node) throws FlowDefinitionException {
        node.allowOnly(List.of("type", "prompt", "context", "extension", "priority"));
        return new FlowNode.Transfer(name, line, optionalSounds(node, "prompt"),
                node.text("context", CONTEXT, "a dialplan context name"),
                node.text("extension", EXTENSION, "a dialplan extension"),
                node.has("priority") ? node.text("priority", PRIORITY, "a priority number or label") : "1");
    }

    private static FlowNode hangup(String name, int line, YamlMapping node) throws FlowDefinitionException {
        node.allowOnly(List.of("type", "prompt"));
        return new FlowNode.Hangup(name, line, optionalSounds(node, "prompt"));
    }

    private static FlowNode enqueue(String name, int line, YamlMapping node) throws FlowDefinitionException {
        node.allowOnly(List.of("type", "prompt", "service", "music-class", "hold-message", "hold-message-every",
                "callback", "callback-key"));
        char callbackKey = EnqueueRequest.DEFAULT_CALLBACK_KEY;
        if (node.has("callback-key")) {
            ScalarNode keyNode = node.scalar("callback-key");
            String key = keyNode.getValue().strip();
            if (key.length() != 1 || DTMF.indexOf(key.charAt(0)) < 0) {
                throw node.error(keyNode, "callback-key '" + key + "' of node '" + name
                        + "' is not one key of 0-9, * or # (quote * and #)");
            }
            callbackKey = key.charAt(0);
        }
        return new FlowNode.Enqueue(name, line, optionalSounds(node, "prompt"),
                node.text("service", SERVICE, "a service name (a-z, 0-9, _ and -)"),
                node.has("music-class") ? node.text("music-class", MUSIC_CLASS, "a music on hold class")
                        : "default",
                optionalSounds(node, "hold-message"),
                node.duration("hold-message-every", DEFAULT_HOLD_MESSAGE_EVERY, MAX_HOLD_MESSAGE_EVERY),
                node.flag("callback", true), callbackKey);
    }

    private static FlowNode callbackStatus(String name, int line, YamlMapping node) throws FlowDefinitionException {
        node.allowOnly(List.of("type", "prompt", "cancelled-prompt", "timeout", "next"));
        return new FlowNode.CallbackStatus(name, line,
                node.has("prompt") ? sounds(node, "prompt") : List.of(CallbackPrompts.PENDING),
                node.has("cancelled-prompt") ? sounds(node, "cancelled-prompt") : List.of(CallbackPrompts.CANCELLED),
                timeout(node), route(node, "next"));
    }

    private static Operand operand(String name, YamlMapping node) throws FlowDefinitionException {
        if (node.has("value") == node.has("variable")) {
            String reason = "node '" + name + "' needs exactly one of 'value' (literal) or 'variable' (flow variable)";
            throw node.has("value") ? node.error(node.keyNode("variable"), reason)
                    : new FlowDefinitionException(node.file(), node.line(), reason);
        }
        if (node.has("value")) {
            ScalarNode value = node.scalar("value");
            return new Operand(value.getValue().strip(), false, YamlMapping.line(value));
        }
        String variable = node.text("variable", VARIABLE, "a flow variable name (a-z, 0-9, _)");
        return new Operand(variable, true, YamlMapping.line(node.required("variable")));
    }

    private static char dtmfKey(YamlMapping choices, String key) throws FlowDefinitionException {
        if (key.length() != 1 || DTMF.indexOf(key.charAt(0)) < 0) {
            throw choices.error(choices.keyNode(key), "DTMF key '" + key + "' in " + choices.what()
                    + " is not one key of 0-9, * or # (quote * and #)");
        }
        return key.charAt(0);
    }

    private static Route route(YamlMapping node, String key) throws FlowDefinitionException {
        ScalarNode target = node.scalar(key);
        String name = target.getValue().strip();
        if (!NAME.matcher(name).matches()) {
            throw node.error(target, "'" + key + "' in " + node.what() + " must name a node, not '" + name + "'");
        }
        return new Route(name, YamlMapping.line(target));
    }

    private static List<String> sounds(YamlMapping node, String key) throws FlowDefinitionException {
        return node.texts(key, SOUND, "a sound name like rappel/welcome");
    }

    private static List<String> optionalSounds(YamlMapping node, String key) throws FlowDefinitionException {
        return node.has(key) ? sounds(node, key) : List.of();
    }

    private static List<String> invalidPrompt(YamlMapping node) throws FlowDefinitionException {
        return optionalSounds(node, "invalid-prompt");
    }

    private static Duration timeout(YamlMapping node) throws FlowDefinitionException {
        return node.duration("timeout", DEFAULT_TIMEOUT, MAX_TIMEOUT);
    }

    private static int tries(YamlMapping node) throws FlowDefinitionException {
        return node.integer("tries", DEFAULT_TRIES, 1, MAX_TRIES);
    }
}
