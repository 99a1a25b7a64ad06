package org.rappel.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Holding with music until the real queue exists: the AGI command loop, the periodic message, the abandon. */
class MusicOnHoldQueueTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final ScriptedAgiSession session = new ScriptedAgiSession(scheduler, "hotline");

    private CompletableFuture<FlowOutcome> hold(List<String> message) {
        EnqueueRequest request = new EnqueueRequest(session, "hotline", "prestations", "calm", message,
                Duration.ofSeconds(30), Map.of("language", "fr"));
        CompletableFuture<FlowOutcome> left = new CompletableFuture<>();
        scheduler.execute(() -> ServiceQueue.musicOnHoldOnly().enqueue(request)
                .whenComplete((outcome, error) -> left.complete(outcome)));
        return left;
    }

    @Test
    void enqueue_messageDue_playsItThenMusicAgain() {
        hold(List.of("rappel/still-busy"));

        session.expect("SET MUSIC ON calm", "200 result=0");
        for (int second = 0; second < 29; second++) {
            scheduler.advance(Duration.ofSeconds(1));
            session.expect("WAIT FOR DIGIT 1000", "200 result=0");
        }
        scheduler.advance(Duration.ofSeconds(1));
        session.expect("WAIT FOR DIGIT 1000", "200 result=0");
        session.expect("STREAM FILE rappel/still-busy \"\"", "200 result=0 endpos=40000");
        session.expect("SET MUSIC ON calm", "200 result=0");
        assertThat(session.next()).isEqualTo("WAIT FOR DIGIT 1000");
    }

    @Test
    void enqueue_messageDueTwiceInOneTurn_playsItOnce() {
        hold(List.of("rappel/still-busy", "rappel/thanks"));

        session.expect("SET MUSIC ON calm", "200 result=0");
        scheduler.advance(Duration.ofSeconds(61));
        session.expect("WAIT FOR DIGIT 1000", "200 result=0");
        session.expect("STREAM FILE rappel/still-busy \"\"", "200 result=0 endpos=40000");
        session.expect("STREAM FILE rappel/thanks \"\"", "200 result=0 endpos=8000");
        session.expect("SET MUSIC ON calm", "200 result=0");
        session.expect("WAIT FOR DIGIT 1000", "200 result=0");
        assertThat(session.next()).isEqualTo("WAIT FOR DIGIT 1000");
    }

    @Test
    void enqueue_keyPressedOnHold_keepsHolding() {
        CompletableFuture<FlowOutcome> left = hold(List.of());

        session.expect("SET MUSIC ON calm", "200 result=0");
        session.expect("WAIT FOR DIGIT 1000", "200 result=53");

        assertThat(session.next()).isEqualTo("WAIT FOR DIGIT 1000");
        assertThat(left).isNotDone();
    }

    @Test
    void enqueue_callerHangsUp_abandonedAndTimerCancelled() {
        CompletableFuture<FlowOutcome> left = hold(List.of("rappel/still-busy"));
        session.expect("SET MUSIC ON calm", "200 result=0");
        assertThat(scheduler.pendingTimers()).isEqualTo(1);

        session.expect("WAIT FOR DIGIT 1000", "200 result=-1");
        session.callerHangsUp();

        assertThat(left).isCompletedWithValue(FlowOutcome.ENQUEUED_ABANDONED);
        assertThat(scheduler.pendingTimers()).isZero();
        assertThat(session.inFlight()).isFalse();
    }

    @Test
    void enqueue_hangupNoticeBeforeNextTurn_abandoned() {
        CompletableFuture<FlowOutcome> left = hold(List.of());
        session.expect("SET MUSIC ON calm", "200 result=0");
        assertThat(session.next()).isEqualTo("WAIT FOR DIGIT 1000");

        session.callerHangsUp();
        session.reply("200 result=0");

        assertThat(left).isCompletedWithValue(FlowOutcome.ENQUEUED_ABANDONED);
        assertThat(session.sent()).containsExactly("SET MUSIC ON calm", "WAIT FOR DIGIT 1000");
    }

    @Test
    void enqueue_commandRefused_leavesWithError() {
        CompletableFuture<FlowOutcome> left = hold(List.of());

        session.expect("SET MUSIC ON calm", "510 Invalid or unknown command");

        assertThat(left).isCompletedWithValue(FlowOutcome.ERROR);
    }
}
