package org.rappel.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rappel.flow.FlowCatalog;

/** The YAML shown in README.md is what users copy: it must load as shown, and say what the defaults are. */
class ReadmeExamplesTest {
    @TempDir
    Path dir;

    private static String yamlBlockAfter(String heading) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf(heading);
        assertThat(section).as("README section %s", heading).isNotNegative();
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    @Test
    void configurationBlock_loadsAndEqualsTheEmbeddedDefaults() throws Exception {
        Path file = dir.resolve("rappel.yaml");
        Files.writeString(file, yamlBlockAfter("### Configuration"));

        RappelConfig shown = RappelConfig.load(Optional.of(file), Map.of());

        assertThat(shown).isEqualTo(RappelConfig.load(Optional.empty(), Map.of()));
    }

    @Test
    void configurationBlock_withTheExampleAgentUncommented_loads() throws Exception {
        Path file = dir.resolve("rappel.yaml");
        Files.writeString(file, yamlBlockAfter("### Configuration")
                .replace("agents: {}", "agents:").replace("#  agent101:", "  agent101:").replace("#    ", "    "));

        RappelConfig shown = RappelConfig.load(Optional.of(file), Map.of());

        assertThat(shown.agents()).singleElement().satisfies(agent -> {
            assertThat(agent.dialString()).isEqualTo("PJSIP/agent101");
            assertThat(agent.skills()).containsEntry("prestations", 2);
        });
    }

    @Test
    void flowExample_loads() throws Exception {
        Path file = dir.resolve("flows.yaml");
        Files.writeString(file, yamlBlockAfter("### IVR flows"));

        FlowCatalog catalog = FlowCatalog.load(List.of(file), new SimpleMeterRegistry());

        assertThat(catalog.hotlines()).contains("hotline");
    }
}
