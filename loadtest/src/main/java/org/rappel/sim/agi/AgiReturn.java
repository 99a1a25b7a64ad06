package org.rappel.sim.agi;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What AGI() will return, built up while the call runs: run_agi's {@code returnstatus} (SUCCESS, turned to
 * HANGUP when the loop sees the hang-up, to FAILURE — sticky — when a command fails for another reason) and
 * the times of the hang-up, of the notice and of the close. Owned by the call's thread.
 */
final class AgiReturn {

    private AgiStatus status = AgiStatus.SUCCESS;
    private HangupSource hangupSource = HangupSource.NONE;
    private long hangupAt = -1;
    private long noticeAt = -1;
    private long closedAt = -1;
    private boolean closedBySimulator;

    void hungUp(HangupSource source, long at) {
        hangupSource = source;
        hangupAt = at;
    }

    /** run_agi's needhup: only a SUCCESS becomes HANGUP. */
    void hangupSeen() {
        if (status == AgiStatus.SUCCESS) {
            status = AgiStatus.HANGUP;
        }
    }

    void noticeWritten(long at) {
        noticeAt = at;
    }

    /** A command returned RESULT_FAILURE; it counts unless it came from the hang-up of a live channel. */
    void commandFailed(boolean dead, boolean hungUp) {
        if (dead || !hungUp) {
            status = AgiStatus.FAILURE;
        }
    }

    void connectFailed() {
        status = AgiStatus.FAILURE;
    }

    void closed(long at, boolean bySimulator) {
        closedAt = at;
        closedBySimulator = bySimulator;
    }

    /**
     * @param redirectedTo where an AMI Redirect sent the channel: the dialplan goes on there although
     *                     AGISTATUS is HANGUP (as captured in q1a_redirect_*)
     */
    CallOutcome outcome(boolean hungUp, DialplanLocation nextPriority, Optional<DialplanLocation> redirectedTo,
                        boolean connectFailed) {
        if (hungUp) {
            hangupSeen();
        }
        Optional<DialplanLocation> next = redirectedTo.isPresent() ? redirectedTo
                : hungUp || status == AgiStatus.HANGUP ? Optional.empty() : Optional.of(nextPriority);
        return new CallOutcome(status, next, hangupSource, optional(hangupAt), optional(noticeAt),
                optional(closedAt), closedBySimulator, connectFailed);
    }

    private static OptionalLong optional(long value) {
        return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** Asterisk's ast_true. */
    static boolean isTrue(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "yes", "true", "y", "t", "1", "on" -> true;
            default -> false;
        };
    }

    /** Asterisk's ast_false. */
    static boolean isFalse(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "no", "false", "n", "f", "0", "off" -> true;
            default -> false;
        };
    }
}
