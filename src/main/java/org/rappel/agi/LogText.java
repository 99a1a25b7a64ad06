package org.rappel.agi;

/**
 * Turns text from the wire into something safe to log: short, printable, and without phone numbers (a run of
 * five or more digits keeps only its last two).
 */
final class LogText {
    private static final int MAX_EXCERPT = 60;
    private static final int LONGEST_PLAIN_DIGIT_RUN = 4;

    private LogText() {
    }

    static String excerpt(CharSequence text) {
        int end = Math.min(text.length(), MAX_EXCERPT);
        StringBuilder out = new StringBuilder(end + 8).append('\'');
        int i = 0;
        while (i < end) {
            char c = text.charAt(i);
            if (Character.isDigit(c)) {
                int run = i;
                while (run < text.length() && Character.isDigit(text.charAt(run))) {
                    run++;
                }
                int length = run - i;
                if (length > LONGEST_PLAIN_DIGIT_RUN) {
                    out.append("*".repeat(length - 2)).append(text, run - 2, run);
                } else {
                    out.append(text, i, run);
                }
                i = run;
            } else {
                out.append(c < 0x20 || c == 0x7f ? '?' : c);
                i++;
            }
        }
        out.append('\'');
        if (text.length() > i) {
            out.append("… (").append(text.length()).append(" chars)");
        }
        return out.toString();
    }

    /** A caller number for the log: the last two digits only. */
    static String callerNumber(String number) {
        return number.length() <= 2 ? "**" : "*".repeat(number.length() - 2) + number.substring(number.length() - 2);
    }
}
