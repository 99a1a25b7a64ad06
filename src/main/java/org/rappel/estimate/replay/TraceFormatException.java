package org.rappel.estimate.replay;

/** A trace refused: the line (1 = header) and what is wrong with it. */
public final class TraceFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final String reason;

    public TraceFormatException(int line, String reason) {
        super("line " + line + ": " + reason);
        this.line = line;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
