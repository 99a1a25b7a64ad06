package org.rappel.sim.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rappel.estimate.replay.TraceParser;
import org.rappel.estimate.replay.TraceRecord;
import picocli.CommandLine;

class DayTrafficTest {

    @TempDir
    Path dir;

    @Test
    void arrivals_sameSeedSameDayAndRatesFollowed() {
        DayProfile day = DayProfile.parse("08:00-09:00=600,09:00-10:00=0,10:00-11:00=1200");
        List<Duration> a = day.arrivals(new SplittableRandom(7));
        assertThat(day.arrivals(new SplittableRandom(7))).isEqualTo(a);
        long first = a.stream().filter(d -> d.compareTo(Duration.ofHours(1)) < 0).count();
        long second = a.stream().filter(d -> d.compareTo(Duration.ofHours(1)) >= 0
                && d.compareTo(Duration.ofHours(2)) < 0).count();
        long third = a.size() - first - second;
        assertThat(first).isBetween(500L, 700L); // Poisson(600): ±4 sd
        assertThat(second).isZero();
        assertThat(third).isBetween(1060L, 1340L);
        assertThat(a).isSorted();
        assertThat(day.expectedCalls()).isEqualTo(1800.0);
    }

    @Test
    void parse_badProfile_clearError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DayProfile.parse("08:00=3"))
                .hasMessageContaining("HH:MM-HH:MM");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DayProfile.parse("10:00-09:00=3"))
                .hasMessageContaining("ends before");
    }

    @Test
    void call_callbacksAgainstTheDemoServer_refusedAsAParameterError() {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cli = new CommandLine(new DayTraffic());
        cli.setErr(new java.io.PrintWriter(err));
        int code = cli.execute("--demo-server", "--callback-share", "0.3", "--callback-order", "AGI_FIRST");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--callback-share needs Rappel");
    }

    @Test
    void call_demoQueue_traceReadableByEwtReplay() throws Exception {
        Path trace = dir.resolve("day.csv");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = new CommandLine(new DayTraffic()).execute("--demo-server", "--profile", "08:00-08:20=360",
                    "--agents", "2", "--talk-mean-s", "40", "--patience-mean-s", "30", "--ring-s", "1-2",
                    "--time-scale", "0.002", "--seed", "3", "--trace", trace.toString(), "--service", "general:-:1");
        } finally {
            System.setOut(original);
        }
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(report).isZero();
        List<TraceRecord> records = TraceParser.parse(new StringReader(Files.readString(trace)));
        long answered = records.stream().filter(r -> r.outcome() == TraceRecord.Outcome.ANSWERED).count();
        long abandoned = records.size() - answered;
        // 2 agents for 6 calls a minute of 40 s each: overloaded, so both outcomes occur
        assertThat(answered).isPositive();
        assertThat(abandoned).isPositive();
        assertThat(report).contains("answered " + answered + " ", "abandoned " + abandoned + ",");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.queueExit()).isAfterOrEqualTo(r.arrival());
            assertThat(r.service()).isEqualTo("general");
        });
        assertThat(records).filteredOn(r -> r.outcome() == TraceRecord.Outcome.ANSWERED)
                .allSatisfy(r -> assertThat(r.agent().orElseThrow()).matches("PJSIP/agent10[12]"));
        assertThat(records.get(0).arrival().toString()).startsWith("2026-11-26T08:");
    }
}
