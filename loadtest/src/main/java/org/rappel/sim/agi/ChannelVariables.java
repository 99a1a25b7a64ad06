package org.rappel.sim.agi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated channel's dialplan state as AGI sees it: channel variables, the built-in names Asterisk
 * resolves before them ({@code CHANNEL}, {@code UNIQUEID}, {@code CONTEXT}, {@code EXTEN}, {@code PRIORITY},
 * {@code CALLINGPRES}…, {@code EPOCH}) and a few dialplan functions ({@code CHANNEL(language)},
 * {@code CHANNEL(name)}, {@code CHANNEL(uniqueid)}, {@code CALLERID(num|name)}, {@code LEN()}). Names are
 * case-sensitive, as in Asterisk. An unknown function reads as unset (GET VARIABLE answers {@code result=0}).
 *
 * <p>Owned by the event-loop thread of the call.
 */
public final class ChannelVariables {

    private final Map<String, String> variables = new LinkedHashMap<>();
    private final String channelName;
    private final String uniqueId;
    private String language;
    private Optional<String> callerIdNumber;
    private Optional<String> callerIdName;
    private String context;
    private String extension;
    private int priority;

    ChannelVariables(String channelName, String uniqueId, CallerScript script) {
        this.channelName = channelName;
        this.uniqueId = uniqueId;
        this.language = script.language();
        this.callerIdNumber = script.callerId();
        this.callerIdName = script.callerIdName();
        this.context = script.context();
        this.extension = script.extension();
        this.priority = script.priority();
        variables.putAll(script.channelVariables());
    }

    /** GET VARIABLE: a function when the name ends in {@code )}, else a built-in, else a channel variable. */
    public Optional<String> get(String name) {
        if (name.endsWith(")")) {
            return readFunction(name);
        }
        switch (name) {
            case "CHANNEL":
                return Optional.of(channelName);
            case "UNIQUEID":
                return Optional.of(uniqueId);
            case "CONTEXT":
                return Optional.of(context);
            case "EXTEN":
                return Optional.of(extension);
            case "PRIORITY":
                return Optional.of(Integer.toString(priority));
            case "CALLINGPRES", "CALLINGANI2", "CALLINGTON", "CALLINGTNS":
                return Optional.of("0");
            case "EPOCH":
                return Optional.of(Long.toString(System.currentTimeMillis() / 1000));
            default:
                return Optional.ofNullable(variables.get(name));
        }
    }

    /** SET VARIABLE: a function write when the name ends in {@code )}, else a channel variable. */
    public void set(String name, String value) {
        if (name.endsWith(")")) {
            writeFunction(name, value);
            return;
        }
        // An empty value still sets the variable (GET VARIABLE then answers "200 result=1 ()").
        variables.put(name, value);
    }

    /** Removes a channel variable (as setting it to NULL in the dialplan does); GET VARIABLE then answers 0. */
    public void unset(String name) {
        variables.remove(name);
    }

    /** GET FULL VARIABLE: {@code ${NAME}} and {@code ${FUNC(args)}} replaced, nested ones first. */
    public String substitute(String expression) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < expression.length()) {
            int start = expression.indexOf("${", i);
            if (start < 0) {
                out.append(expression, i, expression.length());
                break;
            }
            out.append(expression, i, start);
            int depth = 1;
            int j = start + 2;
            while (j < expression.length() && depth > 0) {
                if (expression.startsWith("${", j)) {
                    depth++;
                    j += 2;
                    continue;
                }
                if (expression.charAt(j) == '}') {
                    depth--;
                }
                j++;
            }
            if (depth > 0) {
                // Asterisk warns "Error in extension logic (missing '}')" and drops the rest.
                break;
            }
            String inner = substitute(expression.substring(start + 2, j - 1));
            out.append(get(inner).orElse(""));
            i = j;
        }
        return out.toString();
    }

    public String language() {
        return language;
    }

    public String channelName() {
        return channelName;
    }

    public String uniqueId() {
        return uniqueId;
    }

    public String context() {
        return context;
    }

    public String extension() {
        return extension;
    }

    public int priority() {
        return priority;
    }

    void context(String value) {
        this.context = value;
    }

    void extension(String value) {
        this.extension = value;
    }

    void priority(int value) {
        this.priority = value;
    }

    private Optional<String> readFunction(String call) {
        int open = call.indexOf('(');
        if (open <= 0) {
            return Optional.empty();
        }
        String function = call.substring(0, open);
        String argument = call.substring(open + 1, call.length() - 1);
        switch (function) {
            case "CHANNEL":
                return switch (argument) {
                    case "language" -> Optional.of(language);
                    case "name" -> Optional.of(channelName);
                    case "uniqueid" -> Optional.of(uniqueId);
                    case "channeltype" -> Optional.of("Local");
                    default -> Optional.empty();
                };
            case "CALLERID":
                return switch (argument) {
                    case "num", "number" -> Optional.of(callerIdNumber.orElse(""));
                    case "name" -> Optional.of(callerIdName.orElse(""));
                    default -> Optional.empty();
                };
            case "LEN":
                return Optional.of(Integer.toString(argument.length()));
            default:
                return Optional.empty();
        }
    }

    private void writeFunction(String call, String value) {
        int open = call.indexOf('(');
        if (open <= 0) {
            return;
        }
        String function = call.substring(0, open);
        String argument = call.substring(open + 1, call.length() - 1);
        if (function.equals("CHANNEL") && argument.equals("language")) {
            language = value;
        } else if (function.equals("CALLERID") && (argument.equals("num") || argument.equals("number"))) {
            callerIdNumber = Optional.of(value);
        } else if (function.equals("CALLERID") && argument.equals("name")) {
            callerIdName = Optional.of(value);
        }
    }
}
