package org.rappel.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.StringReader;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.rappel.callback.CallbackDesk;
import org.rappel.store.CallbackRequest;
import org.rappel.store.CallbackState;

/** The {@code callback-status} node: cancelling a pending callback on a new call, and how the node is read. */
class CallbackStatusNodeTest {

    private static final String FLOW = """
            hotlines:
              test:
                start: status
                answer: false
                nodes:
                  status:
                    type: callback-status
                    next: bye
                  bye:
                    type: hangup
            """;

    private final ManualScheduler scheduler = new ManualScheduler();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryCallbackDesk office = new InMemoryCallbackDesk();
    private ScriptedAgiSession session = new ScriptedAgiSession(scheduler, "test");

    private CompletableFuture<FlowOutcome> run(Optional<CallbackDesk> desk) throws FlowDefinitionException {
        Hotline hotline = FlowFile.read("test.yaml", new StringReader(FLOW)).get("test");
        CompletableFuture<FlowOutcome> done = new FlowRun(hotline, session, new FlowMetrics(registry),
                request -> CompletableFuture.completedFuture(FlowOutcome.ENQUEUED_CONNECTED), desk).start();
        scheduler.runReady();
        return done;
    }

    @Test
    void pending_cancelKey_cancelsAndSaysSoThenNext() throws Exception {
        CallbackRequest pending = office.store("+33612345678", "prestations");
        CompletableFuture<FlowOutcome> done = run(Optional.of(office));

        session.expect("GET DATA rappel/callback-pending 5000 1", "200 result=1");
        session.expect("STREAM FILE rappel/callback-cancelled \"\"", "200 result=0 endpos=8000");
        session.expect("HANGUP", "200 result=1");

        assertThat(done).isCompletedWithValue(FlowOutcome.HUNG_UP);
        assertThat(office.cancelled).containsExactly(pending.id());
        assertThat(office.saved).singleElement().extracting(CallbackRequest::state)
                .isEqualTo(CallbackState.CANCELLED);
    }

    @Test
    void pending_keepKeyOrTimeoutOrOddKey_keptAndNext() throws Exception {
        for (String answer : new String[] {"200 result=2", "200 result= (timeout)", "200 result=*", "200 result="}) {
            session = new ScriptedAgiSession(scheduler, "test");
            office.store("+33612345678", "logement");
            run(Optional.of(office));

            session.expect("GET DATA rappel/callback-pending 5000 1", answer);

            assertThat(session.next()).isEqualTo("HANGUP");
            assertThat(office.cancelled).isEmpty();
        }
    }

    @Test
    void nothingPending_straightToNextWithoutAWord() throws Exception {
        office.store("+33145678901", "prestations"); // someone else's
        run(Optional.of(office));

        assertThat(session.next()).isEqualTo("HANGUP");
    }

    @Test
    void unknownCallerId_straightToNext() throws Exception {
        session = new ScriptedAgiSession(scheduler, "test", "PJSIP/trunk-1", "1.1", Optional.empty());
        office.store("+33612345678", "prestations");
        run(Optional.of(office));

        assertThat(session.next()).isEqualTo("HANGUP");
    }

    @Test
    void noCallbackOffice_straightToNext() throws Exception {
        run(Optional.empty());

        assertThat(session.next()).isEqualTo("HANGUP");
    }

    @Test
    void officeDown_straightToNextAndNodeErrorCounted() throws Exception {
        office.store("+33612345678", "prestations");
        office.outage = new IllegalStateException("store down");
        run(Optional.of(office));

        assertThat(session.next()).isEqualTo("HANGUP");
        assertThat(registry.get("rappel.flow.node.errors").tags("node", "status", "reason", "callback_unavailable")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void callerHangsUpWhileAsked_callerHangup() throws Exception {
        office.store("+33612345678", "prestations");
        CompletableFuture<FlowOutcome> done = run(Optional.of(office));
        assertThat(session.next()).startsWith("GET DATA rappel/callback-pending");

        session.callerHangsUp();

        assertThat(done).isCompletedWithValue(FlowOutcome.CALLER_HANGUP);
        assertThat(office.cancelled).isEmpty();
    }

    // ---- reading the node

    private static FlowDefinitionException refused(String yaml) {
        return catchThrowableOfType(FlowDefinitionException.class,
                () -> FlowFile.read("bad.yaml", new StringReader(yaml)));
    }

    @Test
    void parse_customPrompts_kept() throws Exception {
        Hotline hotline = FlowFile.read("ok.yaml", new StringReader(FLOW.replace("        next: bye\n",
                "        next: bye\n        prompt: [rappel/a, rappel/b]\n        cancelled-prompt: rappel/c\n"
                        + "        timeout: 8s\n"))).get("test");
        assertThat(hotline.node("status")).isInstanceOfSatisfying(FlowNode.CallbackStatus.class, node -> {
            assertThat(node.prompt()).containsExactly("rappel/a", "rappel/b");
            assertThat(node.cancelledPrompt()).containsExactly("rappel/c");
            assertThat(node.timeout()).hasSeconds(8);
        });
    }

    @Test
    void parse_unknownKey_refusedWithItsLine() {
        FlowDefinitionException e = refused(FLOW.replace("        next: bye\n",
                "        next: bye\n        choices: {}\n"));
        assertThat(e.getMessage()).startsWith("bad.yaml:9:").contains("unknown key 'choices'");
    }

    @Test
    void parse_missingNext_refused() {
        FlowDefinitionException e = refused(FLOW.replace("        next: bye\n", ""));
        assertThat(e.getMessage()).startsWith("bad.yaml:").contains("missing 'next'");
    }

    @Test
    void parse_nextUnknown_refused() {
        FlowDefinitionException e = refused(FLOW.replace("next: bye", "next: nowhere"));
        assertThat(e.getMessage()).startsWith("bad.yaml:8:").contains("unknown node 'nowhere'");
    }

    private static final String ENQUEUE = """
            hotlines:
              test:
                start: queue
                nodes:
                  queue:
                    type: enqueue
                    service: general
            """;

    @Test
    void parse_enqueueCallbackKeys() throws Exception {
        Hotline hotline = FlowFile.read("ok.yaml", new StringReader(ENQUEUE
                + "        callback: false\n        callback-key: \"*\"\n")).get("test");
        assertThat(hotline.node("queue")).isInstanceOfSatisfying(FlowNode.Enqueue.class, node -> {
            assertThat(node.callback()).isFalse();
            assertThat(node.callbackKey()).isEqualTo('*');
        });
        Hotline defaults = FlowFile.read("ok.yaml", new StringReader(ENQUEUE)).get("test");
        assertThat(defaults.node("queue")).isInstanceOfSatisfying(FlowNode.Enqueue.class, node -> {
            assertThat(node.callback()).isTrue();
            assertThat(node.callbackKey()).isEqualTo('1');
        });
    }

    @Test
    void parse_badCallbackKey_refusedWithItsLine() {
        FlowDefinitionException e = refused(ENQUEUE + "        callback-key: \"12\"\n");
        assertThat(e.getMessage()).startsWith("bad.yaml:8:").contains("callback-key '12'");
        FlowDefinitionException notBool = refused(ENQUEUE + "        callback: yes\n");
        assertThat(notBool.getMessage()).startsWith("bad.yaml:8:").contains("true or false");
    }
}
