package org.rappel.callback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.rappel.ami.AmiActionFailedException;
import org.rappel.ami.AmiConnection;
import org.rappel.ami.OriginateAction;
import org.rappel.ami.OriginateReason;
import org.rappel.ami.OriginateResponseEvent;
import org.rappel.store.AttemptOutcome;
import org.rappel.store.AttemptRecorded;
import org.rappel.store.AttemptReport;
import org.rappel.store.CallbackRequest;
import org.rappel.store.CallbackState;
import org.rappel.store.CallbackStore;
import org.rappel.store.Disposition;
import org.rappel.store.NodeId;
import org.rappel.store.PhoneMask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places one attempt of a callback this node has claimed ({@link CallbackStore#claimDue} / {@link
 * CallbackStore#claim}) and records how it ended.
 *
 * <p>Contract of {@link #dial}:
 * <ul>
 * <li>Outside {@link CallingHours} nothing is dialed: the claim is given back ({@link CallbackStore#release}, no
 * attempt counted) and the result says when the window opens. The same when the AMI link is not ready.</li>
 * <li>The callback is marked {@code DIALING} with a lease of ring timeout + margin <em>before</em> the Originate
 * goes out, so that a node that dies mid-call leaves a lease that outlives the ringing: no other node dials the
 * citizen while this call may still ring.</li>
 * <li>The Originate is asynchronous, to {@link DialerSettings#channelFor} the number, into
 * {@code context,exten,priority}, with the configured caller id, ring timeout and
 * {@code Variable: RAPPEL_CALLBACK_ID=<id>}.</li>
 * <li>The {@code OriginateResponse} reason gives the {@link AttemptOutcome} (4 answered, 5 busy, 3 no answer, 8
 * congestion, 0 and anything else failed); the attempt and the {@link Disposition} from the retry policy (done when
 * answered; else a retry after the back-off, moved into the next calling window, while attempts remain; else
 * failed) are written in one {@link CallbackStore#recordAttempt}.</li>
 * <li>When the AMI link drops (or no {@code OriginateResponse} comes) after the Originate went out, the call may
 * have rung or even be answered: the attempt is recorded as {@code FAILED} with an "outcome unknown" reason and the
 * normal retry policy, never as answered. The retry lies a back-off away, well past the ring timeout, so a call
 * still going on is not doubled by an immediate redial (as {@code release} would do).</li>
 * <li>A store failure fails the returned future with the {@link org.rappel.store.StoreException}; the claim then
 * ends with its lease.</li>
 * </ul>
 *
 * <p>Dialplan needed on Asterisk (the FastAGI host and port as configured; the AGI may arrive before the
 * {@code OriginateResponse}, so the callback script matches the call by its {@code id}, never by the event):
 * <pre>
 * [rappel-callback]
 * exten =&gt; s,1,NoOp(Rappel callback ${RAPPEL_CALLBACK_ID})
 *  same =&gt; n,AGI(agi://rappel-host:4573/callback?id=${RAPPEL_CALLBACK_ID})
 *  same =&gt; n,Hangup()
 * </pre>
 *
 * <p>Threads: {@link #dial} may be called from any thread and returns at once; the store is only called on
 * {@code storeWorker} (it blocks: never a Netty event loop), and the returned future completes there. No mutable
 * state of its own.
 *
 * <p>Metrics: {@code rappel.callback.attempts{outcome}} per recorded attempt, {@code rappel.callback.failed} per
 * callback given up. Logs show the number masked ({@link PhoneMask}).
 */
public final class CallbackDialer {
    /** The channel variable that carries the callback id into the dialplan. */
    public static final String ID_VARIABLE = "RAPPEL_CALLBACK_ID";

    private static final Logger log = LoggerFactory.getLogger(CallbackDialer.class);
    /** E.164: the number goes into an AMI header, so nothing but a plus and digits may pass. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    private final CallbackStore store;
    private final AmiConnection ami;
    private final Clock clock;
    private final NodeId node;
    private final DialerSettings settings;
    private final RetryPolicy retries;
    private final Executor storeWorker;
    private final Map<AttemptOutcome, Counter> attempts = new EnumMap<>(AttemptOutcome.class);
    private final Counter failed;

    public CallbackDialer(CallbackStore store, AmiConnection ami, Clock clock, NodeId node, DialerSettings settings,
                          Executor storeWorker, MeterRegistry registry) {
        this.store = Objects.requireNonNull(store, "store");
        this.ami = Objects.requireNonNull(ami, "ami");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.node = Objects.requireNonNull(node, "node");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.retries = RetryPolicy.of(settings);
        this.storeWorker = Objects.requireNonNull(storeWorker, "storeWorker");
        for (AttemptOutcome outcome : AttemptOutcome.values()) {
            attempts.put(outcome, Counter.builder("rappel.callback.attempts")
                    .description("Callback dial attempts recorded, by outcome")
                    .tag("outcome", outcome.name().toLowerCase())
                    .register(registry));
        }
        this.failed = Counter.builder("rappel.callback.failed")
                .description("Callbacks given up after their last attempt")
                .register(registry);
    }

    /**
     * Dials the citizen once for this claimed callback. Fails at once with {@link IllegalArgumentException} when
     * the number is not E.164.
     */
    public CompletableFuture<DialResult> dial(CallbackRequest callback) {
        if (!E164.matcher(callback.number()).matches()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "callback " + callback.id() + ": number is not E.164: " + PhoneMask.mask(callback.number())));
        }
        return CompletableFuture.supplyAsync(() -> beforeDial(callback), storeWorker)
                .thenCompose(early -> early.map(CompletableFuture::completedFuture)
                        .orElseGet(() -> placeCall(callback)));
    }

    /**
     * Agent-first: rings the reserved agent ({@code agentChannel}, e.g. {@code PJSIP/agent101}) into the callback
     * context; the callback script then dials the citizen from the agent's call. The {@code DIALING} lease covers
     * both rings. Completes with {@link DialResult.AgentAnswered} (the script takes over and must end with {@link
     * #recordOutcome}), {@link DialResult.AgentMissed} (claim given back, no attempt counted), or an early result as
     * {@link #dial} gives. A lost AMI link after the Originate counts as the agent not answering: the citizen was
     * not called from this Originate.
     */
    public CompletableFuture<DialResult> ringAgent(CallbackRequest callback, String agentChannel) {
        if (!E164.matcher(callback.number()).matches()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "callback " + callback.id() + ": number is not E.164: " + PhoneMask.mask(callback.number())));
        }
        return CompletableFuture.supplyAsync(() -> beforeDial(callback, 2), storeWorker)
                .thenCompose(early -> early.map(CompletableFuture::completedFuture)
                        .orElseGet(() -> placeAgentCall(callback, agentChannel)));
    }

    /**
     * Records the outcome of an attempt whose citizen leg the callback script placed itself (agent-first: the Dial
     * from the agent's call; {@code DIALSTATUS} gives the outcome), with the retry policy's disposition.
     */
    public CompletableFuture<DialResult> recordOutcome(CallbackRequest callback, Instant started,
                                                       AttemptOutcome outcome, String reason) {
        return CompletableFuture.supplyAsync(() -> record(callback, started, outcome, reason), storeWorker);
    }

    /**
     * Renews the {@code DIALING} lease while a call of this callback goes on (a long conversation, agent-first),
     * so that no other node takes it meanwhile. False when the claim is no longer this node's.
     */
    public CompletableFuture<Boolean> renewLease(CallbackRequest callback) {
        return CompletableFuture.supplyAsync(() -> store.markDialing(callback.id(), node,
                clock.instant().plus(settings.ringTimeout()).plus(settings.leaseMargin())), storeWorker);
    }

    /** The dial string toward the citizen (the configured template with the number). */
    public String citizenChannel(CallbackRequest callback) {
        return settings.channelFor(callback.number());
    }

    /** Whether a call can be placed now: the AMI link is up. */
    public boolean isReady() {
        return ami.isReady();
    }

    public DialerSettings settings() {
        return settings;
    }

    private CompletableFuture<DialResult> placeAgentCall(CallbackRequest callback, String agentChannel) {
        Instant started = clock.instant();
        OriginateAction originate = OriginateAction.toExtension(agentChannel, settings.context(), settings.exten(),
                        settings.priority())
                .withCallerId(settings.callerId())
                .withTimeout(settings.ringTimeout())
                .withVariable(ID_VARIABLE, callback.id().toString());
        return ami.originate(originate).outcome().handleAsync((event, error) -> {
            if (error == null && event.reason() == OriginateReason.ANSWERED) {
                return new DialResult.AgentAnswered(started);
            }
            OriginateReason reason = error == null ? event.reason() : OriginateReason.FAILED;
            store.release(callback.id(), node);
            log.info("callback {}: agent {} did not answer ({}), claim given back", callback.id(), agentChannel,
                    error == null ? reason : error.toString());
            return new DialResult.AgentMissed(reason);
        }, storeWorker);
    }

    /** The store side before any call: hours, link, and the {@code DIALING} mark; a result means "do not dial". */
    private Optional<DialResult> beforeDial(CallbackRequest callback) {
        return beforeDial(callback, 1);
    }

    private Optional<DialResult> beforeDial(CallbackRequest callback, int rings) {
        Instant now = clock.instant();
        CallingHours hours = settings.callingHours();
        if (!hours.isOpen(now)) {
            store.release(callback.id(), node);
            Instant nextOpen = hours.nextOpen(now);
            log.info("callback {} to {}: outside calling hours, not dialed before {}", callback.id(),
                    PhoneMask.mask(callback.number()), nextOpen);
            return Optional.of(new DialResult.OutsideCallingHours(nextOpen));
        }
        if (!ami.isReady()) {
            store.release(callback.id(), node);
            log.warn("callback {} to {}: AMI link not ready, claim given back", callback.id(),
                    PhoneMask.mask(callback.number()));
            return Optional.of(new DialResult.AmiUnavailable());
        }
        Instant leaseUntil = now.plus(settings.ringTimeout().multipliedBy(rings)).plus(settings.leaseMargin());
        if (!store.markDialing(callback.id(), node, leaseUntil)) {
            log.info("callback {}: no longer claimed by {}, not dialed", callback.id(), node);
            return Optional.of(new DialResult.ClaimLost(false));
        }
        return Optional.empty();
    }

    private CompletableFuture<DialResult> placeCall(CallbackRequest callback) {
        Instant started = clock.instant();
        OriginateAction originate = OriginateAction.toExtension(settings.channelFor(callback.number()),
                        settings.context(), settings.exten(), settings.priority())
                .withCallerId(settings.callerId())
                .withTimeout(settings.ringTimeout())
                .withVariable(ID_VARIABLE, callback.id().toString());
        log.debug("callback {} to {}: originate attempt {}", callback.id(), PhoneMask.mask(callback.number()),
                callback.attempts() + 1);
        return ami.originate(originate).outcome()
                .handleAsync((event, error) -> settle(callback, started, event, error), storeWorker);
    }

    private DialResult settle(CallbackRequest callback, Instant started, OriginateResponseEvent event,
                              Throwable error) {
        AttemptOutcome outcome;
        String reason;
        if (error == null) {
            outcome = outcomeOf(event.reason());
            reason = "originate reason " + event.reasonCode();
        } else {
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            outcome = AttemptOutcome.FAILED;
            reason = cause instanceof AmiActionFailedException
                    ? "originate refused: " + cause.getMessage()
                    : "outcome unknown: " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        return record(callback, started, outcome, reason);
    }

    /** Records an attempt now, on the calling thread (a store worker: it blocks). */
    DialResult record(CallbackRequest callback, Instant started, AttemptOutcome outcome, String reason) {
        Instant now = clock.instant();
        Instant ended = now.isBefore(started) ? started : now;
        int attemptNo = callback.attempts() + 1;
        Disposition next = retries.after(attemptNo, outcome, ended);
        Optional<AttemptRecorded> recorded = store.recordAttempt(callback.id(), node,
                new AttemptReport(started, ended, outcome, reason), next);
        if (recorded.isEmpty()) {
            if (outcome == AttemptOutcome.ANSWERED && store.find(callback.id())
                    .filter(c -> c.state() == CallbackState.DONE).isPresent()) {
                // The answer was already written by the other witness (the callback script, or the
                // OriginateResponse): the same fact told twice.
                log.debug("callback {}: answer already recorded", callback.id());
                return new DialResult.ClaimLost(true);
            }
            log.warn("callback {} to {}: attempt {} ended {} but the claim was lost; not recorded", callback.id(),
                    PhoneMask.mask(callback.number()), attemptNo, outcome);
            return new DialResult.ClaimLost(true);
        }
        attempts.get(outcome).increment();
        if (next instanceof Disposition.Failed) {
            failed.increment();
        }
        log.info("callback {} to {}: attempt {} {} ({}), then {}", callback.id(), PhoneMask.mask(callback.number()),
                recorded.get().attempt().attemptNo(), outcome, reason, next);
        return new DialResult.Attempted(recorded.get(), next);
    }

    static AttemptOutcome outcomeOf(OriginateReason reason) {
        return switch (reason) {
            case ANSWERED -> AttemptOutcome.ANSWERED;
            case BUSY -> AttemptOutcome.BUSY;
            case NO_ANSWER -> AttemptOutcome.NO_ANSWER;
            case CONGESTION -> AttemptOutcome.CONGESTION;
            case FAILED, HUNG_UP, OTHER -> AttemptOutcome.FAILED;
        };
    }
}
