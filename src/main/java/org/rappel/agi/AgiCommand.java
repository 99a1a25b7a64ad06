package org.rappel.agi;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One AGI command: its verb (one or more words, e.g. {@code STREAM FILE}) and its arguments.
 *
 * <p>Asterisk splits a command line on white space, with double quotes grouping and a backslash escaping the
 * next character (res_agi's {@code parse_args}). {@link #toLine()} quotes an argument when it is empty or holds
 * white space, a quote or a backslash. A line break cannot be carried at all (it would end the command and
 * start another), so it is refused when the command is built; so is a line longer than Asterisk reads at once
 * ({@value #MAX_LINE_BYTES} bytes: res_agi reads into a 2,048-byte buffer, and the rest of a longer line would
 * run as a second command whose reply the server would take for the first one's).
 *
 * @param verb      the command words, upper case, as Asterisk lists them ({@code GET DATA})
 * @param arguments the arguments, unquoted
 */
public record AgiCommand(String verb, List<String> arguments) {

    /** The longest command line Asterisk takes whole, without its {@code \n}. */
    public static final int MAX_LINE_BYTES = 2046;

    public AgiCommand {
        if (verb.isBlank() || verb.indexOf('\n') >= 0 || verb.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("bad AGI verb: " + verb);
        }
        arguments = List.copyOf(arguments);
        for (String argument : arguments) {
            if (argument.indexOf('\n') >= 0 || argument.indexOf('\r') >= 0 || argument.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an AGI argument cannot hold a line break or NUL");
            }
        }
        int bytes = line(verb, arguments).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_LINE_BYTES) {
            throw new IllegalArgumentException("AGI command " + verb + " is " + bytes + " bytes long; Asterisk takes "
                    + MAX_LINE_BYTES + " at most");
        }
    }

    public static AgiCommand of(String verb, String... arguments) {
        return new AgiCommand(verb, List.of(arguments));
    }

    public static AgiCommand answer() {
        return of("ANSWER");
    }

    public static AgiCommand hangup() {
        return of("HANGUP");
    }

    public static AgiCommand noop(String text) {
        return of("NOOP", text);
    }

    /** Plays a sound; a key in {@code escapeDigits} ends it and comes back as the result (its ASCII code). */
    public static AgiCommand streamFile(String sound, String escapeDigits) {
        return of("STREAM FILE", sound, escapeDigits);
    }

    /** Plays a sound and collects up to {@code maxDigits} keys, {@code #} ending the input. */
    public static AgiCommand getData(String sound, long timeoutMillis, int maxDigits) {
        return of("GET DATA", sound, Long.toString(timeoutMillis), Integer.toString(maxDigits));
    }

    public static AgiCommand waitForDigit(long timeoutMillis) {
        return of("WAIT FOR DIGIT", Long.toString(timeoutMillis));
    }

    public static AgiCommand sayNumber(long number, String escapeDigits) {
        return of("SAY NUMBER", Long.toString(number), escapeDigits);
    }

    public static AgiCommand sayDigits(String digits, String escapeDigits) {
        return of("SAY DIGITS", digits, escapeDigits);
    }

    public static AgiCommand setVariable(String name, String value) {
        return of("SET VARIABLE", name, value);
    }

    public static AgiCommand getVariable(String name) {
        return of("GET VARIABLE", name);
    }

    public static AgiCommand setContext(String context) {
        return of("SET CONTEXT", context);
    }

    public static AgiCommand setExtension(String extension) {
        return of("SET EXTENSION", extension);
    }

    public static AgiCommand setPriority(String priority) {
        return of("SET PRIORITY", priority);
    }

    /** {@code SET MUSIC ON <class>}: music on hold that keeps playing through {@code WAIT FOR DIGIT}. */
    public static AgiCommand musicOn(String mohClass) {
        return of("SET MUSIC", "ON", mohClass);
    }

    public static AgiCommand musicOff() {
        return of("SET MUSIC", "OFF");
    }

    /** {@code EXEC <application> <options>}, e.g. {@code EXEC Dial PJSIP/agent101,30,m}. */
    public static AgiCommand exec(String application, String options) {
        return of("EXEC", application, options);
    }

    /** The line to write, without its terminating {@code \n}. */
    public String toLine() {
        return line(verb, arguments);
    }

    private static String line(String verb, List<String> arguments) {
        StringBuilder line = new StringBuilder(verb);
        for (String argument : arguments) {
            line.append(' ').append(quote(argument));
        }
        return line.toString();
    }

    static String quote(String argument) {
        boolean plain = !argument.isEmpty();
        for (int i = 0; i < argument.length() && plain; i++) {
            char c = argument.charAt(i);
            plain = !(Character.isWhitespace(c) || c == '"' || c == '\\');
        }
        if (plain) {
            return argument;
        }
        StringBuilder quoted = new StringBuilder(argument.length() + 2).append('"');
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    @Override
    public String toString() {
        return toLine();
    }
}
