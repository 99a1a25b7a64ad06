package org.rappel.callback;

import java.util.Locale;

/** What a callback rate limit counts by. */
public enum RateScope {
    /** Callbacks asked for one number: protects a victim's phone from a flood of callbacks. */
    NUMBER,
    /** Callbacks asked from one calling line (caller id, or web client): stops one source flooding many. */
    CALLING_LINE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
