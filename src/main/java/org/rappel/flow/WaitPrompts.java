package org.rappel.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rappel.agi.AgiCommand;
import org.rappel.estimate.Announcement;

/**
 * Says a caller's place in line and expected wait with recorded sounds and Asterisk's {@code SAY NUMBER}, in the
 * channel's language (Asterisk picks {@code fr/} or {@code en/} recordings and number grammar from it):
 * <pre>
 *   rappel/you-are-number &lt;position&gt;
 *   then one of:
 *   rappel/estimated-wait rappel/less-than-a-minute
 *   rappel/estimated-wait rappel/about &lt;n&gt; rappel/minute       (n = 1)
 *   rappel/estimated-wait rappel/about &lt;n&gt; rappel/minutes      (n &gt; 1)
 *   rappel/estimated-wait rappel/between &lt;a&gt; rappel/and &lt;b&gt; rappel/hours
 *   rappel/wait-unknown                                        (estimate not reliable: no figure is promised)
 * </pre>
 * Stateless.
 */
final class WaitPrompts {

    static final String YOU_ARE_NUMBER = "rappel/you-are-number";
    static final String ESTIMATED_WAIT = "rappel/estimated-wait";
    static final String LESS_THAN_A_MINUTE = "rappel/less-than-a-minute";
    static final String ABOUT = "rappel/about";
    static final String MINUTE = "rappel/minute";
    static final String MINUTES = "rappel/minutes";
    static final String BETWEEN = "rappel/between";
    static final String AND = "rappel/and";
    static final String HOURS = "rappel/hours";
    static final String WAIT_UNKNOWN = "rappel/wait-unknown";

    /** Every sound this class may play, for deployment checks and the README. */
    static final List<String> SOUNDS = List.of(YOU_ARE_NUMBER, ESTIMATED_WAIT, LESS_THAN_A_MINUTE, ABOUT, MINUTE,
            MINUTES, BETWEEN, AND, HOURS, WAIT_UNKNOWN);

    private WaitPrompts() {
    }

    static List<AgiCommand> of(QueueDesk.WaitInfo info) {
        return of(info, "");
    }

    /** As {@link #of(QueueDesk.WaitInfo)}, each sound and number interruptible by a key of {@code escapeDigits}. */
    static List<AgiCommand> of(QueueDesk.WaitInfo info, String escapeDigits) {
        List<AgiCommand> commands = new ArrayList<>();
        commands.add(play(YOU_ARE_NUMBER, escapeDigits));
        commands.add(AgiCommand.sayNumber(info.position(), escapeDigits));
        Announcement announcement = info.announcement();
        if (!(announcement instanceof Announcement.NoPromise)) {
            commands.add(play(ESTIMATED_WAIT, escapeDigits));
        }
        commands.addAll(figure(announcement, escapeDigits));
        return commands;
    }

    /** The wait alone ("about 4 minutes"), or {@code rappel/wait-unknown} when nothing is promised. */
    static List<AgiCommand> figure(Announcement announcement, String escapeDigits) {
        List<AgiCommand> commands = new ArrayList<>();
        if (announcement instanceof Announcement.LessThanAMinute) {
            commands.add(play(LESS_THAN_A_MINUTE, escapeDigits));
        } else if (announcement instanceof Announcement.AboutMinutes about) {
            commands.add(play(ABOUT, escapeDigits));
            commands.add(AgiCommand.sayNumber(about.minutes(), escapeDigits));
            commands.add(play(about.minutes() == 1 ? MINUTE : MINUTES, escapeDigits));
        } else if (announcement instanceof Announcement.RangeHours range) {
            commands.add(play(BETWEEN, escapeDigits));
            commands.add(AgiCommand.sayNumber(range.fromHours(), escapeDigits));
            commands.add(play(AND, escapeDigits));
            commands.add(AgiCommand.sayNumber(range.toHours(), escapeDigits));
            commands.add(play(HOURS, escapeDigits));
        } else {
            commands.add(play(WAIT_UNKNOWN, escapeDigits));
        }
        return commands;
    }

    /**
     * The wait an announcement stands for, for the callback office's threshold: its lower bound (30 s for "less
     * than a minute", the first hour of a range); empty when nothing is promised.
     */
    static Optional<Duration> approximateWait(Announcement announcement) {
        if (announcement instanceof Announcement.LessThanAMinute) {
            return Optional.of(Duration.ofSeconds(30));
        } else if (announcement instanceof Announcement.AboutMinutes about) {
            return Optional.of(Duration.ofMinutes(about.minutes()));
        } else if (announcement instanceof Announcement.RangeHours range) {
            return Optional.of(Duration.ofHours(range.fromHours()));
        }
        return Optional.empty();
    }

    private static AgiCommand play(String sound, String escapeDigits) {
        return AgiCommand.streamFile(sound, escapeDigits);
    }
}
