package org.rappel.ami;

/**
 * An action got no answer because of the link, not because of Asterisk: not logged in yet, the connection was
 * lost before the response, or the connection was closed. Timeouts are {@link java.util.concurrent.TimeoutException}.
 */
public final class AmiConnectionException extends RuntimeException {
    public AmiConnectionException(String message) {
        super(message);
    }
}
