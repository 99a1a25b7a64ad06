package org.rappel.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The engine node by node, on small flows written for each test, driven through a scripted AGI session. */
class FlowRunTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FlowMetrics metrics = new FlowMetrics(registry);
    private final ScriptedAgiSession session = new ScriptedAgiSession(scheduler, "test");
    private final List<EnqueueRequest> enqueued = new ArrayList<>();
    private final ServiceQueue queue = request -> {
        enqueued.add(request);
        return CompletableFuture.completedFuture(FlowOutcome.ENQUEUED_CONNECTED);
    };

    /** Runs hotline {@code test} of a flow file holding only it, with {@code answer: false}. */
    private CompletableFuture<FlowOutcome> run(String nodes) throws FlowDefinitionException {
        String yaml = "hotlines:\n  test:\n    start: start\n    answer: false\n    nodes:\n"
                + nodes.stripIndent().lines().map(line -> "      " + line).reduce("", (a, b) -> a + b + "\n");
        Hotline hotline = FlowFile.read("test.yaml", new StringReader(yaml)).get("test");
        return new FlowRun(hotline, session, metrics, queue).start();
    }

    private static final String BYE = """
            bye:
              type: hangup
            """;

    private double counter(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void prompt_severalSounds_playsEachThenGoesOn() throws Exception {
        CompletableFuture<FlowOutcome> done = run("""
                start:
                  type: prompt
                  prompt: [rappel/a, rappel/b]
                  next: bye
                """ + BYE);

        session.expect("STREAM FILE rappel/a \"\"", "200 result=0 endpos=8000");
        session.expect("STREAM FILE rappel/b \"\"", "200 result=0 endpos=8000");
        session.expect("HANGUP", "200 result=1");

        assertThat(done).isCompletedWithValue(FlowOutcome.HUNG_UP);
        assertThat(counter("rappel.flow.ended", "hotline", "test", "outcome", "hung_up")).isEqualTo(1.0);
    }

    @Test
    void prompt_interruptibleKeyPressed_skipsTheRest() throws Exception {
        run("""
                start:
                  type: prompt
                  prompt: [rappel/a, rappel/b]
                  interruptible: true
                  next: bye
                """ + BYE);

        session.expect("STREAM FILE rappel/a 0123456789*#", "200 result=53 endpos=3000");
        assertThat(session.next()).isEqualTo("HANGUP");
    }

    @Test
    void prompt_missingSoundFile_goesOnAndCountsNodeError() throws Exception {
        run("""
                start:
                  type: prompt
                  prompt: rappel/nowhere
                  next: bye
                """ + BYE);

        session.expect("STREAM FILE rappel/nowhere \"\"", "200 result=-1 endpos=0");
        scheduler.advance(Duration.ofMillis(PromptFailure.HANGUP_NOTICE_GRACE_MILLIS));

        assertThat(session.next()).isEqualTo("HANGUP");
        assertThat(counter("rappel.flow.node.errors", "hotline", "test", "node", "start", "reason", "sound_failed"))
                .isEqualTo(1.0);
    }

    @Test
    void prompt_callerGoneAtItsFirstFrame_isAHangupNotAMissingSound() throws Exception {
        CompletableFuture<FlowOutcome> done = run("""
                start:
                  type: prompt
                  prompt: rappel/a
                  next: bye
                """ + BYE);

        session.expect("STREAM FILE rappel/a \"\"", "200 result=-1 endpos=0");
        scheduler.advance(Duration.ofMillis(40));
        session.callerHangsUp();
        scheduler.advance(Duration.ofMillis(PromptFailure.HANGUP_NOTICE_GRACE_MILLIS));

        assertThat(done).isCompletedWithValue(FlowOutcome.CALLER_HANGUP);
        assertThat(registry.find("rappel.flow.node.errors").counters()).allSatisfy(c -> assertThat(c.count()).isZero());
    }

    @Test
    void prompt_callerHangsUpMidPrompt_endsWithoutAnotherCommand() throws Exception {
        CompletableFuture<FlowOutcome> done = run("""
                start:
                  type: prompt
                  prompt: rappel/a
                  next: bye
                """ + BYE);

        session.expect("STREAM FILE rappel/a \"\"", "200 result=-1 endpos=4000");

        assertThat(session.inFlight()).isFalse();
        assertThat(done).isCompletedWithValue(FlowOutcome.CALLER_HANGUP);
        assertThat(session.sent()).containsExactly("STREAM FILE rappel/a \"\"");
    }

    @Test
    void prompt_hangupNoticeBeforeNextCommand_endsAsCallerHangup() throws Exception {
        CompletableFuture<FlowOutcome> done = run("""
                start:
                  type: prompt
                  prompt: rappel/a
                  next: bye
                """ + BYE);

        assertThat(session.next()).isEqualTo("STREAM FILE rappel/a \"\"");
        session.callerHangsUp();
        session.reply("200 result=0 endpos=8000");

        assertThat(done).isCompletedWithValue(FlowOutcome.CALLER_HANGUP);
        assertThat(session.sent()).doesNotContain("HANGUP");
    }

    @Test
    void hangup_noticeBeforeItsReply_stillCountsAsHungUp() throws Exception {
        CompletableFuture<FlowOutcome> done = run(BYE.replace("bye:", "start:"));

        assertThat(session.next()).isEqualTo("HANGUP");
        session.callerHangsUp();

        assertThat(done).isCompletedWithValue(FlowOutcome.HUNG_UP);
    }

    @Test
    void send_deadChannelReply_endsAsCallerHangup() throws Exception {
        CompletableFuture<FlowOutcome> done = run("""
                start:
                  type: say-number
                  value: 42
                  next: bye
                """ + BYE);

        session.expect("SAY NUMBER 42 \"\"", "511 Command Not Permitted on a dead channel or intercept routine");

        assertThat(done).isCompletedWithValue(FlowOutcome.CALLER_HANGUP);
    }

    @Test
    void send_commandRefused_endsAsErrorWithMetric() throws Exception {
        CompletableFuture<FlowOutcome> done = run("""
                start:
                  type: say-digits
                  value: "0800"
                  next: bye
                """ + BYE);

        session.expect("SAY DIGITS 0800 \"\"", "510 Invalid or unknown command");

        assertThat(done).isCompletedWithValue(FlowOutcome.ERROR);
        assertThat(counter("rappel.flow.node.errors", "hotline", "test", "node", "start", "reason", "agi_refused"))
                .isEqualTo(1.0);
    }

    private static final String MENU = """
            start:
              type: menu
              prompt: [rappel/intro, rappel/menu]
              choices:
                "1": one
                "#": bye
              timeout: 3s
              tries: 2
              invalid-prompt: rappel/invalid
              on-failure: failed
            one:
              type: transfer
              context: hotline-agents
              extension: "100"
              priority: 2
            failed:
              type: transfer
              context: hotline-failed
              extension: s
            """ + BYE;

    @Test
    void menu_keyDuringIntro_answersAtOnce() throws Exception {
        CompletableFuture<FlowOutcome> done = run(MENU);

        session.expect("STREAM FILE rappel/intro 0123456789*#", "200 result=49 endpos=2000");
        session.expect("SET CONTEXT hotline-agents", "200 result=0");
        session.expect("SET EXTENSION 100", "200 result=0");
        session.expect("SET PRIORITY 2", "200 result=0");

        assertThat(session.inFlight()).isFalse();
        assertThat(done).isCompletedWithValue(FlowOutcome.TRANSFERRED);
    }

    @Test
    void menu_timeoutWithoutOnTimeout_countsAsTryThenFails() throws Exception {
        CompletableFuture<FlowOutcome> done = run(MENU);

        session.expect("STREAM FILE rappel/intro 0123456789*#", "200 result=0 endpos=8000");
        session.expect("GET DATA rappel/menu 3000 1", "200 result= (timeout)");
        session.expect("STREAM FILE rappel/intro 0123456789*#", "200 result=0 endpos=8000");
        session.expect("GET DATA rappel/menu 3000 1", "200 result= (timeout)");
        session.expect("SET CONTEXT hotline-failed", "200 result=0");
        session.expect("SET EXTENSION s", "200 result=0");
        session.expect("SET PRIORITY 1", "200 result=0");

        assertThat(done).isCompletedWithValue(FlowOutcome.TRANSFERRED);
        assertThat(counter("rappel.flow.input.rejected", "hotline", "test", "node", "start", "reason", "timeout"))
                .isEqualTo(2.0);
    }

    @Test
    void menu_hashKeyEndsGetDataEmpty_isTheHashChoice() throws Exception {
        run(MENU);

        session.expect("STREAM FILE rappel/intro 0123456789*#", "200 result=0 endpos=8000");
        session.expect("GET DATA rappel/menu 3000 1", "200 result=");
        assertThat(session.next()).isEqualTo("HANGUP");
    }

    @Test
    void menu_hashDuringIntro_isTheHashChoice() throws Exception {
        run(MENU);

        session.expect("STREAM FILE rappel/intro 0123456789*#", "200 result=35 endpos=2000");
        assertThat(session.next()).isEqualTo("HANGUP");
    }

    @Test
    void menu_callerHangsUpDuringGetData_endsAsCallerHangup() throws Exception {
        CompletableFuture<FlowOutcome> done = run(MENU);

        session.expect("STREAM FILE rappel/intro 0123456789*#", "200 result=0 endpos=8000");
        session.expect("GET DATA rappel/menu 3000 1", "200 result=-1");
        session.callerHangsUp();

        assertThat(done).isCompletedWithValue(FlowOutcome.CALLER_HANGUP);
        assertThat(session.inFlight()).isFalse();
    }

    @Test
    void menu_hangupNoticeWhileGetDataInFlight_endsAtOnceAndSendsNothingMore() throws Exception {
        CompletableFuture<FlowOutcome> done = run(MENU);
        session.expect("STREAM FILE rappel/intro 0123456789*#", "200 result=0 endpos=8000");
        assertThat(session.next()).isEqualTo("GET DATA rappel/menu 3000 1");

        session.callerHangsUp();
        assertThat(done).isCompletedWithValue(FlowOutcome.CALLER_HANGUP);

        session.reply("200 result=1");
        assertThat(session.inFlight()).isFalse();
        assertThat(session.sent()).hasSize(2);
        assertThat(counter("rappel.flow.ended", "hotline", "test", "outcome", "caller_hangup")).isEqualTo(1.0);
    }

    @Test
    void enqueue_hangupNoticeWhileHeld_leavesTheOutcomeToTheQueue() throws Exception {
        CompletableFuture<FlowOutcome> servedThenGone = new CompletableFuture<>();
        Hotline hotline = FlowFile.read("test.yaml", new StringReader("""
                hotlines:
                  test:
                    start: queue
                    answer: false
                    nodes:
                      queue:
                        type: enqueue
                        service: general
                """)).get("test");
        CompletableFuture<FlowOutcome> done =
                new FlowRun(hotline, session, metrics, request -> servedThenGone).start();
        scheduler.runReady();

        session.callerHangsUp();
        assertThat(done).isNotDone();

        servedThenGone.complete(FlowOutcome.ENQUEUED_CONNECTED);
        scheduler.runReady();
        assertThat(done).isCompletedWithValue(FlowOutcome.ENQUEUED_CONNECTED);
    }

    private static final String COLLECT = """
            start:
              type: collect
              prompt: rappel/enter-file-number
              min-digits: 4
              max-digits: 6
              pattern: "7[0-9]+"
              timeout: 8s
              tries: 2
              into: file_number
              invalid-prompt: rappel/invalid-number
              next: read-back
              on-failure: bye
            read-back:
              type: say-digits
              variable: file_number
              next: tag
            tag:
              type: set-variable
              name: CDR(userfield)
              variable: file_number
              next: queue
            queue:
              type: enqueue
              service: prestations
            """ + BYE;

    @Test
    void collect_validDigits_storedReadBackAndPassedToQueue() throws Exception {
        CompletableFuture<FlowOutcome> done = run(COLLECT);

        session.expect("GET DATA rappel/enter-file-number 8000 6", "200 result=71234");
        session.expect("SAY DIGITS 71234 \"\"", "200 result=0");
        session.expect("SET VARIABLE CDR(userfield) 71234", "200 result=1");

        assertThat(done).isCompletedWithValue(FlowOutcome.ENQUEUED_CONNECTED);
        assertThat(enqueued).singleElement().satisfies(request ->
                assertThat(request.variables()).containsEntry("file_number", "71234"));
    }

    @Test
    void collect_partialDigitsBeforeTimeout_countAsInput() throws Exception {
        run(COLLECT);

        session.expect("GET DATA rappel/enter-file-number 8000 6", "200 result=7123 (timeout)");
        assertThat(session.next()).isEqualTo("SAY DIGITS 7123 \"\"");
    }

    @Test
    void collect_tooShortThenBadPattern_failsAfterTries() throws Exception {
        CompletableFuture<FlowOutcome> done = run(COLLECT);

        session.expect("GET DATA rappel/enter-file-number 8000 6", "200 result=712 (timeout)");
        session.expect("STREAM FILE rappel/invalid-number \"\"", "200 result=0 endpos=8000");
        session.expect("GET DATA rappel/enter-file-number 8000 6", "200 result=81234");
        session.expect("STREAM FILE rappel/invalid-number \"\"", "200 result=0 endpos=8000");
        session.expect("HANGUP", "200 result=1");

        assertThat(done).isCompletedWithValue(FlowOutcome.HUNG_UP);
        assertThat(counter("rappel.flow.input.rejected", "hotline", "test", "node", "start", "reason", "invalid"))
                .isEqualTo(2.0);
    }

    @Test
    void collect_nothingTyped_asksAgainWithoutInvalidPrompt() throws Exception {
        run(COLLECT);

        session.expect("GET DATA rappel/enter-file-number 8000 6", "200 result= (timeout)");
        assertThat(session.next()).isEqualTo("GET DATA rappel/enter-file-number 8000 6");
    }

    @Test
    void language_keyTwo_setsEnglishForTheChannel() throws Exception {
        run("""
                start:
                  type: language
                  prompt: rappel/choose-language
                  choices: {"1": fr, "2": en}
                  next: said
                said:
                  type: say-number
                  value: 3949
                  next: bye
                """ + BYE);

        session.expect("GET DATA rappel/choose-language 5000 1", "200 result=2");
        session.expect("SET VARIABLE CHANNEL(language) en", "200 result=1");
        assertThat(session.next()).isEqualTo("SAY NUMBER 3949 \"\"");
    }

    @Test
    void language_invalidKeysUntilTriesRunOut_setsDefault() throws Exception {
        run("""
                start:
                  type: language
                  prompt: rappel/choose-language
                  choices: {"1": fr, "2": en}
                  default: fr
                  tries: 2
                  next: bye
                """ + BYE);

        session.expect("GET DATA rappel/choose-language 5000 1", "200 result=5");
        session.expect("GET DATA rappel/choose-language 5000 1", "200 result=9");
        session.expect("SET VARIABLE CHANNEL(language) fr", "200 result=1");
        assertThat(session.next()).isEqualTo("HANGUP");
    }

    @Test
    void run_answerTrue_sendsAnswerFirst() throws Exception {
        String yaml = """
                hotlines:
                  test:
                    start: bye
                    nodes:
                      bye:
                        type: hangup
                        prompt: rappel/goodbye
                """;
        Hotline hotline = FlowFile.read("test.yaml", new StringReader(yaml)).get("test");
        new FlowRun(hotline, session, metrics, queue).start();

        session.expect("ANSWER", "200 result=0");
        session.expect("STREAM FILE rappel/goodbye \"\"", "200 result=0 endpos=8000");
        session.expect("HANGUP", "200 result=1");
    }

    @Test
    void run_longCallOfManyMenuTurns_keepsTheStackFlat() throws Exception {
        CompletableFuture<FlowOutcome> done = run("""
                start:
                  type: menu
                  prompt: rappel/menu
                  choices: {"1": again, "9": bye}
                  on-failure: bye
                again:
                  type: set-variable
                  name: TURN
                  value: again
                  next: start
                """ + BYE);
        session.expect("GET DATA rappel/menu 5000 1", "200 result=1");
        session.expect("SET VARIABLE TURN again", "200 result=1");
        session.expect("GET DATA rappel/menu 5000 1", "200 result=1");
        int depthOfOneTurn = session.maxSendDepth();

        int[] menuTurns = {0};
        session.answerAtOnce(command -> switch (command) {
            case "GET DATA rappel/menu 5000 1" -> ++menuTurns[0] < 2_000 ? "200 result=1" : "200 result=9";
            default -> "200 result=1";
        });
        session.reply("200 result=1");

        assertThat(done).isCompletedWithValue(FlowOutcome.HUNG_UP);
        assertThat(menuTurns[0]).isEqualTo(2_000);
        assertThat(session.maxSendDepth()).isLessThanOrEqualTo(depthOfOneTurn + 5);
    }

    @Test
    void run_everyOutcome_keepsActiveGaugeBalanced() throws Exception {
        run("""
                start:
                  type: prompt
                  prompt: rappel/a
                  next: bye
                """ + BYE);
        assertThat(registry.get("rappel.flow.active").gauge().value()).isEqualTo(1.0);

        session.expect("STREAM FILE rappel/a \"\"", "200 result=-1 endpos=100");

        assertThat(registry.get("rappel.flow.active").gauge().value()).isZero();
    }
}
