package org.rappel.flow;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.rappel.agi.AgiCommand;
import org.rappel.agi.AgiHangupException;
import org.rappel.agi.AgiReply;
import org.rappel.agi.AgiSession;
import org.rappel.callback.CallbackDesk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call going through one hotline's flow: a non-blocking state machine over the call's {@link AgiSession}.
 *
 * <p>Nodes return {@link Step}s and this run carries them out in a loop (a trampoline): node to node without a
 * command in between stays in the loop; a command is sent and its reply handled in a new task on the session's
 * executor. No thread waits, and the stack does not grow with the length of the call.
 *
 * <p>The caller hanging up ({@link AgiSession#hangup()}, {@link AgiHangupException}, {@code 511} dead channel,
 * {@code result=-1}) ends the run
 * as {@link FlowOutcome#CALLER_HANGUP}, without an error log: it is the normal end of many calls. A
 * {@code STREAM FILE} answered {@code result=-1 endpos=0} while the call is up is a missing sound file: counted,
 * warned about, and the flow goes on. A command Asterisk refuses ({@code 510}, {@code 520}) or a bug ends the run as
 * {@link FlowOutcome#ERROR}. {@link #start()}'s future always completes normally, with the outcome.
 *
 * <p>Thread: everything runs on {@link AgiSession#executor()}, which owns this object.
 */
final class FlowRun {

    private static final Logger log = LoggerFactory.getLogger(FlowRun.class);

    /** Node hops without a command in between: beyond, the flow spins without talking to Asterisk. */
    private static final int MAX_HOPS_WITHOUT_COMMAND = 1000;

    private final Hotline hotline;
    private final AgiSession session;
    private final Executor executor;
    private final FlowMetrics metrics;
    private final CallState call;
    private final CompletableFuture<FlowOutcome> outcome = new CompletableFuture<>();
    private String node = "(answer)";
    private boolean handedOver;
    /** Our own {@code HANGUP} is in flight: the notice that follows it is no caller hang-up. */
    private boolean hangingUp;

    FlowRun(Hotline hotline, AgiSession session, FlowMetrics metrics, ServiceQueue queue) {
        this(hotline, session, metrics, queue, Optional.empty());
    }

    FlowRun(Hotline hotline, AgiSession session, FlowMetrics metrics, ServiceQueue queue,
            Optional<CallbackDesk> callbacks) {
        this.hotline = hotline;
        this.session = session;
        this.executor = session.executor();
        this.metrics = metrics;
        this.call = new CallState(session, hotline.name(), metrics, queue, callbacks);
    }

    /** Starts the flow; the future completes, on the session's executor, once the call has left it. */
    CompletableFuture<FlowOutcome> start() {
        metrics.started();
        log.debug("call {} enters hotline {}", session.request().uniqueId(), hotline.name());
        Step first = new Step.Next(hotline.start());
        Step opening = hotline.answer() ? new Step.Send(AgiCommand.answer(), reply -> first) : first;
        executor.execute(() -> proceed(() -> opening));
        session.hangup().whenCompleteAsync((gone, error) -> callerGone(), executor);
        return outcome;
    }

    /**
     * The {@code HANGUP} notice ends the flow at once, so the server can close promptly; a reply still in flight
     * then finds the run over. A queue holding the call decides its outcome itself (a caller served by an agent
     * hangs up too).
     */
    private void callerGone() {
        if (!handedOver) {
            finish(hangingUp ? FlowOutcome.HUNG_UP : FlowOutcome.CALLER_HANGUP);
        }
    }

    private void proceed(Supplier<Step> next) {
        if (outcome.isDone()) {
            return;
        }
        try {
            Step step = next.get();
            int hops = 0;
            while (step instanceof Step.Next jump) {
                if (++hops > MAX_HOPS_WITHOUT_COMMAND) {
                    throw new IllegalStateException("flow loops without sending any command");
                }
                FlowNode target = hotline.node(jump.node());
                node = target.name();
                step = target.enter(call);
            }
            if (step instanceof Step.Send send) {
                send(send);
            } else if (step instanceof Step.End end) {
                finish(end.outcome());
            } else if (step instanceof Step.Await<?> await) {
                await(await);
            } else if (step instanceof Step.HandOver handOver) {
                handedOver = true;
                handOver(handOver.queue().get());
            }
        } catch (RuntimeException e) {
            log.error("call {} in hotline {}: node {} failed", session.request().uniqueId(), hotline.name(), node, e);
            call.nodeError(node, "internal");
            finish(FlowOutcome.ERROR);
        }
    }

    private void send(Step.Send send) {
        if (session.isHungUp()) {
            finish(FlowOutcome.CALLER_HANGUP);
            return;
        }
        hangingUp = send.command().verb().equals("HANGUP");
        session.send(send.command()).whenCompleteAsync((reply, error) -> {
            if (error != null) {
                failed(error);
            } else {
                replied(send, reply);
            }
        }, executor);
    }

    private <T> void await(Step.Await<T> await) {
        await.stage().whenCompleteAsync((value, error) -> proceed(() -> await.then().apply(value, error)), executor);
    }

    private void replied(Step.Send send, AgiReply reply) {
        if (outcome.isDone()) {
            return;
        }
        if (reply instanceof AgiReply.Success success) {
            if (!success.failed()) {
                proceed(() -> send.then().apply(success));
            } else if (PromptFailure.nothingPlayed(send.command(), success)) {
                PromptFailure.settle(session, () -> {
                    if (outcome.isDone()) {
                        return;
                    }
                    log.warn("hotline {} node {}: sound {} could not be played (missing file?)", hotline.name(),
                            node, send.command().arguments().get(0));
                    call.nodeError(node, "sound_failed");
                    proceed(() -> send.then().apply(success));
                }, () -> finish(FlowOutcome.CALLER_HANGUP));
            } else {
                finish(FlowOutcome.CALLER_HANGUP);
            }
        } else if (reply instanceof AgiReply.DeadChannel) {
            finish(FlowOutcome.CALLER_HANGUP);
        } else {
            log.warn("call {} in hotline {}: Asterisk refused '{}' in node {}: {}", session.request().uniqueId(),
                    hotline.name(), send.command().verb(), node, reply);
            call.nodeError(node, "agi_refused");
            finish(FlowOutcome.ERROR);
        }
    }

    private void failed(Throwable error) {
        if (outcome.isDone()) {
            return;
        }
        Throwable cause = unwrap(error);
        if (cause instanceof AgiHangupException) {
            finish(FlowOutcome.CALLER_HANGUP);
        } else {
            log.warn("call {} in hotline {}: AGI command failed in node {}", session.request().uniqueId(),
                    hotline.name(), node, cause);
            call.nodeError(node, "internal");
            finish(FlowOutcome.ERROR);
        }
    }

    private void handOver(CompletionStage<FlowOutcome> queued) {
        queued.whenCompleteAsync((left, error) -> {
            if (error == null) {
                finish(left);
            } else if (unwrap(error) instanceof AgiHangupException) {
                finish(FlowOutcome.ENQUEUED_ABANDONED);
            } else {
                log.warn("call {} in hotline {}: the queue of node {} failed", session.request().uniqueId(),
                        hotline.name(), node, unwrap(error));
                call.nodeError(node, "internal");
                finish(FlowOutcome.ERROR);
            }
        }, executor);
    }

    private void finish(FlowOutcome how) {
        if (outcome.isDone()) {
            return;
        }
        metrics.finished(hotline.name(), how);
        log.debug("call {} leaves hotline {} at node {}: {}", session.request().uniqueId(), hotline.name(), node,
                how.tag());
        outcome.complete(how);
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
