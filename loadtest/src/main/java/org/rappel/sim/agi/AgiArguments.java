package org.rappel.sim.agi;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one FastAGI command line into words exactly as Asterisk's {@code parse_args} does, independently of
 * the server's own quoting code (so a quoting bug on either side shows up in the tests).
 *
 * <p>Rules reproduced: space and tab separate words outside quotes; a double quote toggles quoting and, when
 * it opens a quote after white space, starts a word (so {@code ""} is an empty word); a backslash makes the
 * next character literal (also a quote, a space or another backslash); a quote inside a word does not split
 * it ({@code a"b c"d} is one word {@code ab cd}). At most 127 words are kept, as Asterisk truncates there.
 * Nothing else is special: a {@code \r} left before the {@code \n} stays part of the last word.
 */
public final class AgiArguments {

    /** Asterisk's MAX_ARGS is 128 slots, one of which holds the terminating NULL. */
    static final int MAX_WORDS = 127;

    private AgiArguments() {
    }

    public static List<String> parse(String line) {
        List<StringBuilder> words = new ArrayList<>();
        StringBuilder current = null;
        boolean quoted = false;
        boolean escaped = false;
        boolean whitespace = true;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean literal = false;
            switch (c) {
                case '"' -> {
                    if (escaped) {
                        literal = true;
                    } else {
                        quoted = !quoted;
                        if (quoted && whitespace) {
                            current = startWord(words);
                            whitespace = false;
                        }
                        escaped = false;
                    }
                }
                case ' ', '\t' -> {
                    if (!quoted && !escaped) {
                        whitespace = true;
                    } else {
                        literal = true;
                    }
                }
                case '\\' -> {
                    if (escaped) {
                        literal = true;
                    } else {
                        escaped = true;
                    }
                }
                default -> literal = true;
            }
            if (literal) {
                if (whitespace) {
                    if (words.size() >= MAX_WORDS) {
                        // Asterisk logs "Too many arguments, truncating" and drops the character.
                        continue;
                    }
                    current = startWord(words);
                    whitespace = false;
                }
                current.append(c);
                escaped = false;
            }
        }
        List<String> result = new ArrayList<>(words.size());
        for (StringBuilder word : words) {
            result.add(word.toString());
        }
        return result;
    }

    private static StringBuilder startWord(List<StringBuilder> words) {
        StringBuilder word = new StringBuilder();
        words.add(word);
        return word;
    }
}
