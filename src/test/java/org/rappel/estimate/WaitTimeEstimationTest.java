package org.rappel.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WaitTimeEstimationTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private WaitTimeEstimation estimation(EstimatorChoice choice) {
        return new WaitTimeEstimation(WaitTimeEstimators.all(), choice, registry);
    }

    @Test
    void estimate_scoresTheFirstAnnouncementOfEachAnsweredContact() {
        WaitTimeEstimation estimation = estimation(EstimatorChoice.everywhere(LastToEnterServiceEstimator.NAME));
        estimation.onEvent(new QueueEvent.StaffingChanged("s", 1, Feed.at(0)));
        estimation.onEvent(new QueueEvent.ContactEntered("s", "a", 0, Feed.at(0)));
        estimation.onEvent(new QueueEvent.ServiceStarted("s", "a", Optional.of("x"), Feed.at(40)));
        estimation.onEvent(new QueueEvent.ContactEntered("s", "b", 0, Feed.at(50)));
        Estimate first = estimation.estimate("s", "b", 1, 0, Feed.at(50));
        assertThat(first.seconds()).isCloseTo(40, within(1e-6));
        estimation.onEvent(new QueueEvent.ServiceEnded("s", "a", Optional.of("x"), Feed.at(60)));
        // A later announcement is not what gets scored.
        estimation.estimate("s", "b", 1, 0, Feed.at(70));
        estimation.onEvent(new QueueEvent.ServiceStarted("s", "b", Optional.of("x"), Feed.at(150)));

        AccuracySummary les = estimation.accuracy().summary("s", LastToEnterServiceEstimator.NAME).orElseThrow();
        assertThat(les.scored()).isEqualTo(1);
        assertThat(les.biasSeconds()).isCloseTo(40 - 100, within(1e-6));
        assertThat(estimation.accuracy().summaries()).hasSize(WaitTimeEstimators.all().size());
    }

    @Test
    void estimate_abandonsAndUnannouncedContactsAreNotScored() {
        WaitTimeEstimation estimation = estimation(EstimatorChoice.everywhere(QueueLengthEstimator.NAME));
        estimation.onEvent(new QueueEvent.ContactEntered("s", "gone", 0, Feed.at(0)));
        estimation.estimate("s", "gone", 1, 0, Feed.at(0));
        estimation.onEvent(new QueueEvent.ContactAbandoned("s", "gone", Feed.at(30)));
        estimation.onEvent(new QueueEvent.ContactEntered("s", "silent", 0, Feed.at(31)));
        estimation.onEvent(new QueueEvent.ServiceStarted("s", "silent", Optional.empty(), Feed.at(32)));
        assertThat(estimation.accuracy().summaries()).isEmpty();
    }

    @Test
    void estimate_answersWithEachServicesChosenEstimator() {
        WaitTimeEstimation estimation = estimation(new EstimatorChoice(AppQueueEstimator.NAME,
                Map.of("fast", LastToEnterServiceEstimator.NAME)));
        for (String service : List.of("fast", "slow")) {
            estimation.onEvent(new QueueEvent.StaffingChanged(service, 1, Feed.at(0)));
            estimation.onEvent(new QueueEvent.ContactEntered(service, "a", 0, Feed.at(0)));
            estimation.onEvent(new QueueEvent.ServiceStarted(service, "a", Optional.empty(), Feed.at(80)));
            estimation.onEvent(new QueueEvent.ContactEntered(service, "b", 0, Feed.at(90)));
        }
        assertThat(estimation.estimate("fast", "b", 1, 0, Feed.at(90)).seconds()).isCloseTo(80, within(1e-6));
        assertThat(estimation.estimate("slow", "b", 1, 0, Feed.at(90)).seconds()).isCloseTo(20, within(1e-6));
    }

    @Test
    void constructor_refusesAnUnknownEstimatorName() {
        assertThatThrownBy(() -> estimation(new EstimatorChoice("ql", Map.of("s", "crystal_ball"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("crystal_ball");
    }

    @Test
    void withDefaults_announcesTheDefaultEstimator() {
        WaitTimeEstimation estimation = WaitTimeEstimation.withDefaults(registry);
        assertThat(estimation.estimateAll("s", 1, 0, Feed.at(0))).containsOnlyKeys(WaitTimeEstimators.names());
        assertThat(WaitTimeEstimators.named(EstimatorChoice.DEFAULT_ESTIMATOR).name())
                .isEqualTo(EstimatorChoice.DEFAULT_ESTIMATOR);
    }
}
