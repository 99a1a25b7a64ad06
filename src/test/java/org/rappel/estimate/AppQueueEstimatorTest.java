package org.rappel.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AppQueueEstimatorTest {

    private final AppQueueEstimator estimator = new AppQueueEstimator();
    private final Feed feed = new Feed("s", estimator).staffing(0, 3);

    @Test
    void estimate_smoothsAnsweredWaitsLikeAppQueue() {
        feed.served(0, "a", 40, 10).served(100, "b", 80, 10);
        // (3*0 + 40)/4 = 10, then (3*10 + 80)/4 = 27.5
        assertThat(estimator.estimate("s", 1, 0, Feed.at(300)).seconds()).isCloseTo(27.5, within(1e-6));
    }

    @Test
    void estimate_ignoresPositionAndAbandons() {
        feed.served(0, "a", 40, 10).enter(50, "x").abandon(900, "x");
        double first = estimator.estimate("s", 1, 0, Feed.at(1000)).seconds();
        assertThat(first).isCloseTo(10, within(1e-6));
        assertThat(estimator.estimate("s", 25, 0, Feed.at(1000)).seconds()).isEqualTo(first);
    }

    @Test
    void estimate_convergesOnAStationaryWait() {
        for (int i = 0; i < 40; i++) {
            feed.served(i * 200, "c" + i, 90, 60);
        }
        Estimate estimate = estimator.estimate("s", 3, 0, Feed.at(9000));
        assertThat(estimate.seconds()).isCloseTo(90, within(0.01));
        assertThat(estimate.reliable()).isTrue();
    }

    @Test
    void estimate_unreliableBeforeEnoughAnsweredOrWithoutAgents() {
        feed.served(0, "a", 30, 10);
        assertThat(estimator.estimate("s", 1, 0, Feed.at(100)).reliability())
                .isEqualTo(Reliability.TOO_FEW_OBSERVATIONS);
        feed.staffing(200, 0);
        assertThat(estimator.estimate("s", 1, 0, Feed.at(300)).reliability()).isEqualTo(Reliability.NO_AGENTS);
        assertThat(estimator.estimate("other", 1, 0, Feed.at(300)).reliability())
                .isEqualTo(Reliability.NO_AGENTS);
    }

    @Test
    void estimate_positionBelowOne() {
        assertThatThrownBy(() -> estimator.estimate("s", 0, 0, Feed.at(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
