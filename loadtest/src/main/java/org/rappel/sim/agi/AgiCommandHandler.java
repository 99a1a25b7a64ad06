package org.rappel.sim.agi;

import java.util.List;

/**
 * Carries out one AGI command. {@code argv} holds every word of the line as Asterisk parsed it, command
 * words included ({@code [STREAM, FILE, beep, ""]}), so {@code argv.size()} is res_agi's {@code argc}.
 * See {@link CallControl} for the reply and finish contract.
 */
@FunctionalInterface
public interface AgiCommandHandler {

    void start(CallControl call, List<String> argv);
}
