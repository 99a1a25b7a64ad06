package org.rappel.sim.ami;

import java.time.Duration;

/**
 * What the simulated far end does with one originated call, and the {@code OriginateResponse} {@code Reason}
 * Asterisk reports for it.
 */
public sealed interface AnswerOutcome {

    /** Reason 4: rings for {@code ringTime}, answers, talks for {@code talkTime}, hangs up. */
    record Answered(Duration ringTime, Duration talkTime) implements AnswerOutcome {
    }

    /** Reason 5: busy after {@code ringTime} (Hangup cause 17). */
    record Busy(Duration ringTime) implements AnswerOutcome {
    }

    /** Reason 3: rings until the Originate {@code Timeout} (Hangup cause 19). */
    record NoAnswer() implements AnswerOutcome {
    }

    /** Reason 8: congestion after {@code ringTime} (Hangup cause 34). */
    record Congestion(Duration ringTime) implements AnswerOutcome {
    }

    /** Reason 0: the channel cannot be made (no such context). */
    record Failed() implements AnswerOutcome {
    }
}
