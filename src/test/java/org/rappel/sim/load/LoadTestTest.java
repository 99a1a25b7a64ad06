package org.rappel.sim.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LoadTestTest {

    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new LoadTest()).execute(args);
            assertThat(code).isZero();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void call_demoServer_reportsEveryCallAndLatencies() {
        String report = run("--demo-server", "-n", "60", "-c", "20", "--keys", "1");
        assertThat(report).contains("calls 60, concurrency 20")
                .contains("completed 60 {HANGUP=60}, failed 0 {}")
                .containsPattern("server command latency us: p50 \\d+, p90 \\d+, p99 \\d+, max \\d+ \\(240 commands\\)")
                .contains("sessions/s");
    }

    @Test
    void call_openLoopRate_completes() {
        String report = run("--demo-server", "-n", "30", "-c", "10", "--rate", "200");
        assertThat(report).contains("completed 30 {HANGUP=30}");
    }
}
