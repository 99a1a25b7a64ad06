package org.rappel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RappelConfigTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("rappel.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void load_noFile_givesEmbeddedDefaults() throws ConfigException {
        RappelConfig config = RappelConfig.load(Optional.empty(), Map.of());

        assertThat(config).isEqualTo(RappelConfig.defaults());
        assertThat(config.agi().port()).isEqualTo(4573);
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.agi().allowedNetworks()).containsExactly("127.0.0.0/8", "::1/128");
    }

    @Test
    void load_fileValues_overrideDefaults() throws Exception {
        Path file = write("""
                agi:
                  port: 14573
                  allowed-networks: [10.1.0.0/16]
                  drain-deadline: 5s
                http:
                  port: 18080
                flows:
                  files: [extra.yaml]
                """);

        RappelConfig config = RappelConfig.load(Optional.of(file), Map.of());

        assertThat(config.agi().port()).isEqualTo(14573);
        assertThat(config.agi().allowedNetworks()).containsExactly("10.1.0.0/16");
        assertThat(config.agi().drainDeadline()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.agi().maxLineLength()).isEqualTo(8192);
        assertThat(config.http().port()).isEqualTo(18080);
        assertThat(config.flowFiles()).containsExactly(dir.toAbsolutePath().resolve("extra.yaml"));
    }

    @Test
    void load_environment_overridesFile() throws Exception {
        Path file = write("agi:\n  port: 14573\n");

        RappelConfig config = RappelConfig.load(Optional.of(file),
                Map.of("RAPPEL_AGI_PORT", "24573", "RAPPEL_AGI_ALLOWED_NETWORKS", "127.0.0.1/32, 10.0.0.0/8"));

        assertThat(config.agi().port()).isEqualTo(24573);
        assertThat(config.agi().allowedNetworks()).isEqualTo(List.of("127.0.0.1/32", "10.0.0.0/8"));
    }

    @Test
    void load_unknownKey_namesFileLineAndKey() throws Exception {
        Path file = write("agi:\n  port: 4573\n  prot: 1\n");

        assertThatThrownBy(() -> RappelConfig.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":3: agi.prot: unknown key");
    }

    @Test
    void load_badNumber_namesFileLineAndReason() throws Exception {
        Path file = write("http:\n  port: eighty\n");

        assertThatThrownBy(() -> RappelConfig.load(Optional.of(file), Map.of()))
                .hasMessage(file + ":2: http.port: expected a whole number, was 'eighty'");
    }

    @Test
    void load_portOutOfRange_isRefused() throws Exception {
        Path file = write("http:\n  port: 70000\n");

        assertThatThrownBy(() -> RappelConfig.load(Optional.of(file), Map.of()))
                .hasMessageContaining(":2: http.port: must be between 0 and 65535");
    }

    @Test
    void load_badDuration_isRefused() throws Exception {
        Path file = write("agi:\n  drain-deadline: soon\n");

        assertThatThrownBy(() -> RappelConfig.load(Optional.of(file), Map.of()))
                .hasMessageContaining(":2: agi.drain-deadline: expected a duration");
    }

    @Test
    void load_brokenYaml_givesLine() throws Exception {
        Path file = write("agi:\n  port: 1\n http: [\n");

        assertThatThrownBy(() -> RappelConfig.load(Optional.of(file), Map.of()))
                .hasMessageStartingWith(file + ":3: not valid YAML");
    }

    @Test
    void load_badEnvironmentValue_namesVariable() {
        assertThatThrownBy(() -> RappelConfig.load(Optional.empty(), Map.of("RAPPEL_HTTP_PORT", "x")))
                .hasMessage("environment RAPPEL_HTTP_PORT: expected a whole number, was 'x'");
    }

    @Test
    void load_missingFile_isRefused() {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> RappelConfig.load(Optional.of(missing), Map.of()))
                .hasMessageStartingWith(missing + ": cannot read");
    }

    @Test
    void load_badNetwork_namesFileLineAndKey() throws Exception {
        Path file = write("agi:\n  allowed-networks: [127.0.0.0/8, rappel.example/8]\n");

        assertThatThrownBy(() -> RappelConfig.load(Optional.of(file), Map.of()))
                .hasMessageStartingWith(file + ":2: agi.allowed-networks: ")
                .hasMessageContaining("rappel.example/8");
    }

    @Test
    void load_durationOutOfRange_isRefused() throws Exception {
        Path file = write("agi:\n  hangup-close-delay: 2s\n");

        assertThatThrownBy(() -> RappelConfig.load(Optional.of(file), Map.of()))
                .hasMessage(file + ":2: agi.hangup-close-delay: must be between 1ms and 999ms, was 2000ms");
    }

    @Test
    void load_hugeDuration_isRefusedNotThrown() throws Exception {
        Path file = write("agi:\n  drain-deadline: 99999999999999999999s\n");

        assertThatThrownBy(() -> RappelConfig.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(":2: agi.drain-deadline: duration too long");
    }
}
