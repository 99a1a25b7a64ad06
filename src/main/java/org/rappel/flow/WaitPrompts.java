package org.rappel.flow;

import java.util.ArrayList;
import java.util.List;
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
        List<AgiCommand> commands = new ArrayList<>();
        commands.add(play(YOU_ARE_NUMBER));
        commands.add(AgiCommand.sayNumber(info.position(), ""));
        Announcement announcement = info.announcement();
        if (announcement instanceof Announcement.LessThanAMinute) {
            commands.add(play(ESTIMATED_WAIT));
            commands.add(play(LESS_THAN_A_MINUTE));
        } else if (announcement instanceof Announcement.AboutMinutes about) {
            commands.add(play(ESTIMATED_WAIT));
            commands.add(play(ABOUT));
            commands.add(AgiCommand.sayNumber(about.minutes(), ""));
            commands.add(play(about.minutes() == 1 ? MINUTE : MINUTES));
        } else if (announcement instanceof Announcement.RangeHours range) {
            commands.add(play(ESTIMATED_WAIT));
            commands.add(play(BETWEEN));
            commands.add(AgiCommand.sayNumber(range.fromHours(), ""));
            commands.add(play(AND));
            commands.add(AgiCommand.sayNumber(range.toHours(), ""));
            commands.add(play(HOURS));
        } else {
            commands.add(play(WAIT_UNKNOWN));
        }
        return commands;
    }

    private static AgiCommand play(String sound) {
        return AgiCommand.streamFile(sound, "");
    }
}
