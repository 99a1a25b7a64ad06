package org.rappel.flow;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.rappel.agi.AgiSession;
import org.rappel.callback.CallbackDesk;

/**
 * What the nodes of one running flow share: the session, the flow variables, the meters. Owned by the session's
 * executor thread, like the {@link FlowRun} that holds it.
 */
final class CallState {

    /** The flow variable holding the language chosen (or Asterisk's channel language before any choice). */
    static final String LANGUAGE = "language";

    private final AgiSession session;
    private final String hotline;
    private final FlowMetrics metrics;
    private final ServiceQueue queue;
    private final Optional<CallbackDesk> callbacks;
    private final Map<String, String> variables = new HashMap<>();

    CallState(AgiSession session, String hotline, FlowMetrics metrics, ServiceQueue queue,
              Optional<CallbackDesk> callbacks) {
        this.callbacks = callbacks;
        this.session = session;
        this.hotline = hotline;
        this.metrics = metrics;
        this.queue = queue;
        variables.put(LANGUAGE, session.request().language());
    }

    AgiSession session() {
        return session;
    }

    String hotline() {
        return hotline;
    }

    ServiceQueue queue() {
        return queue;
    }

    /** The callback office, when the server has one. */
    Optional<CallbackDesk> callbacks() {
        return callbacks;
    }

    /** Flow variables; values may be personal data (digits a caller typed): never log them. */
    Map<String, String> variables() {
        return variables;
    }

    void inputRejected(String node, String reason) {
        metrics.inputRejected(hotline, node, reason);
    }

    void nodeError(String node, String reason) {
        metrics.nodeError(hotline, node, reason);
    }
}
