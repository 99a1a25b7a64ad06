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
 * @param callback         whether a callback may be offered (on entry, and by {@code callbackKey} on hold) when the
 *                         queue has a callback office
 * @param callbackKey      the DTMF key that asks for a callback while holding
 */
public record EnqueueRequest(
        AgiSession session,
        String hotline,
        String service,
        String musicClass,
        List<String> holdMessage,
        Duration holdMessageEvery,
        Map<String, String> variables,
        boolean callback,
        char callbackKey) {

    /** The default key that asks for a callback while holding. */
    public static final char DEFAULT_CALLBACK_KEY = '1';

    public EnqueueRequest {
        holdMessage = List.copyOf(holdMessage);
        variables = Map.copyOf(variables);
        if ("0123456789*#".indexOf(callbackKey) < 0) {
            throw new IllegalArgumentException("callback key must be a DTMF key, not " + callbackKey);
        }
    }

    /** Callbacks offered, on {@link #DEFAULT_CALLBACK_KEY}. */
    public EnqueueRequest(AgiSession session, String hotline, String service, String musicClass,
                          List<String> holdMessage, Duration holdMessageEvery, Map<String, String> variables) {
        this(session, hotline, service, musicClass, holdMessage, holdMessageEvery, variables, true,
                DEFAULT_CALLBACK_KEY);
    }
}
