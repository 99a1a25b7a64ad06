package org.rappel.sim.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator against a FastAGI server made of a plain ServerSocket: every byte it sends is checked against
 * the forms captured from Asterisk 22 ({@code shared/asterisk/agi-transcript.txt}, {@code call-control/}).
 */
class AgiSimulatorTest {

    private static final Duration NOTICE_DELAY = Duration.ofMillis(40);

    private StubFastAgiServer server;
    private AgiSimulator simulator;

    @BeforeEach
    void start() throws Exception {
        server = new StubFastAgiServer();
        simulator = new AgiSimulator(SimulatorSettings.defaults()
                .withTimeScale(0.01)
                .withHangupNoticeDelay(NOTICE_DELAY)
                .withSounds(SoundCatalog.standard().withMissing("no-such-file")));
    }

    @AfterEach
    void stop() throws Exception {
        simulator.close();
        server.close();
    }

    private static CallerScript.Builder caller() {
        return CallerScript.builder().script("dtmf?from=agitest").dialplan("agitest", "dtmf", 2)
                .callerId("5550002").callerIdName("DTMF Test");
    }

    private static CallTranscript await(CompletableFuture<CallTranscript> call) throws Exception {
        return call.get(5, TimeUnit.SECONDS);
    }

    @Test
    void environment_asteriskFormAndOrder() throws Exception {
        var call = simulator.call(server.address(), caller().arguments("first arg", "second arg").build());
        try (var agi = server.accept()) {
            String env = agi.readEnvironment();
            int port = server.address().getPort();
            assertThat(env).doesNotContain("\r");
            assertThat(env).matches("agi_network: yes\n"
                    + "agi_network_script: dtmf\\?from=agitest\n"
                    + "agi_request: agi://127\\.0\\.0\\.1:" + port + "/dtmf\\?from=agitest\n"
                    + "agi_channel: Local/dtmf@agitest-[0-9a-f]{8};2\n"
                    + "agi_language: en\n"
                    + "agi_type: Local\n"
                    + "agi_uniqueid: [0-9]{10}\\.[0-9]+\n"
                    + "agi_version: 22\\.10\\.1\n"
                    + "agi_callerid: 5550002\n"
                    + "agi_calleridname: DTMF Test\n"
                    + "agi_callingpres: 0\n"
                    + "agi_callingani2: 0\n"
                    + "agi_callington: 0\n"
                    + "agi_callingtns: 0\n"
                    + "agi_dnid: unknown\n"
                    + "agi_rdnis: unknown\n"
                    + "agi_context: agitest\n"
                    + "agi_extension: dtmf\n"
                    + "agi_priority: 2\n"
                    + "agi_enhanced: 0\\.0\n"
                    + "agi_accountcode: \n"
                    + "agi_threadid: [0-9]{15}\n"
                    + "agi_arg_1: first arg\n"
                    + "agi_arg_2: second arg\n"
                    + "\n");
        }
        assertThat(await(call).outcome().orElseThrow().status()).isEqualTo(AgiStatus.SUCCESS);
    }

    @Test
    void environment_unknownCallerWithoutArguments() throws Exception {
        var call = simulator.call(server.address(), CallerScript.builder().language("fr").build());
        try (var agi = server.accept()) {
            String env = agi.readEnvironment();
            assertThat(env).contains("agi_network_script: hotline\n", "agi_language: fr\n",
                    "agi_callerid: unknown\n", "agi_calleridname: unknown\n", "agi_context: hotline\n",
                    "agi_extension: s\n");
            assertThat(env).doesNotContain("agi_arg_");
            assertThat(env).endsWith("\nagi_accountcode: \n" + env.substring(env.indexOf("agi_threadid")));
        }
        await(call);
    }

    @Test
    void commands_replyFormsOfTheCapture() throws Exception {
        var call = simulator.call(server.address(), caller().build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            assertThat(agi.command("ANSWER")).isEqualTo("200 result=0");
            assertThat(agi.command("STREAM FILE beep \"\"")).isEqualTo("200 result=0 endpos=3520");
            assertThat(agi.command("GET DATA beep 3000 1")).isEqualTo("200 result= (timeout)");
            assertThat(agi.command("SAY NUMBER 12 \"\"")).isEqualTo("200 result=0");
            assertThat(agi.command("SAY DIGITS 123 \"\"")).isEqualTo("200 result=0");
            assertThat(agi.command("SET VARIABLE FOO bar")).isEqualTo("200 result=1");
            assertThat(agi.command("GET VARIABLE FOO")).isEqualTo("200 result=1 (bar)");
            assertThat(agi.command("SET VARIABLE FOO \"with space\"")).isEqualTo("200 result=1");
            assertThat(agi.command("GET VARIABLE FOO")).isEqualTo("200 result=1 (with space)");
            assertThat(agi.command("GET VARIABLE NOSUCHVAR")).isEqualTo("200 result=0");
            assertThat(agi.command("CHANNEL STATUS")).isEqualTo("200 result=6");
            assertThat(agi.command("GET FULL VARIABLE ${CHANNEL}-${UNIQUEID}"))
                    .matches("200 result=1 \\(Local/dtmf@agitest-[0-9a-f]{8};2-[0-9]+\\.[0-9]+\\)");
            assertThat(agi.command("EXEC Verbose \"1,hello from agi\"")).isEqualTo("200 result=0");
            assertThat(agi.command("EXEC NoSuchApp x")).isEqualTo("200 result=-2");
            assertThat(agi.command("SET MUSIC ON default")).isEqualTo("200 result=0");
            assertThat(agi.command("SET MUSIC OFF")).isEqualTo("200 result=0");
            assertThat(agi.command("NOOP hello")).isEqualTo("200 result=0");
            assertThat(agi.command("GET DATA beep 500")).isEqualTo("200 result= (timeout)");
        }
        CallTranscript transcript = await(call);
        assertThat(transcript.soundNames()).containsExactly("beep", "beep", "digits/12", "digits/1", "digits/2",
                "digits/3", "beep");
        assertThat(transcript.variableSet("FOO")).contains("with space");
        assertThat(transcript.heardMusic()).isTrue();
        CallOutcome outcome = transcript.outcome().orElseThrow();
        assertThat(outcome.status()).isEqualTo(AgiStatus.SUCCESS);
        assertThat(outcome.continuesAt()).contains(new DialplanLocation("agitest", "dtmf", 3));
        assertThat(outcome.hangupSource()).isEqualTo(HangupSource.NONE);
    }

    @Test
    void badCommands_510And520UsageBlock() throws Exception {
        var call = simulator.call(server.address(), caller().build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            assertThat(agi.command("FOO BAR BAZ")).isEqualTo("510 Invalid or unknown command");
            assertThat(agi.command("GET")).isEqualTo("510 Invalid or unknown command");
            assertThat(agi.command("")).isEqualTo("510 Invalid or unknown command");
            agi.send("GET DATA");
            assertThat(agi.readLines(4)).containsExactly(
                    "520-Invalid command syntax.  Proper usage follows:",
                    "Stream the given <replaceable>file</replaceable>, and receive DTMF data.",
                    "Returns the digits received from the channel at the other end.",
                    "520 End of proper usage.");
            agi.send("WAIT FOR DIGIT");
            assertThat(agi.readLine()).isEqualTo("520-Invalid command syntax.  Proper usage follows:");
            assertThat(agi.readLine()).startsWith("Waits up to <replaceable>timeout</replaceable> milliseconds");
            assertThat(agi.readLine()).isEqualTo("520 End of proper usage.");
            assertThat(agi.command("answer")).isEqualTo("200 result=0");
            assertThat(agi.command("ANSWER\r")).isEqualTo("510 Invalid or unknown command");
        }
        await(call);
    }

    @Test
    void streamFile_missingSoundMakesStatusFailure() throws Exception {
        var call = simulator.call(server.address(), caller().build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            assertThat(agi.command("STREAM FILE no-such-file \"\"")).isEqualTo("200 result=-1 endpos=0");
            assertThat(agi.command("GET DATA no-such-file 100 1")).isEqualTo("200 result=-1");
            assertThat(agi.command("STREAM FILE beep \"\"")).isEqualTo("200 result=0 endpos=3520");
        }
        CallOutcome outcome = await(call).outcome().orElseThrow();
        assertThat(outcome.status()).isEqualTo(AgiStatus.FAILURE);
        assertThat(outcome.continuesAt()).contains(new DialplanLocation("agitest", "dtmf", 3));
    }

    @Test
    void getData_keysTimeoutsAndHash() throws Exception {
        var script = caller().inputs(CallerInput.keys("42#"), CallerInput.keys("4"), CallerInput.keys("3#"),
                CallerInput.keys("#"), CallerInput.keys("129"), CallerInput.silence()).build();
        var call = simulator.call(server.address(), script);
        try (var agi = server.accept()) {
            agi.readEnvironment();
            assertThat(agi.command("GET DATA beep 8000 4")).isEqualTo("200 result=42");
            assertThat(agi.command("GET DATA beep 8000 4")).isEqualTo("200 result=4 (timeout)");
            assertThat(agi.command("GET DATA beep 8000 4")).isEqualTo("200 result=3");
            assertThat(agi.command("GET DATA beep 8000 4")).isEqualTo("200 result=");
            assertThat(agi.command("GET DATA beep 8000 2")).isEqualTo("200 result=12");
            assertThat(agi.quietFor(100)).isTrue();
            assertThat(agi.command("GET DATA beep 3000 1")).isEqualTo("200 result= (timeout)");
        }
        CallTranscript transcript = await(call);
        // The 9 came after GET DATA had its two digits: nobody was listening.
        assertThat(transcript.keys()).filteredOn(k -> k.key() == '9')
                .singleElement().extracting(CallTranscript.KeyPress::fate).isEqualTo(CallTranscript.KeyFate.LOST);
    }

    @Test
    void getData_keyCutsThePrompt() throws Exception {
        var script = caller().inputs(CallerInput.keys("7").bargeIn(Duration.ofMillis(500))).build();
        var call = simulator.call(server.address(), script);
        try (var agi = server.accept()) {
            agi.readEnvironment();
            assertThat(agi.command("GET DATA tt-monkeys 5000 1")).isEqualTo("200 result=7");
        }
        CallTranscript transcript = await(call);
        assertThat(transcript.sounds()).singleElement()
                .extracting(CallTranscript.SoundHeard::end).isEqualTo(CallTranscript.SoundEnd.KEY);
    }

    @Test
    void waitForDigit_asciiCodeZeroAndNewCommand() throws Exception {
        var script = caller().inputs(CallerInput.keys("7"), CallerInput.silence()).build();
        var call = simulator.call(server.address(), script);
        try (var agi = server.accept()) {
            agi.readEnvironment();
            assertThat(agi.command("WAIT FOR DIGIT 5000")).isEqualTo("200 result=55");
            assertThat(agi.command("WAIT FOR DIGIT 5000")).isEqualTo("200 result=0");
            assertThat(agi.command("WAIT FOR DIGIT 0")).isEqualTo("200 result=0");
            agi.send("WAIT FOR DIGIT -1");
            agi.send("NOOP next");
            assertThat(agi.readLines(2)).containsExactly("200 result=1", "200 result=0");
        }
        await(call);
    }

    @Test
    void streamFile_escapeDigitEndsItWithAsciiAndEndpos() throws Exception {
        var script = caller().inputs(CallerInput.keys("1").atSound("tt-monkeys").bargeIn(Duration.ofSeconds(5)))
                .build();
        var call = simulator.call(server.address(), script);
        try (var agi = server.accept()) {
            agi.readEnvironment();
            String reply = agi.command("STREAM FILE tt-monkeys \"0123456789*#\"");
            assertThat(reply).startsWith("200 result=49 endpos=");
            long endpos = Long.parseLong(reply.substring("200 result=49 endpos=".length()));
            assertThat(endpos % 160).isZero();
            assertThat(endpos).isBetween(40_000L, 128_000L - 160);
            assertThat(agi.command("GET VARIABLE PLAYBACKSTATUS")).isEqualTo("200 result=1 (FAILED)");
        }
        await(call);
    }

    @Test
    void streamFile_keyNotAnEscapeDigitIsIgnored() throws Exception {
        var script = caller().inputs(CallerInput.keys("5").atSound("queue-thereare").bargeIn(Duration.ofMillis(100)))
                .build();
        var call = simulator.call(server.address(), script);
        try (var agi = server.accept()) {
            agi.readEnvironment();
            assertThat(agi.command("STREAM FILE queue-thereare \"1\"")).isEqualTo("200 result=0 endpos=18080");
            assertThat(agi.command("GET VARIABLE PLAYBACKSTATUS")).isEqualTo("200 result=1 (SUCCESS)");
        }
        assertThat(await(call).keys()).singleElement().extracting(CallTranscript.KeyPress::fate)
                .isEqualTo(CallTranscript.KeyFate.IGNORED);
    }

    @Test
    void streamFile_newCommandStopsItWithoutReply() throws Exception {
        var call = simulator.call(server.address(), caller().build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            agi.send("STREAM FILE tt-monkeys \"\"");
            agi.send("NOOP next");
            assertThat(agi.readLine()).isEqualTo("200 result=0");
            assertThat(agi.quietFor(300)).isTrue();
        }
        CallTranscript transcript = await(call);
        assertThat(transcript.sounds()).singleElement().extracting(CallTranscript.SoundHeard::end)
                .isEqualTo(CallTranscript.SoundEnd.NEW_COMMAND);
        assertThat(transcript.commandsWhileBusy()).isEqualTo(1);
    }

    @Test
    void keyPressedWhileNoCommandPending_isLost() throws Exception {
        var script = caller().keyAt(Duration.ofMillis(500), '7').build();
        var call = simulator.call(server.address(), script);
        try (var agi = server.accept()) {
            agi.readEnvironment();
            assertThat(agi.quietFor(300)).isTrue(); // the key goes by (5 ms scaled) with no command pending
            assertThat(agi.command("WAIT FOR DIGIT 2000")).isEqualTo("200 result=0");
        }
        assertThat(await(call).keys()).singleElement().extracting(CallTranscript.KeyPress::fate)
                .isEqualTo(CallTranscript.KeyFate.LOST);
    }

    @Test
    void hangupCommand_resultThenNoticeThenDeadMode() throws Exception {
        var call = simulator.call(server.address(), caller().build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            long sent = System.nanoTime();
            assertThat(agi.command("HANGUP")).isEqualTo("200 result=1");
            assertThat(agi.readLine()).isEqualTo("HANGUP");
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(NOTICE_DELAY);
            assertThat(agi.command("STREAM FILE beep \"\"")).isEqualTo(SimulatedCall.DEAD_CHANNEL);
            assertThat(agi.command("HANGUP")).isEqualTo(SimulatedCall.DEAD_CHANNEL);
            assertThat(agi.command("CHANNEL STATUS")).isEqualTo(SimulatedCall.DEAD_CHANNEL);
            assertThat(agi.command("NOOP still-there")).isEqualTo("200 result=0");
            assertThat(agi.command("GET VARIABLE FOO")).isEqualTo("200 result=0");
            assertThat(agi.command("SET VARIABLE FOO bar")).isEqualTo("200 result=1");
            assertThat(agi.command("GET FULL VARIABLE ${FOO}")).isEqualTo("200 result=1 (bar)");
            assertThat(agi.command("EXEC Verbose hi")).isEqualTo("200 result=0");
            assertThat(agi.command("DATABASE PUT fam key v")).isEqualTo("200 result=1");
            assertThat(agi.command("DATABASE GET fam key")).isEqualTo("200 result=1 (v)");
            assertThat(agi.command("FOO")).isEqualTo("510 Invalid or unknown command");
            assertThat(agi.quietFor(200)).isTrue(); // the simulator never closes by itself
        }
        CallOutcome outcome = await(call).outcome().orElseThrow();
        assertThat(outcome.status()).isEqualTo(AgiStatus.HANGUP);
        assertThat(outcome.continuesAt()).isEmpty();
        assertThat(outcome.hangupSource()).isEqualTo(HangupSource.AGI);
        assertThat(outcome.closeAfterHangupNotice()).isPresent();
    }

    @Test
    void hangupCommand_commandSentBeforeNoticeIsAnsweredAfterIt() throws Exception {
        var call = simulator.call(server.address(), caller().build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            agi.send("HANGUP");
            agi.send("NOOP after-hangup");
            assertThat(agi.readLines(3)).containsExactly("200 result=1", "HANGUP", "200 result=0");
        }
        await(call);
    }

    @Test
    void callerHangsUpDuringWaitForDigit_minusOneThenNotice() throws Exception {
        var script = caller().hangUp(new HangupPlan.DuringInput(1, Duration.ofSeconds(3))).build();
        var call = simulator.call(server.address(), script);
        try (var agi = server.accept()) {
            agi.readEnvironment();
            assertThat(agi.command("ANSWER")).isEqualTo("200 result=0");
            assertThat(agi.command("WAIT FOR DIGIT 15000")).isEqualTo("200 result=-1");
            assertThat(agi.readLine()).isEqualTo("HANGUP");
            assertThat(agi.command("NOOP one")).isEqualTo("200 result=0");
            assertThat(agi.command("STREAM FILE beep \"\"")).isEqualTo(SimulatedCall.DEAD_CHANNEL);
            assertThat(agi.command("GET VARIABLE FOO")).isEqualTo("200 result=0");
            assertThat(agi.command("HANGUP")).isEqualTo(SimulatedCall.DEAD_CHANNEL);
        }
        CallOutcome outcome = await(call).outcome().orElseThrow();
        assertThat(outcome.status()).isEqualTo(AgiStatus.HANGUP);
        assertThat(outcome.hangupSource()).isEqualTo(HangupSource.CALLER);
    }

    @Test
    void callerHangsUpDuringStreamFile_endposSoFar() throws Exception {
        var script = caller().hangUp(new HangupPlan.DuringSound("tt-monkeys", Duration.ofSeconds(2))).build();
        var call = simulator.call(server.address(), script);
        try (var agi = server.accept()) {
            agi.readEnvironment();
            String reply = agi.command("STREAM FILE tt-monkeys \"\"");
            assertThat(reply).startsWith("200 result=-1 endpos=");
            long endpos = Long.parseLong(reply.substring("200 result=-1 endpos=".length()));
            assertThat(endpos % 160).isZero();
            assertThat(endpos).isBetween(16_000L, 100_000L); // 2 s in, give or take a loaded machine
            assertThat(agi.readLine()).isEqualTo("HANGUP");
        }
        CallTranscript transcript = await(call);
        assertThat(transcript.sounds()).singleElement().extracting(CallTranscript.SoundHeard::end)
                .isEqualTo(CallTranscript.SoundEnd.HANGUP);
        // The failed STREAM FILE came from the hang-up: AGISTATUS stays HANGUP, not FAILURE.
        assertThat(transcript.outcome().orElseThrow().status()).isEqualTo(AgiStatus.HANGUP);
    }

    @Test
    void callerHangsUpDuringGetData_minusOne() throws Exception {
        var script = caller().hangUp(new HangupPlan.DuringInput(1, Duration.ofMillis(1000))).build();
        var call = simulator.call(server.address(), script);
        try (var agi = server.accept()) {
            agi.readEnvironment();
            assertThat(agi.command("GET DATA beep 8000 4")).isEqualTo("200 result=-1");
            assertThat(agi.readLine()).isEqualTo("HANGUP");
        }
        await(call);
    }

    @Test
    void callerHangsUpWhileIdle_noticeAtOnceAndSocketKept() throws Exception {
        var script = caller().hangUpAfter(Duration.ofSeconds(3)).build();
        var call = simulator.call(server.address(), script);
        try (var agi = server.accept()) {
            agi.readEnvironment();
            assertThat(agi.readLine()).isEqualTo("HANGUP");
            assertThat(agi.quietFor(200)).isTrue();
            assertThat(call).isNotDone();
        }
        CallOutcome outcome = await(call).outcome().orElseThrow();
        // Idle, the loop reads the hang-up at once: no reply to wait for, so no notice delay.
        assertThat(outcome.hangupNoticeAt().getAsLong() - outcome.hangupAt().getAsLong())
                .isLessThan(NOTICE_DELAY.toNanos() / 4);
        assertThat(outcome.closeAfterHangupNotice().orElseThrow()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void agiSighupNo_noNoticeButDeadMode() throws Exception {
        var script = caller().channelVariable("AGISIGHUP", "no").hangUpAfter(Duration.ofSeconds(1)).build();
        var call = simulator.call(server.address(), script);
        try (var agi = server.accept()) {
            agi.readEnvironment();
            assertThat(agi.quietFor(300)).isTrue();
            assertThat(agi.command("STREAM FILE beep \"\"")).isEqualTo(SimulatedCall.DEAD_CHANNEL);
        }
        assertThat(await(call).outcome().orElseThrow().status()).isEqualTo(AgiStatus.HANGUP);
    }

    @Test
    void agiExitOnHangup_twoNoticesAndAsteriskCloses() throws Exception {
        var script = caller().channelVariable("AGIEXITONHANGUP", "yes").hangUpAfter(Duration.ofSeconds(1)).build();
        var call = simulator.call(server.address(), script);
        try (var agi = server.accept()) {
            agi.readEnvironment();
            assertThat(agi.readLines(2)).containsExactly("HANGUP", "HANGUP");
            CallOutcome outcome = await(call).outcome().orElseThrow();
            assertThat(outcome.closedBySimulator()).isTrue();
        }
    }

    @Test
    void setContextExtensionPriority_whereTheDialplanGoesOn() throws Exception {
        var call = simulator.call(server.address(), caller().build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            assertThat(agi.command("SET CONTEXT after-ivr")).isEqualTo("200 result=0");
            assertThat(agi.command("SET EXTENSION 100")).isEqualTo("200 result=0");
            assertThat(agi.command("SET PRIORITY 5")).isEqualTo("200 result=0");
            agi.send("SET PRIORITY somelabel");
            assertThat(agi.readLine()).isEqualTo("520-Invalid command syntax.  Proper usage follows:");
            assertThat(agi.readLines(2)).endsWith("520 End of proper usage.");
            assertThat(agi.command("GET FULL VARIABLE ${CONTEXT},${EXTEN}")).isEqualTo("200 result=1 (after-ivr,100)");
        }
        CallOutcome outcome = await(call).outcome().orElseThrow();
        assertThat(outcome.status()).isEqualTo(AgiStatus.SUCCESS);
        assertThat(outcome.continuesAt()).contains(new DialplanLocation("after-ivr", "100", 5));
    }

    @Test
    void channelLanguage_readAndWritten() throws Exception {
        var call = simulator.call(server.address(), caller().language("fr").build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            assertThat(agi.command("GET VARIABLE CHANNEL(language)")).isEqualTo("200 result=1 (fr)");
            assertThat(agi.command("SET VARIABLE CHANNEL(language) en")).isEqualTo("200 result=1");
            assertThat(agi.command("GET VARIABLE CHANNEL(language)")).isEqualTo("200 result=1 (en)");
            assertThat(agi.command("GET VARIABLE NOSUCHFUNC(x)")).isEqualTo("200 result=0");
        }
        await(call);
    }

    @Test
    void channelStatus_ringingUntilAnswered() throws Exception {
        var call = simulator.call(server.address(), caller().answered(false).build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            assertThat(agi.command("CHANNEL STATUS")).isEqualTo("200 result=4");
            assertThat(agi.command("ANSWER")).isEqualTo("200 result=0");
            assertThat(agi.command("CHANNEL STATUS")).isEqualTo("200 result=6");
        }
        await(call);
    }

    @Test
    void musicOnHold_keptByWaitForDigitStoppedByPrompt() throws Exception {
        var call = simulator.call(server.address(), caller().build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            agi.command("SET MUSIC ON default");
            agi.command("WAIT FOR DIGIT 100");
            agi.command("STREAM FILE beep \"\"");
        }
        List<CallTranscript.MusicChange> music = await(call).music();
        assertThat(music).extracting(CallTranscript.MusicChange::on).containsExactly(true, false);
        assertThat(music.get(1).atNanos()).isGreaterThan(music.get(0).atNanos() + 1_000_000);
    }

    @Test
    void connectionRefused_statusFailure() throws Exception {
        var address = server.address();
        server.close();
        CallTranscript transcript = await(simulator.call(address, caller().build()));
        CallOutcome outcome = transcript.outcome().orElseThrow();
        assertThat(outcome.connectFailed()).isTrue();
        assertThat(outcome.status()).isEqualTo(AgiStatus.FAILURE);
    }

    @Test
    void serverLatency_measuredFromReplyToNextCommand() throws Exception {
        var call = simulator.call(server.address(), caller().build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            agi.command("NOOP a");
            Thread.sleep(200); // the server "thinks": this is what the latency measures
            agi.command("NOOP b");
        }
        List<Long> latencies = await(call).serverLatencies();
        assertThat(latencies).hasSize(2);
        // At least half the pause: the measure starts when the reply is written, a little before the server reads it.
        assertThat(latencies.get(1)).isGreaterThanOrEqualTo(100_000_000L);
    }

    @Test
    void longLine_cutAt2047BytesAsAsteriskReadsIt() throws Exception {
        var call = simulator.call(server.address(), caller().build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            String prefix = "SET VARIABLE LONG ";
            String value = "x".repeat(3000);
            agi.send(prefix + value);
            assertThat(agi.readLines(2)).containsExactly("200 result=1", "510 Invalid or unknown command");
            assertThat(agi.command("GET FULL VARIABLE ${LONG}"))
                    .isEqualTo("200 result=1 (" + "x".repeat(2047 - prefix.length()) + ")");
            // GET VARIABLE reads into a 1024-byte buffer
            assertThat(agi.command("GET VARIABLE LONG")).isEqualTo("200 result=1 (" + "x".repeat(1023) + ")");
        }
        await(call);
    }

    @Test
    void redirect_whileIdle_hangupLineDeadModeThenDialplanAtTarget() throws Exception {
        LiveCall live = simulator.place(server.address(), caller().build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            assertThat(agi.command("SET MUSIC ON default")).isEqualTo("200 result=0");
            assertThat(live.redirect("exp_connect", "s", 1).get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(agi.readLine()).isEqualTo("HANGUP");
            assertThat(agi.command("NOOP still-there")).isEqualTo("200 result=0");
            assertThat(agi.command("GET VARIABLE CHANNEL")).isEqualTo("200 result=1 (" + live.channelName() + ")");
            assertThat(agi.command("GET FULL VARIABLE ${CONTEXT},${EXTEN},${PRIORITY}"))
                    .isEqualTo("200 result=1 (exp_connect,s,1)");
            assertThat(agi.command("STREAM FILE beep \"\"")).isEqualTo(SimulatedCall.DEAD_CHANNEL);
            assertThat(agi.command("CHANNEL STATUS")).isEqualTo(SimulatedCall.DEAD_CHANNEL);
        }
        CallOutcome outcome = await(live.finished()).outcome().orElseThrow();
        assertThat(outcome.status()).isEqualTo(AgiStatus.HANGUP);
        assertThat(outcome.hangupSource()).isEqualTo(HangupSource.REDIRECT);
        assertThat(outcome.continuesAt()).contains(new DialplanLocation("exp_connect", "s", 1));
    }

    @Test
    void redirect_duringWaitForDigit_minusOneThenHangupLine() throws Exception {
        LiveCall live = simulator.place(server.address(), caller().build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            agi.send("WAIT FOR DIGIT 100000");
            assertThat(agi.quietFor(100)).isTrue();
            live.redirect("exp_connect", "s", 1);
            assertThat(agi.readLines(2)).containsExactly("200 result=-1", "HANGUP");
        }
        await(live.finished());
    }

    @Test
    void liveCall_keyAndHangupFromOutside() throws Exception {
        LiveCall live = simulator.place(server.address(), caller().build());
        try (var agi = server.accept()) {
            agi.readEnvironment();
            agi.send("WAIT FOR DIGIT 100000");
            assertThat(agi.quietFor(100)).isTrue();
            live.pressKey('5');
            assertThat(agi.readLine()).isEqualTo("200 result=53");
            live.hangUp();
            assertThat(agi.readLine()).isEqualTo("HANGUP");
            assertThat(live.redirect("x", "s", 1).get(5, TimeUnit.SECONDS)).isFalse();
        }
        assertThat(await(live.finished()).outcome().orElseThrow().hangupSource()).isEqualTo(HangupSource.CALLER);
    }

    @Test
    void liveCall_hangUpBeforeTheConnection_environmentThenHangupNoError() throws Exception {
        LiveCall live = simulator.place(server.address(), caller().build());
        live.hangUp(); // most likely before the TCP connection is up: nothing may be written yet
        try (var agi = server.accept()) {
            assertThat(agi.readEnvironment()).endsWith("\n\n");
            assertThat(agi.readLine()).isEqualTo("HANGUP");
            assertThat(agi.command("NOOP")).isEqualTo("200 result=0");
        }
        CallOutcome outcome = await(live.finished()).outcome().orElseThrow();
        assertThat(outcome.hangupSource()).isEqualTo(HangupSource.CALLER);
        assertThat(outcome.status()).isEqualTo(AgiStatus.HANGUP);
    }
}
