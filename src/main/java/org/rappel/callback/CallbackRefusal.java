package org.rappel.callback;

import java.util.Locale;

/** Why the office refused a callback request; {@link #code()} is the JSON error code, the IVR has a prompt each. */
public enum CallbackRefusal {
    /** The number failed the numbering plan; {@link CallbackReply.Refused#number()} says why. */
    NUMBER,
    /** Too many requests for this number or from this calling line; retry after the given delay. */
    RATE_LIMITED,
    /** The service is not one this hotline has. */
    UNKNOWN_SERVICE,
    /** The slot asked for is not a slot of the service (outside opening hours, not on a slot boundary). */
    SLOT_OUTSIDE_HOURS,
    /** The slot is in the past, or too far ahead. */
    SLOT_NOT_BOOKABLE,
    /** The slot is full. */
    SLOT_FULL,
    /** The store could not take the request durably: nothing was promised. */
    UNAVAILABLE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
