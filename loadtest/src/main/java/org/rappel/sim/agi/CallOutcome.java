package org.rappel.sim.agi;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a simulated call ended. Times are nanoseconds since the call started (connection attempt).
 *
 * @param status            AGISTATUS when AGI() returned
 * @param continuesAt       where the dialplan goes on (after SET CONTEXT/EXTENSION/PRIORITY), empty when the
 *                          channel hung up
 * @param hangupSource      who hung the channel up
 * @param hangupAt          when the channel hung up
 * @param hangupNoticeAt    when the unsolicited {@code HANGUP} line was written
 * @param serverClosedAt    when the FastAGI server closed the connection (never Asterisk's doing, except with
 *                          {@code AGIEXITONHANGUP=yes} or a refused connection)
 * @param closedBySimulator whether Asterisk closed it ({@code AGIEXITONHANGUP=yes})
 * @param connectFailed     the connection was refused
 */
public record CallOutcome(AgiStatus status, Optional<DialplanLocation> continuesAt, HangupSource hangupSource,
                          OptionalLong hangupAt, OptionalLong hangupNoticeAt, OptionalLong serverClosedAt,
                          boolean closedBySimulator, boolean connectFailed) {

    /** Time from the hang-up notice to the server closing the socket: the zombie channel's life. */
    public Optional<Duration> closeAfterHangupNotice() {
        if (hangupNoticeAt.isEmpty() || serverClosedAt.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(serverClosedAt.getAsLong() - hangupNoticeAt.getAsLong()));
    }

    /** Time from the hang-up itself to the server closing the socket. */
    public Optional<Duration> closeAfterHangup() {
        if (hangupAt.isEmpty() || serverClosedAt.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(serverClosedAt.getAsLong() - hangupAt.getAsLong()));
    }
}
