package org.rappel.sim.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rappel.sim.agi.AgiSimulator;
import org.rappel.sim.agi.AgiStatus;
import org.rappel.sim.agi.CallTranscript;
import org.rappel.sim.agi.CallerInput;
import org.rappel.sim.agi.CallerScript;
import org.rappel.sim.agi.SimulatorSettings;

/** The simulator carrying many calls at once on one event-loop group, against the demo IVR. */
class DemoIvrServerTest {

    @Test
    void call_fiveHundredConcurrentCallsAllComplete() throws Exception {
        int calls = 500;
        try (DemoIvrServer server = new DemoIvrServer();
             AgiSimulator simulator = new AgiSimulator(SimulatorSettings.defaults().withTimeScale(0.01)
                     .withHangupNoticeDelay(Duration.ofMillis(5)))) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            List<CompletableFuture<CallTranscript>> all = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                CallerScript script = CallerScript.builder().callerId("06" + (10_000_000 + i))
                        .inputs(CallerInput.keys(Integer.toString(i % 10))).build();
                all.add(simulator.call(address, script));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            for (int i = 0; i < calls; i++) {
                CallTranscript transcript = all.get(i).join();
                assertThat(transcript.firstExchange("GET DATA").orElseThrow().replyText())
                        .isEqualTo("200 result=" + (i % 10));
                assertThat(transcript.outcome().orElseThrow().status()).isEqualTo(AgiStatus.HANGUP);
            }
        }
    }
}
