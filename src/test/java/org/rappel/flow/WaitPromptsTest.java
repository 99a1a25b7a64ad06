package org.rappel.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rappel.agi.AgiCommand;
import org.rappel.estimate.Announcement;
import org.rappel.estimate.Reliability;

class WaitPromptsTest {

    private static List<String> lines(int position, Announcement announcement) {
        return WaitPrompts.of(new QueueDesk.WaitInfo(position, announcement)).stream().map(AgiCommand::toLine)
                .toList();
    }

    @Test
    void of_oneMinute_saysMinuteInTheSingular() {
        assertThat(lines(3, new Announcement.AboutMinutes(1))).containsExactly(
                "STREAM FILE rappel/you-are-number \"\"", "SAY NUMBER 3 \"\"",
                "STREAM FILE rappel/estimated-wait \"\"", "STREAM FILE rappel/about \"\"", "SAY NUMBER 1 \"\"",
                "STREAM FILE rappel/minute \"\"");
    }

    @Test
    void of_lessThanAMinute_saysSoWithoutNumber() {
        assertThat(lines(1, new Announcement.LessThanAMinute())).containsExactly(
                "STREAM FILE rappel/you-are-number \"\"", "SAY NUMBER 1 \"\"",
                "STREAM FILE rappel/estimated-wait \"\"", "STREAM FILE rappel/less-than-a-minute \"\"");
    }

    @Test
    void of_noPromise_saysPositionButNoFigure() {
        assertThat(lines(12, new Announcement.NoPromise(Reliability.NO_AGENTS))).containsExactly(
                "STREAM FILE rappel/you-are-number \"\"", "SAY NUMBER 12 \"\"", "STREAM FILE rappel/wait-unknown \"\"");
    }

    @Test
    void sounds_listsEverySoundPlayed() {
        Set<String> played = new HashSet<>();
        for (Announcement a : List.of(new Announcement.LessThanAMinute(), new Announcement.AboutMinutes(1),
                new Announcement.AboutMinutes(5), new Announcement.RangeHours(1, 2),
                new Announcement.NoPromise(Reliability.TOO_FEW_OBSERVATIONS))) {
            WaitPrompts.of(new QueueDesk.WaitInfo(2, a)).stream().filter(c -> c.verb().equals("STREAM FILE"))
                    .forEach(c -> played.add(c.arguments().get(0)));
        }
        assertThat(played).containsExactlyInAnyOrderElementsOf(WaitPrompts.SOUNDS);
    }
}
