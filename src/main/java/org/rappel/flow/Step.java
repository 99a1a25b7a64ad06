package org.rappel.flow;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.rappel.agi.AgiCommand;
import org.rappel.agi.AgiReply;

/**
 * What a flow node asks the engine to do next. Nodes never touch the session themselves: they return steps, and
 * {@link FlowRun} carries them out one at a time (a trampoline), so the stack stays flat however long the call.
 */
sealed interface Step {

    /** Every key a caller can press: used as escape digits so that a key press during a prompt is not lost. */
    String ALL_KEYS = "0123456789*#";

    /**
     * Sends one AGI command; {@code then} gets its {@code 200} reply (hang-ups and refusals never reach it) and
     * returns the step after.
     */
    record Send(AgiCommand command, Function<AgiReply.Success, Step> then) implements Step {
    }

    /** Goes on at the named node. */
    record Next(String node) implements Step {
    }

    /** The flow is over. */
    record End(FlowOutcome outcome) implements Step {
    }

    /**
     * Waits for {@code stage} (the callback office, say) without holding the thread; {@code then} gets its value or
     * its failure on the session's executor and returns the step after. A hang-up meanwhile ends the run as usual.
     */
    record Await<T>(CompletionStage<T> stage, BiFunction<? super T, Throwable, Step> then) implements Step {
    }

    /** Hands the call to a service queue, which holds it until the returned stage completes. */
    record HandOver(Supplier<CompletionStage<FlowOutcome>> queue) implements Step {
    }

    /**
     * Plays {@code sounds} one after the other with {@link AgiCommand#streamFile}; a key in {@code escapeDigits}
     * stops the rest and is passed to {@code after}, which otherwise gets empty once all are played.
     */
    static Step play(List<String> sounds, String escapeDigits, Function<Optional<Character>, Step> after) {
        return play(sounds, 0, escapeDigits, after);
    }

    private static Step play(List<String> sounds, int from, String escapeDigits,
                             Function<Optional<Character>, Step> after) {
        if (from >= sounds.size()) {
            return after.apply(Optional.empty());
        }
        return new Send(AgiCommand.streamFile(sounds.get(from), escapeDigits), reply -> {
            Optional<Character> key = reply.digit().filter(k -> escapeDigits.indexOf(k) >= 0);
            return key.isPresent() ? after.apply(key) : play(sounds, from + 1, escapeDigits, after);
        });
    }
}
