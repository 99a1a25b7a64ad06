package org.rappel.sim.agi;

import java.time.Duration;

/** When a scripted caller hangs up (times are scaled by the simulator's time scale). */
public sealed interface HangupPlan {

    /** {@code after} the FastAGI connection opened, whatever is going on. */
    record After(Duration after) implements HangupPlan {
    }

    /** {@code into} the {@code number}th sound played (1 = the first), counting every prompt sound. */
    record DuringPrompt(int number, Duration into) implements HangupPlan {
        public DuringPrompt {
            if (number < 1) {
                throw new IllegalArgumentException("prompts are counted from 1");
            }
        }
    }

    /** {@code into} the first playing of {@code sound}. */
    record DuringSound(String sound, Duration into) implements HangupPlan {
    }

    /** {@code into} the {@code number}th command that reads keys (GET DATA or WAIT FOR DIGIT), from its start. */
    record DuringInput(int number, Duration into) implements HangupPlan {
        public DuringInput {
            if (number < 1) {
                throw new IllegalArgumentException("inputs are counted from 1");
            }
        }
    }
}
