package org.rappel.flow;

import java.util.List;
import org.rappel.agi.AgiCommand;
import org.rappel.agi.AgiReply;

/**
 * One visit of a collect node: {@code GET DATA} with the node's most digits ({@code #} ends the input early),
 * then checks of length and pattern; a valid input goes into the flow variable, an invalid one plays the
 * invalid prompt and asks again, a timeout with nothing typed asks again; after {@code tries} failed tries,
 * {@code on-failure}. Digits typed before a timeout ({@code 200 result=4 (timeout)}) count as the input.
 *
 * <p>Sounds of the prompt before the last are not interruptible (a key there would be lost to the {@code GET DATA}
 * after). The digits are personal data: never logged. Owned by the session's executor thread.
 */
final class CollectDigits {

    private final FlowNode.Collect node;
    private final CallState call;
    private int failedTries;

    CollectDigits(FlowNode.Collect node, CallState call) {
        this.node = node;
        this.call = call;
    }

    Step start() {
        List<String> prompt = node.prompt();
        String question = prompt.get(prompt.size() - 1);
        return Step.play(prompt.subList(0, prompt.size() - 1), "", key -> new Step.Send(
                AgiCommand.getData(question, node.timeout().toMillis(), node.maxDigits()), this::answered));
    }

    private Step answered(AgiReply.Success reply) {
        String digits = reply.result();
        if (digits.isEmpty() && reply.timedOut()) {
            call.inputRejected(node.name(), "timeout");
            return retry();
        }
        if (digits.length() < node.minDigits() || digits.length() > node.maxDigits()
                || !node.pattern().matcher(digits).matches()) {
            call.inputRejected(node.name(), "invalid");
            return Step.play(node.invalidPrompt(), "", key -> retry());
        }
        call.variables().put(node.into(), digits);
        return new Step.Next(node.next().target());
    }

    private Step retry() {
        failedTries++;
        return failedTries >= node.tries() ? new Step.Next(node.onFailure().target()) : start();
    }
}
