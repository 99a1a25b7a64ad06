package org.rappel.sim.agi;

import java.util.OptionalInt;
import java.util.OptionalLong;

/** Numbers read from AGI arguments the way res_agi's C does ({@code sscanf "%30d"}, {@code atoi}). */
final class CNumbers {

    private CNumbers() {
    }

    /** C's {@code sscanf(s, "%30d")}: leading blanks, a sign, at least one digit; trailing text ignored. */
    static OptionalInt scanInt(String s) {
        OptionalLong value = scanLong(s);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) value.getAsLong());
    }

    static OptionalLong scanLong(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        int start = i;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int digits = i;
        while (i < s.length() && i - start < 30 && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == digits) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(s.substring(start, i)));
        } catch (NumberFormatException e) {
            return OptionalLong.of(s.charAt(start) == '-' ? Long.MIN_VALUE : Long.MAX_VALUE);
        }
    }

    /** C's {@code atoi}: as {@link #scanInt}, 0 when there is no number. */
    static int atoi(String s) {
        return scanInt(s).orElse(0);
    }

}
