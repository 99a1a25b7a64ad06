package org.rappel.flow;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.rappel.agi.AgiCommand;
import org.rappel.agi.AgiReply;

/**
 * One visit of a single-key choice (menu, language choice): asks, validates the key, retries.
 *
 * <p>All sounds of the prompt but the last are played with {@code STREAM FILE} and every key as escape digit, so a
 * caller who knows the menu can answer at once; the last is the {@code GET DATA} prompt (one digit). An empty
 * answer with {@code (timeout)} is a timeout; an empty answer without it ({@code #} pressed) or a key the
 * {@link Routing} refuses is an invalid key: {@code invalidPrompt}, then the question again, until {@code tries}
 * tries have failed. Owned by the session's executor thread.
 */
final class KeyChoice {

    /** Where each answer leads. */
    interface Routing {
        /** The step for a key, or empty if the key is not a choice. */
        Optional<Step> chosen(char key);

        /** The step on a timeout, or empty if a timeout is just a failed try. */
        Optional<Step> timedOut();

        /** The step once every try has failed. */
        Step failed();
    }

    private final String node;
    private final List<String> prompt;
    private final Duration timeout;
    private final int tries;
    private final List<String> invalidPrompt;
    private final CallState call;
    private final Routing routing;
    private int failedTries;

    KeyChoice(String node, List<String> prompt, Duration timeout, int tries, List<String> invalidPrompt,
              CallState call, Routing routing) {
        this.node = node;
        this.prompt = prompt;
        this.timeout = timeout;
        this.tries = tries;
        this.invalidPrompt = invalidPrompt;
        this.call = call;
        this.routing = routing;
    }

    Step start() {
        return ask();
    }

    private Step ask() {
        List<String> intro = prompt.subList(0, prompt.size() - 1);
        String question = prompt.get(prompt.size() - 1);
        return Step.play(intro, Step.ALL_KEYS, key -> key.isPresent() ? key(key.get())
                : new Step.Send(AgiCommand.getData(question, timeout.toMillis(), 1), this::answered));
    }

    private Step answered(AgiReply.Success reply) {
        String keys = reply.result();
        if (keys.isEmpty()) {
            // GET DATA takes '#' as the end of input and answers "200 result=" without "(timeout)": with one
            // digit asked, that empty answer is the '#' key itself.
            return reply.timedOut() ? timedOut() : key('#');
        }
        return key(keys.charAt(0));
    }

    private Step key(char key) {
        return routing.chosen(key).orElseGet(this::invalid);
    }

    private Step timedOut() {
        call.inputRejected(node, "timeout");
        return routing.timedOut().orElseGet(this::retry);
    }

    private Step invalid() {
        call.inputRejected(node, "invalid");
        return Step.play(invalidPrompt, "", key -> retry());
    }

    private Step retry() {
        failedTries++;
        return failedTries >= tries ? routing.failed() : ask();
    }
}
