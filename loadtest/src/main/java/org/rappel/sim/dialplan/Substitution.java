package org.rappel.sim.dialplan;

import java.util.Optional;
import java.util.function.Function;

/**
 * {@code ${NAME}} expansion as pbx_substitute_variables does it for what Rappel's contexts write: nested
 * {@code ${A${B}}} expanded inside out, functions such as {@code ${CALLERID(num)}} looked up by their full text,
 * an unknown name giving the empty string (as Asterisk). {@code $[…]} expressions are not simulated: they throw,
 * the dialplan check refuses them earlier. Stateless.
 */
public final class Substitution {

    private Substitution() {
    }

    /**
     * @param lookup a variable or function by name ({@code RAPPEL_CALLBACK_ID}, {@code CALLERID(num)}); empty when
     *               unset
     */
    public static String expand(String text, Function<String, Optional<String>> lookup) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$[", i)) {
                throw new IllegalArgumentException("expressions $[…] are not simulated: " + text);
            }
            if (text.startsWith("${", i)) {
                int depth = 1;
                int j = i + 2;
                while (j < text.length() && depth > 0) {
                    if (text.startsWith("${", j)) {
                        depth++;
                        j += 2;
                        continue;
                    }
                    if (text.charAt(j) == '}') {
                        depth--;
                    }
                    j++;
                }
                if (depth > 0) {
                    out.append(text, i, text.length()); // Asterisk leaves an unclosed ${ as it is
                    break;
                }
                String name = expand(text.substring(i + 2, j - 1), lookup);
                out.append(lookup.apply(name).orElse(""));
                i = j;
                continue;
            }
            out.append(text.charAt(i));
            i++;
        }
        return out.toString();
    }
}
