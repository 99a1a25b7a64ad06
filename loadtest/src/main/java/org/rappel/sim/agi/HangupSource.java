package org.rappel.sim.agi;

/** Who ended the channel: nobody (yet), the caller, or the FastAGI server with its HANGUP command. */
public enum HangupSource {
    NONE,
    CALLER,
    AGI
}
