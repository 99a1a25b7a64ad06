package org.rappel.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {

    @Test
    void contact_blankId_refused() {
        assertThatThrownBy(() -> Contact.of(" ", ContactKind.LIVE_CALL, "tax", Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
    }

    @Test
    void contact_contextCopied() {
        Map<String, String> context = new HashMap<>(Map.of("lang", "fr"));
        Contact contact = new Contact("c1", ContactKind.CALLBACK, "tax", 0, Instant.EPOCH, context);
        context.put("lang", "de");
        assertThat(contact.context()).containsEntry("lang", "fr");
    }

    @Test
    void serviceConfig_weightNotPositive_refused() {
        assertThatThrownBy(() -> new ServiceConfig("tax", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tax");
        assertThatThrownBy(() -> new ServiceConfig("tax", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void agentConfig_noSkill_refused() {
        assertThatThrownBy(() -> new AgentConfig("a1", "PJSIP/agent101", Map.of(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a1");
    }

    @Test
    void agentConfig_negativeLevelOrWrapUp_refused() {
        assertThatThrownBy(() -> new AgentConfig("a1", "PJSIP/agent101", Map.of("tax", -1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tax");
        assertThatThrownBy(() -> new AgentConfig("a1", "PJSIP/agent101", Map.of("tax", 1), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wrap-up");
    }
}
