package org.rappel.sim.agi;

/**
 * How an AGI command handler ended, as res_agi's handler return codes: the reply was written
 * ({@link #SUCCESS}), it was written and the command failed ({@link #FAILURE}: AGISTATUS becomes FAILURE unless
 * the failure came from a hang-up), the arguments were wrong ({@link #SHOW_USAGE}: the simulator writes the 520
 * usage block), or a newer command cut it short and no reply is due ({@link #NO_REPLY}).
 */
public enum CommandResult {
    SUCCESS,
    FAILURE,
    SHOW_USAGE,
    NO_REPLY
}
