package org.rappel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueSectionsTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("rappel.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private void assertRefused(String yaml, String message) throws IOException {
        Path file = write(yaml);
        assertThatThrownBy(() -> RappelConfig.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + message);
    }

    @Test
    void load_noFile_hasDefaultServicesNoAgentsNoAmi() throws ConfigException {
        RappelConfig config = RappelConfig.load(Optional.empty(), Map.of());

        assertThat(config.services()).extracting(ServiceSettings::name)
                .containsExactly("prestations", "logement", "general");
        assertThat(config.services().get(0)).isEqualTo(new ServiceSettings("prestations", 1.0, 0,
                Duration.ofSeconds(60), Duration.ofSeconds(20), "ql"));
        assertThat(config.agents()).isEmpty();
        assertThat(config.ami()).isEmpty();
    }

    @Test
    void load_servicesAgentsAmi_readWithDefaultsFilledIn() throws Exception {
        Path file = write("""
                services:
                  logement: {weight: 2.5, priority: 1, announce-every: 90s, ring-timeout: 15s, estimator: app_queue}
                  urgences: {priority: 5}
                agents:
                  agent101:
                    dial-string: PJSIP/agent101
                    skills: {prestations: 2, logement: 1}
                    wrap-up: 30s
                    missed-call-pause: 0s
                  agent102:
                    dial-string: PJSIP/agent102
                    skills: {urgences: 1}
                    logged-in: false
                ami:
                  host: 10.0.0.5
                  port: 5039
                  secret: s3cret
                """);

        RappelConfig config = RappelConfig.load(Optional.of(file), Map.of());

        assertThat(config.services()).extracting(ServiceSettings::name)
                .containsExactly("prestations", "logement", "general", "urgences");
        assertThat(config.services().get(1)).isEqualTo(new ServiceSettings("logement", 2.5, 1,
                Duration.ofSeconds(90), Duration.ofSeconds(15), "app_queue"));
        assertThat(config.services().get(3).priority()).isEqualTo(5);
        assertThat(config.agents()).containsExactly(
                new AgentSettings("agent101", "PJSIP/agent101", Map.of("prestations", 2, "logement", 1),
                        Duration.ofSeconds(30), Duration.ZERO, true),
                new AgentSettings("agent102", "PJSIP/agent102", Map.of("urgences", 1), Duration.ofSeconds(10),
                        Duration.ofMinutes(1), false));
        assertThat(config.ami()).hasValueSatisfying(ami -> {
            assertThat(ami.address()).isEqualTo("10.0.0.5:5039");
            assertThat(ami.username()).isEqualTo("rappel");
            assertThat(ami.secret()).isEqualTo("s3cret");
            assertThat(ami.toString()).doesNotContain("s3cret");
        });
    }

    @Test
    void load_amiSecretFromEnvironment_connects() throws ConfigException {
        RappelConfig config = RappelConfig.load(Optional.empty(), Map.of("RAPPEL_AMI_SECRET", "fromenv"));

        assertThat(config.ami()).hasValueSatisfying(ami -> {
            assertThat(ami.address()).isEqualTo("127.0.0.1:5038");
            assertThat(ami.secret()).isEqualTo("fromenv");
        });
    }

    @Test
    void load_environment_overridesDefaultService() throws ConfigException {
        RappelConfig config = RappelConfig.load(Optional.empty(),
                Map.of("RAPPEL_SERVICES_GENERAL_ANNOUNCE_EVERY", "2m"));

        assertThat(config.services().get(2).announceEvery()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void load_unknownEstimator_namesLineAndKnownOnes() throws Exception {
        assertRefused("services:\n  logement:\n    estimator: magic\n",
                ":3: services.logement.estimator: unknown estimator 'magic', known: "
                        + org.rappel.estimate.WaitTimeEstimators.names());
    }

    @Test
    void load_badServiceValues_refusedWithLine() throws Exception {
        assertRefused("services:\n  logement:\n    weight: 0\n",
                ":3: services.logement.weight: must be a positive number, was 0");
        assertRefused("services:\n  logement:\n    announce-every: 5s\n",
                ":3: services.logement.announce-every: must be at least 10s, was 5000ms");
        assertRefused("services:\n  logement:\n    ring-timeout: 1s\n",
                ":3: services.logement.ring-timeout: must be between 5s and 5m, was 1000ms");
        assertRefused("services:\n  logement:\n    color: blue\n", ":3: services.logement.color: unknown key");
    }

    @Test
    void load_agentWithoutDialString_refused() throws Exception {
        assertRefused("agents:\n  agent101:\n    skills: {logement: 1}\n",
                ":3: agents.agent101.dial-string: missing (required)");
    }

    @Test
    void load_agentBadDialString_refused() throws Exception {
        assertRefused("agents:\n  agent101:\n    dial-string: PJSIP/a,b\n    skills: {logement: 1}\n",
                ":3: agents.agent101.dial-string: expected Tech/resource such as PJSIP/agent101, was 'PJSIP/a,b'");
    }

    @Test
    void load_agentSkillForUnknownService_refused() throws Exception {
        assertRefused("agents:\n  agent101:\n    dial-string: PJSIP/agent101\n    skills:\n      cuisine: 1\n",
                ":5: agents.agent101.skills.cuisine: unknown service, known: [prestations, logement, general]");
    }

    @Test
    void load_agentWithoutSkills_refused() throws Exception {
        assertRefused("agents:\n  agent101:\n    dial-string: PJSIP/agent101\n",
                ":3: agents.agent101.skills: missing (required): services and levels, e.g. {prestations: 1}");
    }

    @Test
    void load_badLoggedIn_refused() throws Exception {
        assertRefused("agents:\n  agent101:\n    dial-string: PJSIP/agent101\n    skills: {general: 1}\n"
                + "    logged-in: maybe\n", ":5: agents.agent101.logged-in: expected true or false, was 'maybe'");
    }

    @Test
    void load_badAmiPort_refusedWithoutEchoingTheSecret() throws Exception {
        Path file = write("ami:\n  port: 99999\n  secret: hush\n");
        assertThatThrownBy(() -> RappelConfig.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2: ami.port: must be between 1 and 65535, was 99999")
                .message().doesNotContain("hush");
    }
}
