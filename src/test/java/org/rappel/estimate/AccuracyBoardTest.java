package org.rappel.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class AccuracyBoardTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AccuracyBoard board = new AccuracyBoard(registry);

    @Test
    void record_publishesRaseMaeBiasAndCount() {
        board.record("s", "ql", 100, 80);
        board.record("s", "ql", 20, 40);
        board.record("s", "ql", 0, 0);
        // errors +20, -20, 0: RMSE = sqrt(800/3), mean actual 40, bias 0, MAE 40/3.
        double rase = Math.sqrt(800 / 3.0) / 40;
        AccuracySummary summary = board.summary("s", "ql").orElseThrow();
        assertThat(summary.scored()).isEqualTo(3);
        assertThat(summary.rase()).isCloseTo(rase, within(1e-9));
        assertThat(summary.meanAbsoluteErrorSeconds()).isCloseTo(40 / 3.0, within(1e-9));
        assertThat(summary.biasSeconds()).isCloseTo(0, within(1e-9));

        assertThat(registry.get("rappel.estimate.rase").tag("service", "s").tag("estimator", "ql").gauge().value())
                .isCloseTo(rase, within(1e-9));
        assertThat(registry.get("rappel.estimate.mae").tag("service", "s").gauge().value())
                .isCloseTo(40 / 3.0, within(1e-9));
        assertThat(registry.get("rappel.estimate.bias").tag("estimator", "ql").gauge().value())
                .isCloseTo(0, within(1e-9));
        assertThat(registry.get("rappel.estimate.scored").functionCounter().count()).isEqualTo(3);
    }

    @Test
    void record_keepsServicesAndEstimatorsApart() {
        board.record("a", "les", 10, 0);
        board.record("b", "les", 0, 10);
        assertThat(board.summary("a", "les").orElseThrow().biasSeconds()).isEqualTo(10);
        assertThat(board.summary("b", "les").orElseThrow().biasSeconds()).isEqualTo(-10);
        assertThat(board.summary("a", "ql")).isEmpty();
        assertThat(board.summaries()).extracting(AccuracySummary::service).containsExactly("a", "b");
        assertThat(registry.find("rappel.estimate.rase").gauges()).hasSize(2);
    }

    @Test
    void record_raseUndefinedWhileEveryWaitWasZero() {
        board.record("s", "hol", 5, 0);
        assertThat(board.summary("s", "hol").orElseThrow().rase()).isNaN();
    }
}
