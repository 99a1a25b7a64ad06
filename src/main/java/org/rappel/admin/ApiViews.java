package org.rappel.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rappel.callback.CallbackSlot;
import org.rappel.queue.AgentView;
import org.rappel.queue.QueueSnapshot;
import org.rappel.queue.ServiceView;
import org.rappel.queue.WaitingContact;
import org.rappel.store.CallbackAttempt;
import org.rappel.store.CallbackRequest;
import org.rappel.store.PhoneMask;

/**
 * The JSON shapes of the REST API, built as ordered maps of plain values (strings, numbers, lists). Instants are
 * ISO-8601 in UTC; states and kinds are lower-case codes. No phone number appears here except a callback's own
 * number, and that masked unless the caller may see it whole.
 */
final class ApiViews {
    private ApiViews() {
    }

    static Map<String, Object> agent(AgentView agent) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", agent.id());
        json.put("state", code(agent.state()));
        json.put("since", agent.since().toString());
        agent.pauseReason().ifPresent(reason -> json.put("pauseReason", reason));
        agent.contactId().ifPresent(contact -> json.put("contactId", contact));
        json.put("afterCall", code(agent.afterCall()));
        return json;
    }

    static Map<String, Object> agents(List<AgentView> agents) {
        return Map.of("agents", agents.stream().map(ApiViews::agent).toList());
    }

    /**
     * Every service's waiting contacts in order (the first {@code limit} of each; {@code waitingCount} is the whole
     * line), and the agents: ids, kinds, places and waits, no context.
     */
    static Map<String, Object> queues(QueueSnapshot snapshot, int limit) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("takenAt", snapshot.takenAt().toString());
        json.put("services", snapshot.services().stream().map(s -> service(s, snapshot.takenAt(), limit)).toList());
        json.put("agents", snapshot.agents().stream().map(ApiViews::agent).toList());
        return json;
    }

    private static Map<String, Object> service(ServiceView service, Instant takenAt, int limit) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", service.config().name());
        json.put("weight", service.config().weight());
        json.put("waitingCount", service.waiting().size());
        json.put("waiting", service.waiting().stream().limit(limit).map(w -> waiting(w, takenAt)).toList());
        return json;
    }

    private static Map<String, Object> waiting(WaitingContact waiting, Instant takenAt) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", waiting.contact().id());
        json.put("kind", code(waiting.contact().kind()));
        json.put("position", waiting.position());
        json.put("priority", waiting.contact().priorityClass());
        json.put("waitedSeconds", Math.max(0, Duration.between(waiting.enqueuedAt(), takenAt).toSeconds()));
        return json;
    }

    /**
     * A stored callback. The number is whole for supervisors and admins (who may have to call the citizen by
     * hand), masked for the others: a portal or wallboard token that leaks must not give out citizens' numbers.
     * The IVR context is for the agent's side only, so it is shown with the whole number.
     */
    static Map<String, Object> callback(CallbackRequest callback, List<CallbackAttempt> attempts, boolean full) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", callback.id().toString());
        json.put("service", callback.service());
        json.put("state", code(callback.state()));
        json.put("number", full ? callback.number() : PhoneMask.mask(callback.number()));
        json.put("language", callback.language());
        json.put("origin", code(callback.origin()));
        callback.requestedSlot().ifPresent(slot -> json.put("slot", slot.toString()));
        json.put("nextAttemptAt", callback.nextAttemptAt().toString());
        json.put("attemptCount", Math.max(callback.attempts(), attempts.size()));
        json.put("attempts", attempts.stream().map(ApiViews::attempt).toList());
        if (full) {
            json.put("context", new LinkedHashMap<>(callback.ivrContext()));
        }
        return json;
    }

    private static Map<String, Object> attempt(CallbackAttempt attempt) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("attempt", attempt.attemptNo());
        json.put("started", attempt.started().toString());
        json.put("ended", attempt.ended().toString());
        json.put("outcome", code(attempt.outcome()));
        if (!attempt.reason().isEmpty()) {
            json.put("reason", attempt.reason());
        }
        return json;
    }

    static Map<String, Object> slot(CallbackSlot slot) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("start", slot.start().toString());
        json.put("end", slot.end().toString());
        json.put("capacity", slot.capacity());
        json.put("booked", slot.booked());
        json.put("available", Math.max(0, slot.capacity() - slot.booked()));
        return json;
    }

    static String code(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }
}
