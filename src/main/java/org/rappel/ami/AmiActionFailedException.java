package org.rappel.ami;

/** Asterisk refused an action whose caller needs it to succeed (an Originate that was not queued). */
public final class AmiActionFailedException extends RuntimeException {
    private final transient AmiResponse response;

    public AmiActionFailedException(AmiResponse response) {
        super(response.response() + ": " + response.message().orElse("(no message)"));
        this.response = response;
    }

    public AmiResponse response() {
        return response;
    }
}
