package org.rappel.agi;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the single-line reply forms of {@code shared/asterisk/PROTOCOL.md}: {@code 200 result=<r> [(<data>)]
 * [endpos=<n>]}, {@code 510 …}, {@code 511 …} and a one-line {@code 520 …}. The multi-line {@code 520-} form is
 * framed by {@link AgiDecoder}. Stateless.
 */
final class AgiReplyParser {
    static final String SUCCESS_PREFIX = "200 result=";
    static final String USAGE_START = "520-";
    static final String USAGE_END = "520";

    /**
     * What may follow the result: {@code (data)}, {@code endpos=n}, or both. The data is greedy, so a value
     * holding parentheses ({@code GET VARIABLE} of {@code a(b)}) stays whole.
     */
    private static final Pattern TRAILER = Pattern.compile("\\((.*)\\)(?: endpos=(-?\\d{1,18}))?|endpos=(-?\\d{1,18})");
    private static final Pattern ANY_ENDPOS = Pattern.compile("(?:^| )endpos=(-?\\d{1,18})(?= |$)");

    private AgiReplyParser() {
    }

    static AgiReply parse(String line) throws AgiProtocolException {
        if (line.startsWith(SUCCESS_PREFIX)) {
            return success(line.substring(SUCCESS_PREFIX.length()));
        }
        if (hasCode(line, "510")) {
            return new AgiReply.InvalidCommand(message(line));
        }
        if (hasCode(line, "511")) {
            return new AgiReply.DeadChannel(message(line));
        }
        if (hasCode(line, USAGE_END)) {
            // Old Asterisk versions answer a bad syntax with one line and no usage text.
            return new AgiReply.UsageError(List.of());
        }
        throw new AgiProtocolException(AgiProtocolError.MALFORMED_REPLY, "not an AGI reply: " + LogText.excerpt(line));
    }

    /** True for {@code 520 End of proper usage.}, the last line of a multi-line usage reply. */
    static boolean endsUsage(String line) {
        return hasCode(line, USAGE_END);
    }

    private static AgiReply.Success success(String rest) {
        int space = rest.indexOf(' ');
        String result = space < 0 ? rest : rest.substring(0, space);
        String trailer = space < 0 ? "" : rest.substring(space + 1);
        if (trailer.isEmpty()) {
            return new AgiReply.Success(result, Optional.empty(), OptionalLong.empty());
        }
        Matcher exact = TRAILER.matcher(trailer);
        if (exact.matches()) {
            if (exact.group(3) != null) {
                return new AgiReply.Success(result, Optional.empty(), OptionalLong.of(Long.parseLong(exact.group(3))));
            }
            OptionalLong endpos = exact.group(2) == null
                    ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(exact.group(2)));
            return new AgiReply.Success(result, Optional.of(exact.group(1)), endpos);
        }
        // Forms Rappel does not use (SPEECH RECOGNIZE adds "results=…"): keep what can be read, lose nothing.
        Matcher endposAnywhere = ANY_ENDPOS.matcher(trailer);
        OptionalLong endpos = endposAnywhere.find()
                ? OptionalLong.of(Long.parseLong(endposAnywhere.group(1))) : OptionalLong.empty();
        return new AgiReply.Success(result, Optional.of(trailer), endpos);
    }

    private static boolean hasCode(String line, String code) {
        return line.startsWith(code) && (line.length() == code.length() || line.charAt(code.length()) == ' ');
    }

    private static String message(String line) {
        return line.length() > 4 ? line.substring(4) : "";
    }
}
