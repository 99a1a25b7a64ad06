package org.rappel.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QueueLengthEstimatorTest {

    private final QueueLengthEstimator erlangA = QueueLengthEstimator.erlangA();
    private final QueueLengthEstimator plain = QueueLengthEstimator.withoutAbandonment();
    private final Feed feed = new Feed("s", erlangA, plain);

    /** Two agents, five past contacts each handled for 100 s after waiting 20 s; both agents now busy. */
    private void history() {
        feed.staffing(0, 2);
        for (int i = 0; i < 5; i++) {
            feed.served(i * 200, "h" + i, 20, 100);
        }
        feed.enter(1500, "busy1").start(1500, "busy1").enter(1500, "busy2").start(1500, "busy2");
    }

    @Test
    void estimate_isPositionOverServiceRateWithoutAbandonment() {
        history();
        feed.enter(1510, "w1").enter(1520, "w2").enter(1530, "w3");
        // s = 2, mu = 1/100: n/(s mu) = 50 n
        assertThat(plain.estimate("s", 3, 0, Feed.at(1530)).seconds()).isCloseTo(150, within(1e-6));
        assertThat(erlangA.estimate("s", 3, 0, Feed.at(1530)).seconds()).isCloseTo(150, within(1e-6));
        assertThat(erlangA.estimate("s", 3, 0, Feed.at(1530)).reliable()).isTrue();
    }

    @Test
    void estimate_countsAbandonmentOfThoseAhead() {
        history();
        // One abandon after 40 s: exposure = 5 * 20 + 40 = 140 s, theta = 1/140 per second.
        feed.enter(1500, "gone").abandon(1540, "gone");
        feed.enter(1550, "w1").enter(1551, "w2").enter(1552, "w3");
        double sMu = 2 / 100.0;
        double theta = 1 / 140.0;
        double expected = 1 / sMu + 1 / (sMu + theta) + 1 / (sMu + 2 * theta);
        assertThat(erlangA.estimate("s", 3, 0, Feed.at(1552)).seconds()).isCloseTo(expected, within(1e-6));
        assertThat(plain.estimate("s", 3, 0, Feed.at(1552)).seconds()).isCloseTo(150, within(1e-6));
    }

    @Test
    void estimate_zeroWhenAFreeAgentTakesTheContact() {
        history();
        feed.staffing(1600, 4);
        assertThat(erlangA.estimate("s", 2, 0, Feed.at(1600)).seconds()).isZero();
        // Position 3 with two free agents: one departure to wait for.
        assertThat(plain.estimate("s", 3, 0, Feed.at(1600)).seconds()).isCloseTo(100 / 4.0, within(1e-6));
    }

    @Test
    void estimate_higherPrioritiesArrivingOvertake() {
        history();
        // 9 priority contacts in the last 900 s: 0.01 per second overtake a priority-0 contact.
        for (int i = 0; i < 9; i++) {
            feed.enter(1000 + i * 10, "p" + i, 5).abandon(1000 + i * 10 + 1, "p" + i);
        }
        double low = plain.estimate("s", 2, 0, Feed.at(1600)).seconds();
        double high = plain.estimate("s", 2, 5, Feed.at(1600)).seconds();
        assertThat(high).isCloseTo(100, within(1e-6));
        assertThat(low).isCloseTo(2 / (0.02 - 0.01), within(1e-6));
    }

    @Test
    void estimate_agentsThatLeaveTheHeadWaitingAreNotCounted() {
        history();
        // Four logged in, two busy: the head would be taken at once...
        feed.staffing(1600, 4).enter(1600, "w1").enter(1601, "w2");
        assertThat(plain.estimate("s", 2, 0, Feed.at(1601)).seconds()).isZero();
        // ...but 20 s later it still waits: only the two busy agents are working.
        assertThat(plain.estimate("s", 2, 0, Feed.at(1620)).seconds()).isCloseTo(2 * 100 / 2.0, within(1e-6));
    }

    @Test
    void estimate_flagsMissingHistoryAndAgents() {
        feed.enter(0, "a");
        Estimate none = erlangA.estimate("s", 1, 0, Feed.at(0));
        assertThat(none.reliability()).isEqualTo(Reliability.NO_AGENTS);
        feed.staffing(1, 1).start(1, "a");
        feed.enter(2, "b");
        Estimate young = erlangA.estimate("s", 1, 0, Feed.at(2));
        assertThat(young.reliability()).isEqualTo(Reliability.TOO_FEW_OBSERVATIONS);
        assertThat(young.seconds()).isCloseTo(QueueLengthEstimator.DEFAULT_PRIOR_HANDLING_SECONDS, within(1e-6));
    }
}
