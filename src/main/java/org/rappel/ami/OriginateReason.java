package org.rappel.ami;

/**
 * The {@code Reason} of an {@code OriginateResponse}: the last control frame Asterisk saw on the new channel.
 * Codes from Asterisk's {@code frame.h}; 4 and 0, 3, 5 were observed (see PROTOCOL.md, "Calling back").
 */
public enum OriginateReason {
    /** 0: no channel was made (no such context, channel driver refused…). */
    FAILED(0),
    /** 1: the far end hung up before answering. */
    HUNG_UP(1),
    /** 3: it rang, but nobody answered within the Originate {@code Timeout}. */
    NO_ANSWER(3),
    /** 4: answered. */
    ANSWERED(4),
    /** 5: busy. */
    BUSY(5),
    /** 8: congestion (no route, network busy). */
    CONGESTION(8),
    /** Any other code; the number stays in the event's {@code reasonCode}. */
    OTHER(-1);

    private final int code;

    OriginateReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static OriginateReason of(int code) {
        for (OriginateReason r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return OTHER;
    }
}
