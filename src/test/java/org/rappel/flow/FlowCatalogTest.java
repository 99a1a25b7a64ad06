package org.rappel.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog of hotlines: the embedded one, files that add or replace, and the AGI script mapping. */
class FlowCatalogTest {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ManualScheduler scheduler = new ManualScheduler();

    private Path file(String name, String yaml) throws Exception {
        return Files.writeString(dir.resolve(name), yaml, StandardCharsets.UTF_8);
    }

    private static String hangupHotline(String name, String goodbye) {
        return """
                hotlines:
                  %s:
                    start: bye
                    answer: false
                    nodes:
                      bye:
                        type: hangup
                        prompt: %s
                """.formatted(name, goodbye);
    }

    @Test
    void load_noFile_servesTheEmbeddedHotline() throws Exception {
        FlowCatalog catalog = FlowCatalog.load(List.of(), registry);

        assertThat(catalog.hotlines()).containsExactly("hotline");
        assertThat(registry.get("rappel.flow.ended").tags("hotline", "hotline", "outcome", "transferred")
                .counter().count()).isZero();
    }

    @Test
    void load_files_addAndReplaceHotlinesInOrder() throws Exception {
        Path first = file("first.yaml", hangupHotline("urgences", "rappel/first"));
        Path second = file("second.yaml", hangupHotline("hotline", "rappel/closed"));
        Path third = file("third.yaml", hangupHotline("urgences", "rappel/third"));

        FlowCatalog catalog = FlowCatalog.load(List.of(first, second, third), registry);
        assertThat(catalog.hotlines()).containsExactlyInAnyOrder("hotline", "urgences");

        ScriptedAgiSession hotline = new ScriptedAgiSession(scheduler, "hotline");
        catalog.scriptFor(hotline.request()).orElseThrow().run(hotline);
        assertThat(hotline.next()).isEqualTo("STREAM FILE rappel/closed \"\"");

        ScriptedAgiSession urgences = new ScriptedAgiSession(scheduler, "urgences");
        catalog.scriptFor(urgences.request()).orElseThrow().run(urgences);
        assertThat(urgences.next()).isEqualTo("STREAM FILE rappel/third \"\"");
    }

    @Test
    void load_badFile_refusedWithItsPathAndLine() throws Exception {
        Path bad = file("bad.yaml", hangupHotline("urgences", "rappel/first").replace("type: hangup", "type: hang"));

        FlowDefinitionException refused = catchThrowableOfType(FlowDefinitionException.class,
                () -> FlowCatalog.load(List.of(bad), registry));

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).startsWith(bad + ":7: unknown node type 'hang'");
        assertThat(refused.file()).isEqualTo(bad.toString());
    }

    @Test
    void load_missingFile_refusedWithItsPath() {
        Path missing = dir.resolve("missing.yaml");

        FlowDefinitionException refused = catchThrowableOfType(FlowDefinitionException.class,
                () -> FlowCatalog.load(List.of(missing), registry));

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).startsWith(missing + ":1: cannot read the flow file");
    }

    @Test
    void load_notUtf8_refused() throws Exception {
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, hangupHotline("urgences", "rappel/été").getBytes(StandardCharsets.ISO_8859_1));

        FlowDefinitionException refused = catchThrowableOfType(FlowDefinitionException.class,
                () -> FlowCatalog.load(List.of(latin1), registry));

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).startsWith(latin1 + ":");
    }
}
