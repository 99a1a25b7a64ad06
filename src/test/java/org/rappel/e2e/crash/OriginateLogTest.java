package org.rappel.e2e.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The double-dial detector on hand-written AMI event sequences, in the simulator's wording. */
class OriginateLogTest {

    private final List<Map<String, String>> events = new ArrayList<>();

    /** An Originate's channels appear and get the callback id, as SimOriginate sends them. */
    private void dial(String channel, String id) {
        events.add(Map.of("Event", "Newchannel", "Channel", channel + ";1"));
        events.add(Map.of("Event", "Newchannel", "Channel", channel + ";2"));
        events.add(Map.of("Event", "VarSet", "Channel", channel + ";1", "Variable", "RAPPEL_CALLBACK_ID", "Value", id));
        events.add(Map.of("Event", "VarSet", "Channel", channel + ";2", "Variable", "RAPPEL_CALLBACK_ID", "Value", id));
    }

    private void answer(String channel) {
        events.add(Map.of("Event", "OriginateResponse", "Response", "Success", "Channel", channel + ";1",
                "Reason", "4"));
    }

    private void noAnswer(String dialled) {
        events.add(Map.of("Event", "OriginateResponse", "Response", "Failure", "Channel", dialled, "Reason", "3"));
    }

    private void hangup(String channel) {
        events.add(Map.of("Event", "Hangup", "Channel", channel + ";2"));
        events.add(Map.of("Event", "Hangup", "Channel", channel + ";1"));
    }

    @Test
    void of_retryAfterNoAnswer_isNoDoubleDial() {
        dial("Local/+33611@citizens-00000001", "a");
        noAnswer("Local/+33611@citizens");
        hangup("Local/+33611@citizens-00000001");
        dial("Local/+33611@citizens-00000002", "a");
        answer("Local/+33611@citizens-00000002");
        hangup("Local/+33611@citizens-00000002");

        OriginateLog log = OriginateLog.of(events, channel -> true, id -> false);
        assertThat(log.doubleDials()).isEmpty();
        assertThat(log.countByCallback()).containsEntry("a", 2L);
        assertThat(log.answeredCallbacks()).containsExactly("a");
        assertThat(log.originates()).extracting(OriginateLog.Originate::ended).allMatch(i -> i > 0);
    }

    @Test
    void of_secondCallWhileFirstRings_isADoubleDial() {
        dial("Local/+33611@citizens-00000001", "a");
        dial("Local/+33622@citizens-00000002", "b");
        dial("Local/+33611@citizens-00000003", "a");

        assertThat(OriginateLog.of(events, channel -> true, id -> false).doubleDials()).singleElement().asString()
                .contains("callback a dialed again").contains("still up");
    }

    @Test
    void of_callAfterAnAnsweredOne_isADoubleDial() {
        dial("Local/+33611@citizens-00000001", "a");
        answer("Local/+33611@citizens-00000001");
        hangup("Local/+33611@citizens-00000001");
        dial("Local/+33611@citizens-00000002", "a");

        assertThat(OriginateLog.of(events, channel -> true, id -> false).doubleDials()).singleElement().asString().contains("after its call");
    }

    @Test
    void of_callAfterAnAnswerThatFoundTheServerDead_isARetry() {
        dial("Local/+33611@citizens-00000001", "a");
        answer("Local/+33611@citizens-00000001");
        hangup("Local/+33611@citizens-00000001");
        dial("Local/+33611@citizens-00000002", "a");

        OriginateLog log = OriginateLog.of(events, channel -> !channel.endsWith("-00000001"), id -> false);
        assertThat(log.doubleDials()).isEmpty();
        assertThat(log.retriesAfterLostAnswers()).isEqualTo(1);
    }

    @Test
    void of_callAfterAnAnswerTheServerNeverRecorded_isCountedApart() {
        dial("Local/+33611@citizens-00000001", "a");
        answer("Local/+33611@citizens-00000001");
        hangup("Local/+33611@citizens-00000001");
        dial("Local/+33611@citizens-00000002", "a");

        OriginateLog log = OriginateLog.of(events, channel -> true, id -> id.equals("a"));
        assertThat(log.doubleDials()).isEmpty();
        assertThat(log.redialsAfterUnknownOutcome()).isEqualTo(1);
    }

    @Test
    void of_halfHungUp_isStillUp() {
        dial("Local/+33611@citizens-00000001", "a");
        events.add(Map.of("Event", "Hangup", "Channel", "Local/+33611@citizens-00000001;2"));
        dial("Local/+33611@citizens-00000002", "a");

        assertThat(OriginateLog.of(events, channel -> true, id -> false).doubleDials()).hasSize(1);
    }

    @Test
    void base_stripsLocalHalves() {
        assertThat(OriginateLog.base("Local/+33611@citizens-0000001a;2")).isEqualTo("Local/+33611@citizens-0000001a");
        assertThat(OriginateLog.base("PJSIP/trunk-0000001a")).isEqualTo("PJSIP/trunk-0000001a");
    }
}
