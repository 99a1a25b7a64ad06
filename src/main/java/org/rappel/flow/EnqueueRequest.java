package org.rappel.flow;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.rappel.agi.AgiSession;

/**
 * A caller handed by an {@code enqueue} node to a {@link ServiceQueue}.
 *
 * @param session          the call's AGI session, from now on driven by the queue
 * @param hotline          the hotline the caller dialled
 * @param service          the service the flow chose ({@code prestations}, {@code logement}…)
 * @param musicClass       Asterisk's music on hold class
 * @param holdMessage      sounds played every {@code holdMessageEvery} while holding; may be empty
 * @param holdMessageEvery the period of the hold message
 * @param variables        the flow variables (digits collected, {@code language}); may hold personal data: never
 *                         log their values
 */
public record EnqueueRequest(
        AgiSession session,
        String hotline,
        String service,
        String musicClass,
        List<String> holdMessage,
        Duration holdMessageEvery,
        Map<String, String> variables) {

    public EnqueueRequest {
        holdMessage = List.copyOf(holdMessage);
        variables = Map.copyOf(variables);
    }
}
