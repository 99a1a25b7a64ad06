package org.rappel.sim.ami;

import java.util.List;
import java.util.Map;
import org.rappel.sim.agi.AgiSimulator;
import org.rappel.sim.agi.CallerInput;
import org.rappel.sim.dialplan.Dialplan;

/**
 * What an answered originated call runs: the dialplan, the AGI simulator that opens its FastAGI connections, the
 * order of AGI connection and OriginateResponse, and what each called party keys in while Rappel's script talks to
 * them. The maps are the simulator's event loop's; {@code errors} is thread-safe for tests to read.
 */
record OriginatedDialplan(Dialplan dialplan, AgiSimulator agi, CallbackOrder order,
                          Map<String, List<CallerInput>> inputs, List<String> errors) {

    /** The keys the party dialled as {@code dialString} presses at the AGI's input opportunities (none: silence). */
    List<CallerInput> inputsFor(String dialString) {
        return inputs.getOrDefault(dialString, List.of());
    }
}
