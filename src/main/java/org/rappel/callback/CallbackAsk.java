package org.rappel.callback;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.rappel.store.ChannelOrigin;

/**
 * A citizen's request for a callback, as a channel received it (not yet validated).
 *
 * @param service        the service (queue) asked for
 * @param givenNumber    the number as given: keys typed, caller id, or a web form ({@code 06 12 34 56 78},
 *                       {@code +33612345678}); the office validates it
 * @param callingLine    who asked: the caller id of the call, or {@code web:<client>} for the portal; rate limits
 *                       count per calling line
 * @param virtualArrival the caller's place: the arrival of the call being turned into a callback; empty for now
 * @param priority       priority class (higher first)
 * @param language       prompts' language ({@code fr}, {@code en})
 * @param ivrContext     what the IVR gathered (menu choices, case number) for the agent; no phone number
 * @param origin         phone or web
 * @param slot           a slot start the citizen chose ({@link CallbackDesk#slots}); empty for "as soon as possible"
 * @param heldContactId  the live contact (channel uniqueid) being turned into this callback: it leaves the line
 *                       only once the callback is stored, and the callback keeps its place; empty otherwise
 */
public record CallbackAsk(String service, String givenNumber, String callingLine, Optional<Instant> virtualArrival,
        int priority, String language, Map<String, String> ivrContext, ChannelOrigin origin, Optional<Instant> slot,
        Optional<String> heldContactId) {

    public CallbackAsk {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(givenNumber, "givenNumber");
        Objects.requireNonNull(callingLine, "callingLine");
        Objects.requireNonNull(virtualArrival, "virtualArrival");
        Objects.requireNonNull(language, "language");
        ivrContext = Map.copyOf(ivrContext);
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(heldContactId, "heldContactId");
    }
}
