package org.rappel.agi;

/** A command was sent on a session whose caller has hung up or whose connection is closed. */
public final class AgiHangupException extends RuntimeException {
    public AgiHangupException(String message) {
        super(message, null, false, false);
    }
}
