package org.rappel.sim.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.rappel.sim.ami.OriginateLog;
import org.rappel.sim.ami.OriginateRecord;
import org.rappel.sim.ami.OriginateRecord.Outcome;

class CallbackCheckTest {

    private static final Instant T = Instant.parse("2026-11-26T09:00:00Z");

    private static OriginateRecord originate(long order, String number, String id, Outcome outcome, long endedBefore) {
        return new OriginateRecord(order, T.plusSeconds(order), Optional.of("a" + order), "PJSIP/+33" + number.substring(1)
                + "@trunk", Map.of("Context", "rappel-callback"), Map.of("RAPPEL_CALLBACK_ID", id), "PJSIP/trunk-0",
                outcome, Optional.empty(), Optional.of(T), OptionalLong.of(endedBefore));
    }

    @Test
    void key_matchesCallerIdAndDialString() {
        assertThat(CallbackCheck.key("0600000012")).isEqualTo(CallbackCheck.key("PJSIP/+33600000012@trunk"))
                .isEqualTo("600000012");
    }

    @Test
    void text_countsDialledTwiceAndOutOfOrderPerService() {
        List<CallbackCheck.Request> asked = List.of(new CallbackCheck.Request("0600000001", "general"),
                new CallbackCheck.Request("0600000002", "general"), new CallbackCheck.Request("0600000003", "urgent"),
                new CallbackCheck.Request("0600000004", "general"));
        OriginateLog log = new OriginateLog(List.of(
                originate(0, "0600000003", "c", Outcome.ANSWERED, 1),
                originate(1, "0600000002", "b", Outcome.BUSY, 2),
                originate(2, "0600000001", "a", Outcome.NO_ANSWER, 4),
                originate(3, "0600000001", "a", Outcome.ANSWERED, 5),
                originate(4, "0600000004", "d", Outcome.ANSWERED, 5)));

        CallbackCheck check = new CallbackCheck(asked, log);

        assertThat(check.dialled()).isEqualTo(4);
        assertThat(check.outOfOrder()).as("caller 1 first dialled after caller 2 of the same service").isEqualTo(1);
        assertThat(check.doubleDials()).as("#3 while #2 still up").isEqualTo(1);
        assertThat(check.text()).startsWith("callbacks: 4 asked, 4 dialled, 5 Originates");
    }
}
