package org.rappel.estimate.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rappel.estimate.LastToEnterServiceEstimator;
import org.rappel.estimate.WaitTimeEstimators;

class TraceReplayTest {

    private static final String HEADER = "arrival,queue_exit,outcome,service_end,service,priority,agent\n";

    /**
     * One agent. a: answered at once at 0, served till 100. b (prio 0) arrives at 10, c (prio 0) at 20,
     * d (prio 5) at 30 and goes ahead of both; e arrives at 100 as d starts; f abandons.
     */
    private static final String TRACE = HEADER
            + "0,0,answered,100,s,0,ag\n"
            + "10,200,answered,300,s,0,ag\n"
            + "20,300,answered,400,s,0,ag\n"
            + "30,100,answered,200,s,5,ag\n"
            + "100,400,answered,500,s,0,ag\n"
            + "40,90,abandoned,,s,0,\n"
            + "0,0,answered,50,other,,\n";

    private final Map<String, Integer> positions = new LinkedHashMap<>();
    private final List<Double> lesAnnounced = new ArrayList<>();

    private ReplayReport replay(String trace) throws Exception {
        return new TraceReplay(WaitTimeEstimators::all, TraceReplay.DEFAULT_STAFFING_WINDOW_SECONDS)
                .run(TraceParser.parse(new StringReader(trace)), (contact, position, estimates) -> {
                    positions.put(contact.service() + ":" + contact.arrival().getEpochSecond(), position);
                    lesAnnounced.add(estimates.get(LastToEnterServiceEstimator.NAME).seconds());
                });
    }

    @Test
    void run_givesEachArrivalItsPlaceInPriorityOrder() throws Exception {
        replay(TRACE);
        assertThat(positions).containsEntry("s:0", 1)
                .containsEntry("s:10", 1)
                .containsEntry("s:20", 2)
                .containsEntry("s:30", 1)
                .containsEntry("s:40", 4)
                // At 100, d has just started: b and c wait ahead of e.
                .containsEntry("s:100", 3)
                .containsEntry("other:0", 1);
    }

    @Test
    void run_scoresEveryAnsweredContactIncludingThoseAnsweredAtOnce() throws Exception {
        ReplayReport report = replay(TRACE);
        assertThat(report.services()).extracting(ReplayReport.ServiceReport::service)
                .containsExactly("other", "s");
        ReplayReport.ServiceReport s = report.services().get(1);
        assertThat(s.contacts()).isEqualTo(6);
        assertThat(s.answered()).isEqualTo(5);
        assertThat(s.abandoned()).isEqualTo(1);
        assertThat(s.meanWaitOfAnsweredSeconds()).isCloseTo((0 + 190 + 280 + 70 + 300) / 5.0, within(1e-9));
        assertThat(s.estimators()).extracting(ReplayReport.EstimatorScore::estimator)
                .containsExactlyElementsOf(WaitTimeEstimators.names());
        assertThat(s.estimators()).allSatisfy(e -> assertThat(e.scored()).isEqualTo(5));
        ReplayReport.ServiceReport other = report.services().get(0);
        assertThat(other.estimators()).allSatisfy(e -> {
            assertThat(e.scored()).isEqualTo(1);
            assertThat(e.rase()).isNaN();
        });
    }

    @Test
    void run_announcesOnlyWhatWasKnownAtArrival() throws Exception {
        replay(TRACE);
        // LES at each arrival of s, in time order: nobody served yet (0), then a's 0 s wait, ...;
        // e arrives at 100 when d has just entered service after 70 s.
        assertThat(lesAnnounced.subList(0, 6)).containsExactly(0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        int e = new ArrayList<>(positions.keySet()).indexOf("s:100");
        assertThat(lesAnnounced.get(e)).isCloseTo(70, within(1e-9));
    }
}
