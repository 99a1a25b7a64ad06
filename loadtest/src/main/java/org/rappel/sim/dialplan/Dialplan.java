package org.rappel.sim.dialplan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An {@code extensions.conf} read as Asterisk's pbx_config reads the forms Rappel's sample uses: {@code [context]}
 * sections, {@code exten => EXTEN,PRIORITY,App(args)} with priorities as numbers, {@code n} or {@code n(label)},
 * {@code same => …}, {@code include => context}, {@code [globals]} as {@code NAME=value}, {@code ;} comments
 * ({@code \;} kept), white space around everything, {@code App} with or without {@code ()}. Anything else
 * ({@code #include}, {@code #exec}, {@code switch =>}, a {@code same} with no extension before it, a priority
 * written twice) fails with the file and line: the simulator should not guess what a real Asterisk would do.
 *
 * <p>Which applications a channel can run is the runner's business ({@link #SIMULATED}); {@link #requireSimulated}
 * checks a context before a test relies on it, so an unknown application is a clear error at start, not a silent
 * difference from Asterisk. Immutable; {@link #withGlobal} gives a copy, e.g. to point {@code RAPPEL_AGI} at the
 * FastAGI server under test.
 */
public final class Dialplan {

    /** The applications the simulator runs on an originated channel (case-insensitive, as Asterisk finds them). */
    public static final Set<String> SIMULATED = Set.of("noop", "verbose", "set", "answer", "agi", "hangup",
            "playback", "wait");

    private final String source;
    private final Map<String, String> globals;
    /** context → extension → priority → step; insertion order of the file. */
    private final Map<String, Map<String, TreeMap<Integer, DialplanStep>>> contexts;
    private final Map<String, List<String>> includes;

    private Dialplan(String source, Map<String, String> globals,
                     Map<String, Map<String, TreeMap<Integer, DialplanStep>>> contexts,
                     Map<String, List<String>> includes) {
        this.source = source;
        this.globals = Collections.unmodifiableMap(globals);
        this.contexts = contexts;
        this.includes = includes;
    }

    /** Reads a file; a syntax error names the file and line. */
    public static Dialplan load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dialplan " + file, e);
        }
    }

    /**
     * Parses the text of an {@code extensions.conf}.
     *
     * @param sourceName the file name used in error messages and {@link DialplanStep#line()}
     */
    public static Dialplan parse(String text, String sourceName) {
        Map<String, String> globals = new LinkedHashMap<>();
        Map<String, Map<String, TreeMap<Integer, DialplanStep>>> contexts = new LinkedHashMap<>();
        Map<String, List<String>> includes = new LinkedHashMap<>();
        String context = null;
        String lastExten = null;
        int lastPriority = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String where = sourceName + ":" + (i + 1);
            String line = stripComment(lines[i]).trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                throw new IllegalArgumentException(where + ": " + line.split("\\s")[0] + " is not simulated");
            }
            if (line.startsWith("[")) {
                int close = line.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException(where + ": context header without ]");
                }
                context = line.substring(1, close).trim();
                if (context.isEmpty()) {
                    throw new IllegalArgumentException(where + ": empty context name");
                }
                contexts.putIfAbsent(context, new LinkedHashMap<>());
                lastExten = null;
                continue;
            }
            if (context == null) {
                throw new IllegalArgumentException(where + ": line outside any [context]");
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(where + ": expected NAME => value");
            }
            String key = line.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1);
            if (value.startsWith(">")) {
                value = value.substring(1);
            }
            value = value.trim();
            if (context.equals("globals")) {
                globals.put(line.substring(0, eq).trim(), value);
                continue;
            }
            if (context.equals("general")) {
                continue; // static=, writeprotect=, clearglobalvars=: nothing the simulator runs
            }
            switch (key) {
                case "include" -> includes.computeIfAbsent(context, k -> new ArrayList<>()).add(value);
                case "exten", "same" -> {
                    String exten;
                    String rest;
                    if (key.equals("exten")) {
                        int comma = value.indexOf(',');
                        if (comma <= 0) {
                            throw new IllegalArgumentException(where + ": exten without priority");
                        }
                        exten = value.substring(0, comma).trim();
                        rest = value.substring(comma + 1);
                        if (!exten.equals(lastExten)) {
                            lastPriority = 0;
                        }
                    } else {
                        if (lastExten == null) {
                            throw new IllegalArgumentException(where + ": same => with no exten before it");
                        }
                        exten = lastExten;
                        rest = value;
                    }
                    int comma = rest.indexOf(',');
                    if (comma <= 0) {
                        throw new IllegalArgumentException(where + ": priority without application");
                    }
                    String prio = rest.substring(0, comma).trim();
                    String app = rest.substring(comma + 1).trim();
                    Optional<String> label = Optional.empty();
                    int paren = prio.indexOf('(');
                    if (paren >= 0) {
                        if (!prio.endsWith(")")) {
                            throw new IllegalArgumentException(where + ": bad label in " + prio);
                        }
                        label = Optional.of(prio.substring(paren + 1, prio.length() - 1).trim());
                        prio = prio.substring(0, paren).trim();
                    }
                    int priority;
                    if (prio.equals("n")) {
                        priority = lastPriority + 1;
                    } else if (prio.equals("hint")) {
                        lastExten = exten;
                        continue; // device state hints run nothing
                    } else {
                        try {
                            priority = Integer.parseInt(prio);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException(where + ": bad priority " + prio);
                        }
                        if (priority < 1) {
                            throw new IllegalArgumentException(where + ": priority must be 1 or more");
                        }
                    }
                    String appName = app;
                    String data = "";
                    int open = app.indexOf('(');
                    if (open >= 0) {
                        if (!app.endsWith(")")) {
                            throw new IllegalArgumentException(where + ": unbalanced ( in " + app);
                        }
                        appName = app.substring(0, open).trim();
                        data = app.substring(open + 1, app.length() - 1);
                    }
                    if (appName.isEmpty()) {
                        throw new IllegalArgumentException(where + ": no application");
                    }
                    TreeMap<Integer, DialplanStep> priorities = contexts.get(context)
                            .computeIfAbsent(exten, k -> new TreeMap<>());
                    DialplanStep step = new DialplanStep(context, exten, priority, label, appName,
                            data.replace("\\;", ";"), where);
                    if (priorities.putIfAbsent(priority, step) != null) {
                        throw new IllegalArgumentException(where + ": priority " + priority + " of " + exten
                                + " in [" + context + "] written twice");
                    }
                    lastExten = exten;
                    lastPriority = priority;
                }
                default -> throw new IllegalArgumentException(where + ": " + key + " => is not simulated");
            }
        }
        return new Dialplan(sourceName, globals, contexts, includes);
    }

    /** A copy where the global variable has this value (the test's FastAGI address, say). */
    public Dialplan withGlobal(String name, String value) {
        Map<String, String> g = new LinkedHashMap<>(globals);
        g.put(name, value);
        return new Dialplan(source, g, contexts, includes);
    }

    public Map<String, String> globals() {
        return globals;
    }

    public Set<String> contexts() {
        return Collections.unmodifiableSet(contexts.keySet());
    }

    /** Whether a channel sent to this context and extension finds it (directly, by pattern, or by include). */
    public boolean exists(String context, String extension) {
        return find(context, extension, 1).isPresent();
    }

    /** The step a channel at this place runs; empty when there is none (the channel would hang up). */
    public Optional<DialplanStep> find(String context, String extension, int priority) {
        return find(context, extension, priority, 0);
    }

    private Optional<DialplanStep> find(String context, String extension, int priority, int depth) {
        Map<String, TreeMap<Integer, DialplanStep>> extens = contexts.get(context);
        if (extens == null || depth > 8) {
            return Optional.empty();
        }
        TreeMap<Integer, DialplanStep> exact = extens.get(extension);
        if (exact != null) {
            return Optional.ofNullable(exact.get(priority));
        }
        for (Map.Entry<String, TreeMap<Integer, DialplanStep>> e : extens.entrySet()) {
            if (e.getKey().startsWith("_") && matches(e.getKey().substring(1), extension)) {
                return Optional.ofNullable(e.getValue().get(priority));
            }
        }
        for (String included : includes.getOrDefault(context, List.of())) {
            Optional<DialplanStep> step = find(included, extension, priority, depth + 1);
            if (step.isPresent()) {
                return step;
            }
        }
        return Optional.empty();
    }

    /** The priority of a label of this extension ({@code Goto(…,label)}). */
    public Optional<Integer> priorityOf(String context, String extension, String label) {
        TreeMap<Integer, DialplanStep> priorities = contexts.getOrDefault(context, Map.of()).get(extension);
        if (priorities == null) {
            return Optional.empty();
        }
        return priorities.values().stream().filter(s -> s.label().equals(Optional.of(label)))
                .map(DialplanStep::priority).findFirst();
    }

    /**
     * Fails unless every priority of the context runs an application the simulator runs ({@link #SIMULATED}) and
     * uses no {@code $[…]} expression.
     *
     * @throws IllegalArgumentException naming the file, line and application
     */
    public void requireSimulated(String context) {
        Map<String, TreeMap<Integer, DialplanStep>> extens = contexts.get(context);
        if (extens == null) {
            throw new IllegalArgumentException(source + ": no context [" + context + "]");
        }
        for (TreeMap<Integer, DialplanStep> priorities : extens.values()) {
            for (DialplanStep step : priorities.values()) {
                if (!isSimulated(step)) {
                    throw new IllegalArgumentException(step.line() + ": application " + step.application()
                            + " in [" + context + "] is not simulated (the simulator runs " + SIMULATED + ")");
                }
                if (step.data().contains("$[")) {
                    throw new IllegalArgumentException(step.line() + ": expressions $[…] are not simulated");
                }
            }
        }
    }

    public static boolean isSimulated(DialplanStep step) {
        return SIMULATED.contains(step.application().toLowerCase(Locale.ROOT));
    }

    /** Asterisk's extension patterns: X = 0-9, Z = 1-9, N = 2-9, [..] a set, {@code .} one or more, {@code !} zero or more. */
    static boolean matches(String pattern, String exten) {
        int p = 0;
        int e = 0;
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '.') {
                return e < exten.length();
            }
            if (c == '!') {
                return true;
            }
            if (e >= exten.length()) {
                return false;
            }
            char x = exten.charAt(e);
            switch (Character.toUpperCase(c)) {
                case 'X' -> {
                    if (x < '0' || x > '9') {
                        return false;
                    }
                }
                case 'Z' -> {
                    if (x < '1' || x > '9') {
                        return false;
                    }
                }
                case 'N' -> {
                    if (x < '2' || x > '9') {
                        return false;
                    }
                }
                case '[' -> {
                    int close = pattern.indexOf(']', p);
                    if (close < 0 || !inSet(pattern.substring(p + 1, close), x)) {
                        return false;
                    }
                    p = close;
                }
                default -> {
                    if (c != x) {
                        return false;
                    }
                }
            }
            p++;
            e++;
        }
        return e == exten.length();
    }

    private static boolean inSet(String set, char x) {
        for (int i = 0; i < set.length(); i++) {
            if (i + 2 < set.length() && set.charAt(i + 1) == '-') {
                if (x >= set.charAt(i) && x <= set.charAt(i + 2)) {
                    return true;
                }
                i += 2;
            } else if (set.charAt(i) == x) {
                return true;
            }
        }
        return false;
    }

    /** A {@code ;} starts a comment unless written {@code \;}. */
    private static String stripComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ';' && (i == 0 || line.charAt(i - 1) != '\\')) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
