package org.rappel.sim.dialplan;

import java.util.Optional;

/**
 * One priority of an extension, as written: {@code exten => s,2,AGI(agi://…)} or {@code same => n(label),…}.
 *
 * @param context     the context it is in
 * @param extension   the extension ({@code s}, {@code 3230}, a {@code _X.} pattern)
 * @param priority    the priority number, {@code n} resolved
 * @param label       the label of {@code n(label)}, if any
 * @param application the application name as written ({@code AGI}, {@code NoOp})
 * @param data        its arguments, unexpanded ({@code ${VAR}} kept)
 * @param line        where it is written: {@code extensions.conf:27}
 */
public record DialplanStep(String context, String extension, int priority, Optional<String> label,
                           String application, String data, String line) {

    @Override
    public String toString() {
        return line + ": [" + context + "] " + extension + "," + priority + "," + application + "(" + data + ")";
    }
}
