package org.rappel.sim.agi;

/**
 * The {@code AGISTATUS} Asterisk sets when AGI() returns. {@code SUCCESS} and {@code FAILURE}: the dialplan
 * goes on at the next priority; {@code HANGUP}: it stops. {@code FAILURE} is sticky once a command failed
 * for another reason than a hang-up (a missing sound file) and is also the status of a refused connection.
 */
public enum AgiStatus {
    SUCCESS,
    FAILURE,
    HANGUP
}
