package org.rappel.store;

/** The callback after an attempt was recorded, with the attempt as numbered by the store. */
public record AttemptRecorded(CallbackRequest callback, CallbackAttempt attempt) {
}
