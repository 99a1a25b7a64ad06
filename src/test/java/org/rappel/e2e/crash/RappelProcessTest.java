package org.rappel.e2e.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.rappel.sim.agi.AgiSimulator;
import org.rappel.sim.agi.CallTranscript;
import org.rappel.sim.agi.CallerInput;
import org.rappel.sim.agi.CallerScript;
import org.rappel.sim.agi.HangupPlan;
import org.rappel.sim.agi.LiveCall;
import org.rappel.sim.agi.SimulatorSettings;

/**
 * The launcher the crash tests stand on: Rappel as a separate JVM, healthy on its own ports, killed with SIGKILL
 * while a call is up, gone, restarted on the same ports and directory, serving again, and never left running.
 */
class RappelProcessTest {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private RappelNode node;

    @AfterEach
    void noChildLeft() {
        if (node != null) {
            node.close();
        }
        assertThat(ChildProcesses.alive()).as("Rappel JVMs still running").isEmpty();
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList())
                .as("child processes still running").isEmpty();
    }

    @Test
    void kill_serverDiesAtOnce_restartServesCallsOnTheSamePorts() throws Exception {
        node = new RappelNode(dir.resolve("node"), "", Map.of());
        RappelProcess first = node.start();
        long firstPid = first.pid();
        assertThat(node.healthStatus()).contains(200);

        try (AgiSimulator simulator = new AgiSimulator(SimulatorSettings.defaults().withTimeScale(0.02))) {
            // A caller holding in a queue (no agent is configured) keeps a FastAGI connection open through the kill.
            LiveCall holding = simulator.place(node.agiAddress(), CallerScript.builder().script("hotline")
                    .language("fr").callerId("+33612345678").inputs(CallerInput.keys("1"), CallerInput.keys("1"))
                    .build());
            await().atMost(20, TimeUnit.SECONDS).until(() -> node.healthFigure("waitingContacts") == 1);

            assertThat(node.kill()).as("exit status of a SIGKILLed JVM").isEqualTo(RappelProcess.KILLED);
            assertThat(first.isAlive()).isFalse();
            assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(node.healthStatus()).as("nothing answers on the HTTP port").isEmpty();
            CallTranscript cut = holding.finished().get(10, TimeUnit.SECONDS);
            assertThat(cut.outcome()).isPresent();
            assertThat(first.logText()).as("SIGKILL runs no shutdown hook").doesNotContain("Rappel stopping");

            RappelProcess second = node.start();
            assertThat(second.pid()).isNotEqualTo(firstPid);
            assertThat(node.healthStatus()).contains(200);
            assertThat(node.recoveries()).hasSize(1);
            assertThat(node.recoveries().get(0).run()).isEqualTo(2);

            CallTranscript after = simulator.call(node.agiAddress(), CallerScript.builder().script("hotline")
                    .language("fr").callerId("+33612345679").hangUp(new HangupPlan.DuringPrompt(1,
                            Duration.ofMillis(500))).build()).get(20, TimeUnit.SECONDS);
            assertThat(after.soundNames()).startsWith("rappel/welcome");
        }
    }

    @Test
    void stop_sigterm_serverDrainsAndExits() {
        node = new RappelNode(dir.resolve("node"), "", Map.of());
        node.start();
        int status = node.stop();
        assertThat(node.current().logText()).as("exit status " + status).contains("Rappel stopped");
        assertThat(status).isNotEqualTo(RappelProcess.KILLED);
    }

    @Test
    void parentGone_childHaltsItself() throws Exception {
        node = new RappelNode(dir.resolve("node"), "", Map.of());
        RappelProcess run = node.start();
        // What the kernel does to the pipe when the test JVM dies, even by SIGKILL: its end closes.
        assertThat(run.orphan()).isEqualTo(ParentWatch.ORPHANED);
        assertThat(run.isAlive()).isFalse();
    }

    @Test
    void start_badConfig_failsWithTheServersOwnWords() {
        node = new RappelNode(dir.resolve("node"), "no-such-section: 1\n", Map.of());
        assertThatThrownBy(node::start).isInstanceOf(AssertionError.class)
                .hasMessageContaining("exited")
                .hasMessageContaining("no-such-section");
        assertThat(node.runs()).hasSize(1);
        assertThat(node.runs().get(0).isAlive()).isFalse();
    }

    @Test
    void freePorts_distinct() {
        List<Integer> ports = FreePorts.pick(4);
        assertThat(ports).doesNotHaveDuplicates().allMatch(p -> p > 0);
    }

}
