package org.rappel.sim.agi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A call in progress, for a test (or the AMI side of the simulator) to act on from outside the caller script:
 * hang it up, press a key, redirect the channel as AMI {@code Redirect} does. Thread-safe: every action is
 * handed to the call's own event loop; actions before the connection is up wait for it, actions after the
 * end are ignored.
 */
public final class LiveCall {

    private final String channelName;
    private final String uniqueId;
    private final CompletableFuture<CallTranscript> finished;
    private final CompletableFuture<CallOnLoop> started = new CompletableFuture<>();
    private final CompletableFuture<Boolean> environmentSent = new CompletableFuture<>();

    /** The simulated channel and the event loop that owns it. */
    record CallOnLoop(SimulatedCall call, Executor loop) {
    }

    LiveCall(String channelName, String uniqueId, CompletableFuture<CallTranscript> finished) {
        this.channelName = channelName;
        this.uniqueId = uniqueId;
        this.finished = finished;
    }

    void started(SimulatedCall call, Executor loop) {
        started.complete(new CallOnLoop(call, loop));
    }

    /**
     * Completes with true once the {@code agi_*} environment was written to the server (flushed), with false when
     * the connection failed. The AMI side waits on it to send {@code OriginateResponse} after the AGI connection.
     */
    public CompletableFuture<Boolean> environmentSent() {
        return environmentSent;
    }

    /** {@code agi_channel}, e.g. {@code Local/s@hotline-0000002a;2}. */
    public String channelName() {
        return channelName;
    }

    /** {@code agi_uniqueid}. */
    public String uniqueId() {
        return uniqueId;
    }

    /** Completes with the transcript once the server closed the connection (or it was refused). */
    public CompletableFuture<CallTranscript> finished() {
        return finished;
    }

    /** The caller hangs up now. */
    public void hangUp() {
        onLoop(SimulatedCall::callerHangsUp);
    }

    /** The caller presses a key now. */
    public void pressKey(char key) {
        onLoop(call -> call.keyPressed(key));
    }

    /**
     * AMI {@code Redirect} of this channel: the AGI gets a hang-up; the dialplan goes on at the target when
     * the server closes. Completes with false when the channel was already gone.
     */
    public CompletableFuture<Boolean> redirect(String context, String extension, int priority) {
        DialplanLocation target = new DialplanLocation(context, extension, priority);
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        started.thenAccept(c -> c.loop().execute(() -> done.complete(c.call().redirect(target))));
        finished.thenRun(() -> done.complete(false));
        return done;
    }

    /**
     * The caller's patience runs out: they hang up now unless a Dial has connected them to a peer. Completes with
     * whether they hung up (false when connected, already gone, or the call never started).
     */
    public CompletableFuture<Boolean> abandonIfWaiting() {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        started.thenAccept(c -> c.loop().execute(() -> done.complete(c.call().abandonIfWaiting())));
        finished.thenRun(() -> done.complete(false));
        return done;
    }

    private void onLoop(java.util.function.Consumer<SimulatedCall> action) {
        started.thenAccept(c -> c.loop().execute(() -> action.accept(c.call())));
    }
}
