package org.rappel.store;

/**
 * The store could not do what was asked (database unreachable, disk full, store closed). The promise must then
 * not be announced as confirmed.
 */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
