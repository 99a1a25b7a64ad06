package org.rappel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rappel.config.RappelConfig;
import org.rappel.flow.FlowDefinitionException;
import org.rappel.queue.AgentState;

/** The server assembled with its contact center: defaults, configured agents, flows checked against services. */
class RappelServerContactCenterTest {

    private static final Map<String, String> FREE_PORTS = Map.of("RAPPEL_AGI_PORT", "0", "RAPPEL_HTTP_PORT", "0",
            "RAPPEL_STORE_DATA_DIR", TestDataDirs.fresh(),
            "RAPPEL_AGI_BIND", "127.0.0.1", "RAPPEL_HTTP_BIND", "127.0.0.1");

    @TempDir
    Path dir;

    private static String health(RappelServer server) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.httpAddress().getPort() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    @Test
    void start_noConfig_healthShowsAnEmptyContactCenterAndAmiOff() throws Exception {
        try (RappelServer server = new RappelServer(RappelConfig.load(Optional.empty(), FREE_PORTS)).start()) {
            String body = health(server);

            assertThat(body).contains("\"waitingContacts\":0", "\"agentsAvailable\":0", "\"ami\":\"off\"");
        }
    }

    @Test
    void start_amiConfiguredButUnreachable_servesAndClosesCleanly() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        Map<String, String> env = new java.util.HashMap<>(FREE_PORTS);
        env.put("RAPPEL_AMI_SECRET", "not-logged");
        env.put("RAPPEL_AMI_PORT", Integer.toString(closedPort));
        RappelServer server = new RappelServer(RappelConfig.load(Optional.empty(), env)).start();
        try {
            assertThat(health(server)).contains("\"ami\":\"down\"", "\"waitingContacts\":0");
        } finally {
            server.close();
        }
        assertThat(server.activeCalls()).isZero();
    }

    @Test
    void start_agentLoggedInAtStart_isAvailable() throws Exception {
        Path file = dir.resolve("rappel.yaml");
        Files.writeString(file, """
                agents:
                  agent101: {dial-string: PJSIP/agent101, skills: {prestations: 1}}
                  agent102: {dial-string: PJSIP/agent102, skills: {logement: 1}, logged-in: false}
                """);
        try (RappelServer server = new RappelServer(RappelConfig.load(Optional.of(file), FREE_PORTS)).start()) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(server.contactCenter().agent("agent101").join().state())
                            .isEqualTo(AgentState.AVAILABLE));

            assertThat(server.contactCenter().agent("agent102").join().state()).isEqualTo(AgentState.LOGGED_OUT);
            assertThat(health(server)).contains("\"agentsAvailable\":1");
        }
    }

    @Test
    void construct_flowEnqueuesToUnconfiguredService_refusedWithFileAndLine() throws Exception {
        Path flow = dir.resolve("extra.yaml");
        Files.writeString(flow, """
                hotlines:
                  other:
                    start: queue
                    nodes:
                      queue: {type: enqueue, service: cuisine}
                """);
        Path file = dir.resolve("rappel.yaml");
        Files.writeString(file, "flows:\n  files: [extra.yaml]\n");
        RappelConfig config = RappelConfig.load(Optional.of(file), FREE_PORTS);

        assertThatThrownBy(() -> new RappelServer(config))
                .isInstanceOf(FlowDefinitionException.class)
                .hasMessageContaining("extra.yaml:5:")
                .hasMessageContaining("service 'cuisine' is not configured");
    }
}
