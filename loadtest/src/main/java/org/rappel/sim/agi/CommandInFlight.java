package org.rappel.sim.agi;

/**
 * A command that takes time (a prompt, a wait for keys, an application such as Dial) and reacts to what
 * happens meanwhile. Registered with {@link CallControl#inFlight}; called on the call's thread.
 */
public interface CommandInFlight {

    /**
     * A key reached the channel.
     *
     * @return whether the command listened to it (else the key is recorded as ignored)
     */
    boolean onKey(char key);

    /** The caller hung up: the command must reply (typically {@code 200 result=-1}) and finish. */
    void onHangup();

    /**
     * The server sent another command while this one runs. Commands that watch the socket (STREAM FILE,
     * GET DATA, SAY…, WAIT FOR DIGIT) stop and finish ({@code NO_REPLY}, or {@code 200 result=1} for WAIT FOR
     * DIGIT); applications run by EXEC do not watch it and return false: the new command waits.
     *
     * @return whether the command stopped
     */
    boolean onNewCommand();
}
