package org.rappel.flow;

/**
 * A flow file was refused at load: its message is {@code <file>:<line>: <reason>}, the line counted from 1, so an
 * operator can go straight to the faulty line. Nothing of a refused file is used.
 */
public final class FlowDefinitionException extends Exception {

    private final String file;
    private final int line;
    private final String reason;

    public FlowDefinitionException(String file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    /** The line of the faulty key or value, from 1. */
    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
