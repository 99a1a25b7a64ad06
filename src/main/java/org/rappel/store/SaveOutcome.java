package org.rappel.store;

/**
 * The result of {@link CallbackStore#save}: either a new promise, or the request was folded into the active
 * callback that already existed for the same number and service (dedupe).
 */
public sealed interface SaveOutcome {

    /** The callback as stored, durable on return. */
    CallbackRequest callback();

    record Created(CallbackRequest callback) implements SaveOutcome {
    }

    /** The existing active callback, updated with the new request's details; it keeps its id and place. */
    record Merged(CallbackRequest callback) implements SaveOutcome {
    }
}
