package org.rappel.flow;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.rappel.agi.AgiCommand;
import org.rappel.callback.CallbackDesk;
import org.rappel.callback.NumberCheck;
import org.rappel.store.CallbackRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One visit of a {@code callback-status} node: a caller whose number (caller id, as the office's numbering plan
 * reads it) has active callbacks hears the node's prompt ("you have a callback pending: 1 to cancel it, 2 to keep
 * it"); 1 cancels every active callback of that number ({@code CallbackDesk.cancel}, one per service at most) and
 * plays the cancelled prompt. Then {@code next}, whatever happened: 2, another key, a timeout, an office that
 * fails (counted as a node error {@code callback_unavailable}) all keep the callbacks.
 *
 * <p>No callback office, no caller id, or a caller id the plan refuses: straight to {@code next} without a word.
 * The prompt's sounds before the last may be interrupted by any key, which answers at once. Owned by the session's
 * executor thread; the office's answers come back there ({@link Step.Await}).
 */
final class PendingCallbacks {

    private static final Logger log = LoggerFactory.getLogger(PendingCallbacks.class);

    private final FlowNode.CallbackStatus node;
    private final CallState call;

    PendingCallbacks(FlowNode.CallbackStatus node, CallState call) {
        this.node = node;
        this.call = call;
    }

    Step start() {
        Optional<CallbackDesk> desk = call.callbacks();
        Optional<String> callerId = call.session().request().callerId();
        if (desk.isEmpty() || callerId.isEmpty()
                || !(desk.get().checkNumber(callerId.get()) instanceof NumberCheck.Accepted accepted)) {
            return next();
        }
        return new Step.Await<>(desk.get().activeFor(accepted.e164()), (active, error) -> {
            if (error != null) {
                unavailable(error);
                return next();
            }
            return active.isEmpty() ? next() : ask(desk.get(), active);
        });
    }

    private Step ask(CallbackDesk desk, List<CallbackRequest> active) {
        List<String> prompt = node.prompt();
        String question = prompt.get(prompt.size() - 1);
        return Step.play(prompt.subList(0, prompt.size() - 1), Step.ALL_KEYS, key -> key.isPresent()
                ? answered(desk, active, String.valueOf(key.get()))
                : new Step.Send(AgiCommand.getData(question, node.timeout().toMillis(), 1),
                        reply -> answered(desk, active, reply.result())));
    }

    private Step answered(CallbackDesk desk, List<CallbackRequest> active, String keys) {
        if (!keys.equals("1")) {
            if (!keys.equals("2")) {
                call.inputRejected(node.name(), keys.isEmpty() ? "timeout" : "invalid");
            }
            return next();
        }
        CompletableFuture<?>[] cancels = active.stream().map(callback -> desk.cancel(callback.id()))
                .toArray(CompletableFuture[]::new);
        return new Step.Await<>(CompletableFuture.allOf(cancels), (done, error) -> {
            if (error != null) {
                unavailable(error);
                return next();
            }
            int cancelled = 0;
            for (CompletableFuture<?> cancel : cancels) {
                if (cancel.join() instanceof Optional<?> found && found.isPresent()) {
                    cancelled++;
                }
            }
            log.info("call {}: the caller cancelled {} callback(s)", call.session().request().uniqueId(), cancelled);
            // None left to cancel (done or dialled meanwhile): nothing to confirm.
            return cancelled > 0 ? Step.play(node.cancelledPrompt(), "", key -> next()) : next();
        });
    }

    private void unavailable(Throwable error) {
        log.warn("call {}: the callback office failed in node {}", call.session().request().uniqueId(), node.name(),
                FlowRun.unwrap(error));
        call.nodeError(node.name(), "callback_unavailable");
    }

    private Step next() {
        return new Step.Next(node.next().target());
    }
}
