package org.rappel.callback;

import java.util.Locale;

/** Who is called first when a callback's turn comes. */
public enum CallbackMode {
    /**
     * The citizen is called; once they answer they hear a short message naming the service, then the reserved
     * agent is dialled. No agent time is spent on a citizen who does not answer; the attempt's outcome is the
     * {@code OriginateResponse}'s.
     */
    CUSTOMER_FIRST,
    /**
     * The reserved agent is called first, hears what the callback is about, then the citizen is dialled from the
     * agent's call. The citizen never waits for an agent; the attempt's outcome is the Dial's {@code DIALSTATUS}.
     */
    AGENT_FIRST;

    /** {@code customer-first} or {@code agent-first}, as in the config file. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static CallbackMode ofCode(String code) {
        for (CallbackMode mode : values()) {
            if (mode.code().equals(code)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("callback mode must be customer-first or agent-first, not " + code);
    }
}
