package org.rappel.agi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One FastAGI conversation with Asterisk, for the code that drives a call (the IVR flow engine).
 *
 * <p>Non-blocking: {@link #send} queues a command and returns at once; AGI allows one command in flight,
 * so commands are written one after the other, each when the previous reply has arrived. Every future
 * completes on {@link #executor()}, the single thread that owns this session: callers chain on it and never
 * block it.
 *
 * <p>When Asterisk sends its {@code HANGUP} notice the session turns dead: the command in flight still gets
 * its reply from Asterisk, {@link #hangup()} completes, later commands fail with {@link AgiHangupException}
 * without being written, and the server closes the connection shortly after (Asterisk keeps a zombie channel
 * until it does).
 */
public interface AgiSession {

    /** The environment Asterisk sent at connect. */
    AgiRequest request();

    /** Sends a command; the future gets its reply, or fails with {@link AgiHangupException} if the call is gone. */
    CompletableFuture<AgiReply> send(AgiCommand command);

    /** Completes when the caller hung up (Asterisk's {@code HANGUP} notice) or the connection was lost. */
    CompletableFuture<Void> hangup();

    /** True once the {@code HANGUP} notice arrived or the connection closed. */
    boolean isHungUp();

    /**
     * Ends the AGI: the server closes the socket after the command in flight, and Asterisk resumes its dialplan
     * ({@code AGISTATUS=SUCCESS}, or {@code HANGUP} if the caller is gone). Idempotent.
     */
    void close();

    /** The thread that owns this session; timers of the call are scheduled here. */
    ScheduledExecutorService executor();
}
