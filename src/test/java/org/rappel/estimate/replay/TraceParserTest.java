package org.rappel.estimate.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceParserTest {

    private static final String HEADER = "arrival,queue_exit,outcome,service_end,service,priority,agent\n";

    private static List<TraceRecord> parse(String text) throws Exception {
        return TraceParser.parse(new StringReader(text));
    }

    @Test
    void parse_readsEpochSecondsAndIsoTimes() throws Exception {
        List<TraceRecord> records = parse(HEADER
                + "1764144000.25,1764144010.5,answered,1764144100,etat-civil,2,agent-7\n"
                + "\n# a comment\n"
                + "2025-11-26T08:00:00Z,2025-11-26T08:01:00+00:00,abandoned,,impots,,\n"
                + "2025-11-26T08:00:00,2025-11-26T08:00:00,answered,2025-11-26T08:03:00,\"a, b\",,\n");
        assertThat(records).hasSize(3);
        TraceRecord first = records.get(0);
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.arrival()).isEqualTo(Instant.ofEpochSecond(1764144000L, 250_000_000));
        assertThat(first.queueExit()).isEqualTo(Instant.ofEpochSecond(1764144010L, 500_000_000));
        assertThat(first.outcome()).isEqualTo(TraceRecord.Outcome.ANSWERED);
        assertThat(first.serviceEnd()).contains(Instant.ofEpochSecond(1764144100L));
        assertThat(first.priority()).isEqualTo(2);
        assertThat(first.agent()).contains("agent-7");
        TraceRecord second = records.get(1);
        assertThat(second.line()).isEqualTo(5);
        assertThat(second.outcome()).isEqualTo(TraceRecord.Outcome.ABANDONED);
        assertThat(second.serviceEnd()).isEmpty();
        assertThat(second.priority()).isZero();
        assertThat(second.agent()).isEqualTo(Optional.empty());
        assertThat(records.get(2).service()).isEqualTo("a, b");
        assertThat(records.get(2).arrival()).isEqualTo(Instant.parse("2025-11-26T08:00:00Z"));
    }

    @Test
    void parse_acceptsColumnsInAnyOrder() throws Exception {
        List<TraceRecord> records = parse("service,agent,priority,outcome,arrival,queue_exit,service_end\n"
                + "s,,1,answered,10,20,30\n");
        assertThat(records.get(0).service()).isEqualTo("s");
        assertThat(records.get(0).serviceEnd()).contains(Instant.ofEpochSecond(30));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "10,5,answered,20,s,,a | queue_exit is before arrival",
            "10,20,answered,15,s,,a | service_end is before queue_exit",
            "10,20,answered,,s,,a | service_end is empty for an answered contact",
            "10,20,abandoned,30,s,, | service_end must be empty",
            "10,20,abandoned,,s,,a | agent must be empty",
            "10,20,hung-up,,s,, | outcome must be 'answered' or 'abandoned'",
            "10,20,answered,30,,,a | service is empty",
            "10,20,answered,30,s,high,a | priority must be an integer",
            "yesterday,20,answered,30,s,,a | arrival is neither epoch seconds nor ISO-8601",
            "10,20,answered | expected 7 fields",
            "\"10,20,answered,30,s,,a | unterminated quoted field"})
    void parse_refusesABadLineWithItsNumber(String line, String reason) {
        TraceFormatException e = catchThrowableOfType(TraceFormatException.class,
                () -> parse(HEADER + "1,2,answered,3,s,0,a\n" + line + "\n"));
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.reason()).contains(reason);
        assertThat(e.getMessage()).startsWith("line 3: ");
    }

    @Test
    void parse_refusesAHeaderWithoutAColumn() {
        TraceFormatException e = catchThrowableOfType(TraceFormatException.class,
                () -> parse("arrival,queue_exit,outcome,service_end,service,agent\n"));
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.reason()).contains("'priority'");
    }

    @Test
    void parse_refusesAnEmptyFile() {
        TraceFormatException e = catchThrowableOfType(TraceFormatException.class, () -> parse(""));
        assertThat(e.line()).isEqualTo(1);
    }
}
