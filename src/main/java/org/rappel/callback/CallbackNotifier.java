package org.rappel.callback;

/**
 * Tells citizens about their callback through another channel. Pluggable: the configured webhook, or none.
 *
 * <p>Contract: {@link #notify} returns at once and never throws; delivery (and its retries) happens elsewhere,
 * and a failed delivery never changes the callback. Called from the office's worker threads.
 */
@FunctionalInterface
public interface CallbackNotifier {

    void notify(CallbackNotice notice);

    static CallbackNotifier none() {
        return notice -> { };
    }
}
