package org.rappel.flow;

import java.util.concurrent.TimeUnit;
import org.rappel.agi.AgiCommand;
import org.rappel.agi.AgiReply;
import org.rappel.agi.AgiSession;

/**
 * Tells a sound Asterisk could not play from a caller who hung up as it began. Both come back as
 * {@code 200 result=-1 endpos=0} to {@code STREAM FILE}; a caller gone mid-prompt has {@code endpos} above 0,
 * but one gone within its first frame has not, and Asterisk's {@code HANGUP} notice follows the reply some
 * 40 ms later. So the verdict waits for that notice a little while before calling the sound missing.
 */
final class PromptFailure {
    /** Comfortably above the ~40 ms between the reply and the notice seen on Asterisk 22. */
    static final long HANGUP_NOTICE_GRACE_MILLIS = 200;

    private PromptFailure() {
    }

    /** {@code STREAM FILE} answered {@code -1} with nothing played: a missing sound, or a caller just gone. */
    static boolean nothingPlayed(AgiCommand command, AgiReply.Success reply) {
        return command.verb().equals("STREAM FILE") && reply.failed() && reply.endpos().orElse(0) == 0;
    }

    /** Runs one of the two on the session's executor, once the hang-up notice had its chance to arrive. */
    static void settle(AgiSession session, Runnable soundMissing, Runnable callerGone) {
        if (session.isHungUp()) {
            callerGone.run();
            return;
        }
        session.executor().schedule(() -> (session.isHungUp() ? callerGone : soundMissing).run(),
                HANGUP_NOTICE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }
}
