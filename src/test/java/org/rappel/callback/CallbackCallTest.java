package org.rappel.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rappel.store.CallbackRequest;
import org.rappel.store.CallbackState;
import org.rappel.store.ChannelOrigin;

class CallbackCallTest {

    private static CallbackRequest callback(Map<String, String> context) {
        return new CallbackRequest(UUID.randomUUID(), "prestations", "+33612345678", "+33612345678",
                Instant.parse("2026-11-25T09:00:00Z"), 0, "fr", context, ChannelOrigin.PHONE, Optional.empty(),
                CallbackState.DIALING, 0, Instant.parse("2026-11-25T09:00:00Z"), Optional.empty(), Optional.empty());
    }

    @Test
    void agentDisplay_namesTheServiceAndWhatTheIvrGathered_safeForAHeaderLine() {
        assertThat(CallbackCall.agentDisplay(callback(Map.of("language", "fr", "hotline", "hotline", "motif", "2",
                "dossier", "12\"34\r\n5")))).isEqualTo("Rappel prestations dossier=12345 motif=2");
        assertThat(CallbackCall.agentDisplay(callback(Map.of("note", "x".repeat(200))))).hasSize(60);
    }

    @Test
    void parseId_refusesAnythingButAUuid() {
        UUID id = UUID.randomUUID();
        assertThat(CallbackCall.parseId(id.toString())).contains(id);
        assertThat(CallbackCall.parseId("44")).isEmpty();
        assertThat(CallbackCall.parseId(null)).isEmpty();
        assertThat(CallbackCall.parseId("../../etc")).isEmpty();
    }
}
