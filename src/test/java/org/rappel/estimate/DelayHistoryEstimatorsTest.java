package org.rappel.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** HOL and LES, plain and scaled, on a hand-built line. */
class DelayHistoryEstimatorsTest {

    private final HeadOfLineEstimator hol = HeadOfLineEstimator.plain();
    private final HeadOfLineEstimator holScaled = HeadOfLineEstimator.positionScaled();
    private final LastToEnterServiceEstimator les = LastToEnterServiceEstimator.plain();
    private final LastToEnterServiceEstimator lesScaled = LastToEnterServiceEstimator.positionScaled();
    private final Feed feed = new Feed("s", hol, holScaled, les, lesScaled);

    /** One agent, busy; six answered contacts before, the last of which waited 30 s from position 2. */
    private void history() {
        feed.staffing(0, 1);
        for (int i = 0; i < 5; i++) {
            feed.served(i * 100, "h" + i, 10, 50);
        }
        feed.enter(600, "busy").start(600, "busy");
        feed.enter(601, "x").enter(602, "y").start(631, "x").start(632, "y");
    }

    @Test
    void estimate_holIsTheHeadsElapsedWait() {
        history();
        feed.enter(700, "a").enter(760, "b").enter(790, "c").enter(800, "d");
        assertThat(hol.estimate("s", 4, 0, Feed.at(800)).seconds()).isCloseTo(100, within(1e-6));
        // Three contacts behind the head came in 100 s; the 4th in line needs 4 departures.
        assertThat(holScaled.estimate("s", 4, 0, Feed.at(800)).seconds()).isCloseTo(4 * 100 / 3.0, within(1e-6));
    }

    @Test
    void estimate_lesIsTheLastWaitAndScaledIsPerPlace() {
        history();
        feed.enter(700, "a").enter(701, "b").enter(702, "c");
        assertThat(les.estimate("s", 3, 0, Feed.at(702)).seconds()).isCloseTo(30, within(1e-6));
        // Waited contacts: 5 x (10 s at place 1), x (30 s at place 1), y (30 s at place 2).
        // Last five: h2, h3, h4 (10 s, place 1), x (30 s, place 1), y (30 s, place 2): 90 s over 6 places.
        assertThat(lesScaled.estimate("s", 3, 0, Feed.at(702)).seconds()).isCloseTo(3 * 90 / 6.0, within(1e-6));
    }

    @Test
    void estimate_headOfLineFallsBackToLesAtPositionOne() {
        history();
        feed.enter(700, "alone");
        assertThat(hol.estimate("s", 1, 0, Feed.at(700)).seconds()).isCloseTo(30, within(1e-6));
        assertThat(holScaled.estimate("s", 1, 0, Feed.at(750)).seconds()).isCloseTo(30, within(1e-6));
    }

    @Test
    void estimate_zeroAndUnpromisedWithoutHistory() {
        feed.staffing(0, 1).enter(0, "a").start(0, "a").enter(5, "b").enter(6, "c");
        for (WaitTimeEstimator e : new WaitTimeEstimator[] {hol, holScaled, les, lesScaled}) {
            Estimate estimate = e.estimate("s", 1, 0, Feed.at(6));
            assertThat(estimate.reliable()).as(e.name()).isFalse();
        }
        assertThat(lesScaled.estimate("s", 2, 0, Feed.at(6)).seconds()).isZero();
    }

    @Test
    void estimate_zeroWhenAgentsAreFree() {
        history();
        feed.staffing(700, 5).enter(700, "a");
        assertThat(hol.estimate("s", 1, 0, Feed.at(700)).seconds()).isZero();
        assertThat(les.estimate("s", 2, 0, Feed.at(700)).seconds()).isZero();
    }
}
