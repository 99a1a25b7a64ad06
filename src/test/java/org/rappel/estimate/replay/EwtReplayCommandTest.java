package org.rappel.estimate.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rappel.estimate.AppQueueEstimator;
import org.rappel.estimate.LastToEnterServiceEstimator;
import org.rappel.estimate.QueueLengthEstimator;
import org.rappel.estimate.SyntheticTraces;
import org.rappel.estimate.WaitTimeEstimators;
import picocli.CommandLine;

/** The command end to end on a synthetic day written to a file, as an operator would run it. */
class EwtReplayCommandTest {

    private static final long SEED = 2;

    @TempDir
    static Path dir;
    private static Path day;

    private record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void writeDay() throws Exception {
        day = dir.resolve("day.csv");
        SyntheticTraces.write(SyntheticTraces.day(SEED), day);
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new EwtReplayCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exitCode = command.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void call_printsATableRowPerServiceAndEstimator() {
        Run run = run("--trace", day.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).containsSubsequence("service", "estimator", "scored", "rase", "mae_s", "bias_s");
        for (String service : List.of("etat-civil", "impots")) {
            for (String estimator : WaitTimeEstimators.names()) {
                assertThat(lines).anyMatch(l -> l.matches(
                        service + "\\s+" + estimator + "\\s+\\d+\\s+\\d+\\.\\d{3}\\s+\\d+\\.\\d\\s+-?\\d+\\.\\d"));
            }
        }
    }

    @Test
    void call_jsonHasTheSameFiguresAndImprovedEstimatorsBeatAppQueue() throws Exception {
        Run run = run("--trace", day.toString(), "--json");
        assertThat(run.exitCode()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("trace").asText()).isEqualTo(day.toString());
        assertThat(root.get("staffing_window_seconds").asDouble()).isEqualTo(1800);
        JsonNode services = root.get("services");
        assertThat(services).hasSize(2);
        long answeredInTrace = SyntheticTraces.day(SEED).stream()
                .filter(r -> r.outcome() == TraceRecord.Outcome.ANSWERED).count();
        long answeredInReport = 0;
        for (JsonNode service : services) {
            Map<String, JsonNode> byName = new HashMap<>();
            service.get("estimators").forEach(e -> byName.put(e.get("estimator").asText(), e));
            assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(WaitTimeEstimators.names());
            long answered = service.get("answered").asLong();
            answeredInReport += answered;
            byName.values().forEach(e -> {
                assertThat(e.get("scored").asLong()).isEqualTo(answered);
                assertThat(e.get("rase").isNumber()).isTrue();
                assertThat(e.get("mae_seconds").isNumber()).isTrue();
                assertThat(e.get("bias_seconds").isNumber()).isTrue();
            });
            double appQueue = byName.get(AppQueueEstimator.NAME).get("rase").asDouble();
            assertThat(byName.get(QueueLengthEstimator.NAME).get("rase").asDouble())
                    .as("ql against app_queue on %s", service.get("service").asText()).isLessThan(appQueue);
            assertThat(byName.get(LastToEnterServiceEstimator.NAME_SCALED).get("rase").asDouble())
                    .as("les_scaled against app_queue on %s", service.get("service").asText())
                    .isLessThan(appQueue);
        }
        assertThat(answeredInReport).isEqualTo(answeredInTrace);
    }

    @Test
    void call_refusesAMalformedTraceWithItsLineNumber() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "arrival,queue_exit,outcome,service_end,service,priority,agent\n"
                + "10,20,answered,30,s,0,a\n"
                + "10,20,answered,,s,0,a\n", StandardCharsets.UTF_8);
        Run run = run("--trace", bad.toString());
        assertThat(run.exitCode()).isEqualTo(EwtReplayCommand.EXIT_BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("line 3").contains("service_end is empty");
    }

    @Test
    void call_refusesAMissingFile() {
        Run run = run("--trace", dir.resolve("absent.csv").toString());
        assertThat(run.exitCode()).isEqualTo(EwtReplayCommand.EXIT_BAD_INPUT);
        assertThat(run.err()).contains("cannot read");
    }
}
