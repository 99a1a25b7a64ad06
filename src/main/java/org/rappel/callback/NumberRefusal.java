package org.rappel.callback;

import java.util.Locale;

/**
 * Why a callback number was refused. The IVR speaks a prompt per reason; the REST API returns {@link #code()}.
 */
public enum NumberRefusal {
    /** Not a number of any plan (wrong length, unallocated range, letters). */
    INVALID,
    /** A valid number of a country the hotline does not call back. */
    FOREIGN,
    /** Premium-rate (08 9x in France): calling it would pay its owner; never called back. */
    PREMIUM_RATE,
    /** Shared-cost (08 1x, 08 2x in France): a service line, not a citizen's phone. */
    SHARED_COST,
    /** Toll-free (08 0x in France): billed to its owner, so a flood of callbacks would cost a third party. */
    TOLL_FREE,
    /** A short code (3230, 3949): a service, never a citizen's line. */
    SHORT_CODE,
    /** An emergency number (15, 17, 18, 112, 114): the hotline must never dial one by itself. */
    EMERGENCY,
    /** Any other special range: personal numbers, pagers, voicemail access, universal access numbers. */
    SPECIAL;

    /** Stable lower-case code for JSON, e.g. {@code premium_rate}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
