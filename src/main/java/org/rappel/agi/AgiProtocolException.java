package org.rappel.agi;

/** Thrown inside the codec when a line cannot be decoded; the decoder turns it into {@link AgiInbound.Malformed}. */
final class AgiProtocolException extends Exception {
    private final AgiProtocolError error;

    AgiProtocolException(AgiProtocolError error, String detail) {
        super(detail, null, false, false);
        this.error = error;
    }

    AgiProtocolError error() {
        return error;
    }

    AgiInbound.Malformed toMessage() {
        return new AgiInbound.Malformed(error, getMessage());
    }
}
