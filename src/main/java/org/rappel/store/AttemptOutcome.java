package org.rappel.store;

/**
 * How one dial attempt of a callback ended, in Asterisk's terms ({@code OriginateResponse} reasons and
 * {@code DIALSTATUS}), plus {@code MACHINE} when answering-machine detection heard a voicemail.
 */
public enum AttemptOutcome {
    ANSWERED,
    NO_ANSWER,
    BUSY,
    CONGESTION,
    MACHINE,
    FAILED
}
