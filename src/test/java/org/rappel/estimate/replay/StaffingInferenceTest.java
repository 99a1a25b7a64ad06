package org.rappel.estimate.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StaffingInferenceTest {

    private final StaffingInference staffing = new StaffingInference(600);

    @Test
    void agents_countsAgentsSeenWithinTheWindow() {
        staffing.serviceStarted(Optional.of("a"), 0);
        staffing.serviceStarted(Optional.of("b"), 10);
        staffing.serviceEnded(Optional.of("a"), 100);
        assertThat(staffing.agents(100)).isEqualTo(2);
        staffing.serviceEnded(Optional.of("b"), 200);
        assertThat(staffing.agents(650)).isEqualTo(2);
        // a was last seen at 100: gone after 700; b at 200: gone after 800.
        assertThat(staffing.agents(750)).isEqualTo(1);
        assertThat(staffing.agents(900)).isZero();
    }

    @Test
    void agents_keepsAnAgentOnALongCall() {
        staffing.serviceStarted(Optional.of("a"), 0);
        assertThat(staffing.agents(5000)).isEqualTo(1);
    }

    @Test
    void agents_unknownAgentsCountByPeakServedAtOnce() {
        staffing.serviceStarted(Optional.empty(), 0);
        staffing.serviceStarted(Optional.empty(), 1);
        staffing.serviceStarted(Optional.empty(), 2);
        staffing.serviceEnded(Optional.empty(), 100);
        staffing.serviceEnded(Optional.empty(), 110);
        assertThat(staffing.agents(200)).isEqualTo(3);
        // Two were served at once at 100-110, still inside the window at 605; nothing left of it at 720.
        assertThat(staffing.agents(605)).isEqualTo(2);
        assertThat(staffing.agents(720)).isEqualTo(1);
    }
}
