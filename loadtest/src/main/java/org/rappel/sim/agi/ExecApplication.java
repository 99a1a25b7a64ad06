package org.rappel.sim.agi;

import java.util.function.IntConsumer;

/**
 * A dialplan application run by {@code EXEC <app> <data>}. It calls {@code done} exactly once with the
 * application's return value (0 normally, -1 when the channel hung up), which becomes {@code 200 result=N}.
 * Applications do not watch the FastAGI socket: commands sent meanwhile wait for the reply (as seen with Dial).
 * A long-running one registers a {@link CommandInFlight} to learn of keys and of the caller's hang-up.
 */
@FunctionalInterface
public interface ExecApplication {

    void run(CallControl call, String data, IntConsumer done);
}
