package org.rappel.sim.agi;

import java.util.List;
import java.util.function.Consumer;

/**
 * What an AGI command handler or an EXEC application may do with the simulated call. Every method must be
 * called on the call's own thread (its event loop): from the handler itself, or from a timer obtained with
 * {@link #schedule}.
 *
 * <p>Contract of a command: it writes its reply with {@link #reply} and then calls {@link #finish} exactly
 * once, at once or later (a prompt, a wait). While it takes time it registers a {@link CommandInFlight} so
 * that keys, the caller's hang-up and newer commands reach it.
 */
public interface CallControl {

    ChannelVariables variables();

    SimulatorSettings settings();

    /** Whether the channel has hung up (caller or AGI), even if the HANGUP line is not written yet. */
    boolean hungUp();

    /** Whether the AGI runs in dead mode (after the hang-up notice). */
    boolean dead();

    /** {@code AST_STATE_*} of the channel: 4 ringing, 6 up. */
    int channelState();

    void answer();

    /** Writes one reply line of the current command ({@code \n} added). */
    void reply(String line);

    /** Ends the current command; see {@link CommandResult}. */
    void finish(CommandResult result);

    /** Registers the running command's reactions to keys, hang-up and newer commands. */
    void inFlight(CommandInFlight command);

    /** Hangs the channel up, as the HANGUP command or the Hangup() application do. */
    void hangUpChannel();

    void musicOn(String mohClass);

    void musicOff();

    /** Whether music on hold is playing. */
    boolean musicOn();

    /**
     * Plays sounds one after another (music stops, as for any prompt), stopped by a key of {@code stopKeys}.
     * The returned prompt is the in-flight reaction to pass on keys, hang-up and newer commands to.
     */
    Prompt play(List<String> sounds, String stopKeys, Consumer<Prompt.End> done);

    /** Tells the scripted caller a command now reads keys (see {@link CallerInput}). */
    void inputOpportunity(InputKind kind, String promptSound, long promptNanos);

    /** Runs {@code task} on the call's thread after {@code delayNanos} (not run once the call is over). */
    CallIo.Timer schedule(long delayNanos, Runnable task);

    /** A human-scale time in milliseconds, scaled by the time scale, in nanoseconds. */
    long scaledNanos(long millis);

    /** Nanoseconds since the call started. */
    long now();

    /** The AstDB shared by all calls of one simulator. */
    AstDb database();

    /** Records a SET VARIABLE in the transcript. */
    void recordVariableSet(String name, String value);

    /**
     * The {@code HANGUP} line after the current command's {@code -1} goes out at once, not after the notice
     * delay: seen after Dial (q1b_exec_dial_callerhangup), where both lines left together.
     */
    void hangupNoticeAtOnce();

    /** A Dial connected the caller to a peer (the caller is no longer waiting). */
    void peerAnswered();

    /** Records a Dial in the transcript. */
    void recordDial(CallTranscript.DialRecord dial);

    /**
     * Runs tasks on the call's thread; callable from any thread (a dialer's, the AMI simulator's). Tasks
     * submitted after the call is over do not run.
     */
    java.util.concurrent.Executor executor();

    /** The kinds of input opportunity a scripted caller answers. */
    enum InputKind {
        GET_DATA,
        WAIT_FOR_DIGIT,
        /** A STREAM FILE or SAY … with escape digits. */
        ESCAPABLE_PROMPT
    }
}
