package org.rappel.flow;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.rappel.agi.AgiCommand;
import org.rappel.agi.AgiSession;

/**
 * A service queue without agents, until the real one: the caller holds with music until they hang up.
 *
 * <p>As observed on Asterisk ({@code PROTOCOL.md}, "Music on hold inside AGI"): {@code SET MUSIC ON <class>}, then
 * {@code WAIT FOR DIGIT 1000} again and again (the music plays on without a break, and the AGI hears keys). Every
 * {@code holdMessageEvery} the hold message is played with {@code STREAM FILE}, which stops the music, so
 * {@code SET MUSIC ON} follows it. The period is timed by the session's executor (tests drive a controllable one);
 * the message starts at the first loop turn after it is due, so at most one second late. Keys pressed on hold are
 * ignored for now. Ends with {@link FlowOutcome#ENQUEUED_ABANDONED} when the caller hangs up.
 */
final class MusicOnHoldQueue implements ServiceQueue {

    /** One loop turn: long enough to keep the command rate low, short enough for a queue to act within a second. */
    static final long WAIT_MILLIS = 1000;

    @Override
    public CompletionStage<FlowOutcome> enqueue(EnqueueRequest request) {
        return new Hold(request).start();
    }

    /** One caller holding. Thread: the session's executor. */
    private static final class Hold {
        private final EnqueueRequest request;
        private final AgiSession session;
        private final CompletableFuture<FlowOutcome> left = new CompletableFuture<>();
        private final HoldCommands commands;
        private ScheduledFuture<?> messageTimer;
        private boolean messageDue;

        Hold(EnqueueRequest request) {
            this.request = request;
            this.session = request.session();
            this.commands = new HoldCommands(session, request.service(), left::isDone, this::leave);
        }

        CompletableFuture<FlowOutcome> start() {
            if (!request.holdMessage().isEmpty()) {
                long period = request.holdMessageEvery().toMillis();
                messageTimer = session.executor().scheduleAtFixedRate(() -> messageDue = true, period, period,
                        TimeUnit.MILLISECONDS);
            }
            session.hangup().whenCompleteAsync((gone, error) -> leave(FlowOutcome.ENQUEUED_ABANDONED),
                    session.executor());
            commands.send(AgiCommand.musicOn(request.musicClass()), reply -> turn());
            return left;
        }

        private void turn() {
            if (messageDue) {
                messageDue = false;
                playMessage(0);
            } else {
                commands.send(AgiCommand.waitForDigit(WAIT_MILLIS), reply -> turn());
            }
        }

        private void playMessage(int index) {
            if (index == request.holdMessage().size()) {
                commands.send(AgiCommand.musicOn(request.musicClass()), reply -> turn());
            } else {
                commands.send(AgiCommand.streamFile(request.holdMessage().get(index), ""),
                        reply -> playMessage(index + 1));
            }
        }

        private void leave(FlowOutcome how) {
            if (messageTimer != null) {
                messageTimer.cancel(false);
            }
            left.complete(how);
        }
    }
}
