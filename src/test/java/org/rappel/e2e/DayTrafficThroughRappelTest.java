package org.rappel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rappel.RappelServer;
import org.rappel.TestDataDirs;
import org.rappel.config.RappelConfig;
import org.rappel.estimate.replay.EwtReplayCommand;
import org.rappel.estimate.replay.TraceParser;
import org.rappel.estimate.replay.TraceRecord;
import org.rappel.sim.load.DayTraffic;
import picocli.CommandLine;

/**
 * A short simulated day through the whole Rappel server: the load mode's callers go through the IVR into the
 * real queue, Rappel dials the simulated agents, and the trace written from what the simulator saw is accepted
 * and scored by {@code ewt-replay}.
 */
class DayTrafficThroughRappelTest {

    @TempDir
    Path dir;

    @Test
    void day_throughRappel_traceScoredByEwtReplay() throws Exception {
        int amiPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            amiPort = probe.getLocalPort(); // the simulated AMI binds it once Rappel is up
        }
        Path config = dir.resolve("rappel.yaml");
        Files.writeString(config, """
                agents:
                  agent101: {dial-string: PJSIP/agent101, skills: {general: 1}, wrap-up: 0s}
                  agent102: {dial-string: PJSIP/agent102, skills: {general: 1}, wrap-up: 0s}
                """);
        Map<String, String> env = new HashMap<>(Map.of("RAPPEL_AGI_PORT", "0", "RAPPEL_HTTP_PORT", "0",
                "RAPPEL_STORE_DATA_DIR", TestDataDirs.fresh(),
                "RAPPEL_AGI_BIND", "127.0.0.1", "RAPPEL_HTTP_BIND", "127.0.0.1"));
        env.put("RAPPEL_AMI_PORT", Integer.toString(amiPort));
        env.put("RAPPEL_AMI_SECRET", "sim-secret");
        Path trace = dir.resolve("day.csv");
        String report;
        int code;
        try (RappelServer rappel = new RappelServer(RappelConfig.load(Optional.of(config), env)).start()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream original = System.out;
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                code = new CommandLine(new DayTraffic()).execute("--port",
                        Integer.toString(rappel.agiAddress().getPort()), "--ami-port", Integer.toString(amiPort),
                        "--agents", "2", "--profile", "08:00-08:30=120", "--service", "general:1,3:1",
                        "--talk-mean-s", "30", "--patience-mean-s", "120", "--time-scale", "0.005",
                        "--seed", "5", "--trace", trace.toString());
            } finally {
                System.setOut(original);
            }
            report = out.toString(StandardCharsets.UTF_8);
        }
        assertThat(code).as(report).isZero();
        List<TraceRecord> records = TraceParser.parse(new StringReader(Files.readString(trace)));
        assertThat(report).contains("ended without a dial 0", "failed 0");
        long answered = records.stream().filter(r -> r.outcome() == TraceRecord.Outcome.ANSWERED).count();
        assertThat(answered).isPositive();
        assertThat(records).filteredOn(r -> r.outcome() == TraceRecord.Outcome.ANSWERED)
                .allSatisfy(r -> assertThat(r.agent().orElseThrow()).matches("PJSIP/agent10[12]"));
        // a contact answered by an agent: the agent was free; no agent serves two contacts at once
        for (String agent : List.of("PJSIP/agent101", "PJSIP/agent102")) {
            List<TraceRecord> served = records.stream().filter(r -> r.agent().equals(Optional.of(agent)))
                    .sorted(java.util.Comparator.comparing(TraceRecord::queueExit)).toList();
            for (int i = 1; i < served.size(); i++) {
                assertThat(served.get(i).queueExit()).isAfterOrEqualTo(served.get(i - 1).serviceEnd().orElseThrow()
                        .minusSeconds(10)); // timer jitter between event loops, scaled up 200 times
            }
        }
        StringWriter scored = new StringWriter();
        CommandLine replay = new CommandLine(new EwtReplayCommand());
        replay.setOut(new PrintWriter(scored));
        assertThat(replay.execute("--trace", trace.toString())).as(scored.toString()).isZero();
        assertThat(scored.toString()).isNotBlank();
    }
}
