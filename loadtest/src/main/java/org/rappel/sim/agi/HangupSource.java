package org.rappel.sim.agi;

/**
 * What ended the AGI: nothing (yet), the caller hanging up, the FastAGI server's HANGUP command, or an AMI
 * {@code Redirect} of the channel (the AGI sees a hang-up, but the channel goes on at the target once the
 * server closes the socket).
 */
public enum HangupSource {
    NONE,
    CALLER,
    AGI,
    REDIRECT
}
