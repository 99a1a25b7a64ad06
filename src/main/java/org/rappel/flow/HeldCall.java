package org.rappel.flow;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.rappel.agi.AgiCommand;
import org.rappel.agi.AgiReply;
import org.rappel.agi.AgiSession;
import org.rappel.callback.OfferReason;
import org.rappel.queue.Assignment;
import org.rappel.queue.Contact;
import org.rappel.queue.ContactCenterException;
import org.rappel.queue.ContactKind;
import org.rappel.queue.OfferOutcome;
import org.rappel.queue.RemovalReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One caller in a service's queue, from the {@code enqueue} node until they leave it.
 *
 * <p>On entry the caller becomes a {@link ContactKind#LIVE_CALL} contact (id: the channel's uniqueid; virtual
 * arrival: now) and hears their position and expected wait ({@link WaitPrompts}); then {@code SET MUSIC ON} and a
 * loop of {@code WAIT FOR DIGIT 1000} (music without a break, {@code PROTOCOL.md}). Every
 * {@link HoldPolicy#announceEvery()} the next loop turn plays the flow's hold message and a fresh announcement,
 * then {@code SET MUSIC ON} again (a prompt stops the music).
 *
 * <p>Callbacks, when the queue has a callback office and the enqueue node allows them: after the entry
 * announcement, the office says whether to offer one ({@code CallbackDesk.offerReason}: long wait, surge, closed);
 * and at any time on hold the node's callback key (default {@code 1}) starts the {@link CallbackDialog}, during the
 * music and during the announcements alike (the key interrupts them, so it is never lost). Other keys on hold are
 * ignored. A confirmed callback ends the hold with {@link FlowOutcome#ENQUEUED_CALLBACK}; the live contact is then
 * withdrawn, never reported as abandoned, and an agent assigned meanwhile is not dialled.
 *
 * <p>When the contact center assigns an agent, the next loop turn sends {@code EXEC Dial <agent>,<ring>,m} (music
 * while it rings) and, when Dial returns, {@code GET VARIABLE DIALSTATUS}:
 * <ul>
 *   <li>{@code ANSWER}: the call with the agent is over: reported ended, {@link FlowOutcome#ENQUEUED_CONNECTED};</li>
 *   <li>{@code BUSY}, {@code NOANSWER}, {@code CHANUNAVAIL}, {@code CONGESTION} (or Dial refused): the offer failed
 *       (the caller keeps their place, the agent is paused); back to music and the loop;</li>
 *   <li>{@code CANCEL}: the caller hung up while the agent rang: abandoned.</li>
 * </ul>
 * If the caller hangs up during the conversation, {@code DIALSTATUS} cannot be read any more: AMI's
 * {@code BridgeEnter} (via the desk) tells whether the agent had answered; without AMI, a Dial that outlasted the
 * ring time by a second must have been answered, a shorter one counts as abandoned while ringing.
 *
 * <p>If the contact center refuses the caller for overload, they hold with music and entry is retried every
 * {@value #ENTER_RETRY_TURNS} seconds; any other refusal ends with {@link FlowOutcome#ERROR}. A caller hanging up
 * while waiting is abandoned. Whatever happens, the desk is told once the caller leaves.
 *
 * <p>Thread: the session's executor; the desk's answers and assignments are hopped onto it.
 */
final class HeldCall {

    private static final Logger log = LoggerFactory.getLogger(HeldCall.class);

    /** One loop turn: keeps the command rate low and lets an assignment be dialled within a second. */
    static final long WAIT_MILLIS = 1000;
    /** Loop turns (seconds) between two tries to enter an overloaded contact center. */
    static final int ENTER_RETRY_TURNS = 5;
    /** Beyond the ring time, a Dial that lasted this much longer was answered. */
    private static final long ANSWERED_MARGIN_MILLIS = 1000;
    /**
     * How long a caller who hung up while the office was storing their callback waits for its answer before the
     * hold ends as abandoned anyway (the office promises an answer; this only bounds a stuck one).
     */
    static final long OFFICE_PATIENCE_AFTER_HANGUP_MILLIS = 10_000;

    private final EnqueueRequest request;
    private final AgiSession session;
    private final ScheduledExecutorService executor;
    private final HoldPolicy policy;
    private final QueueDesk desk;
    private final Clock clock;
    private final Contact contact;
    private final CompletableFuture<FlowOutcome> left = new CompletableFuture<>();
    private final HoldCommands commands;
    /** Empty: no callback is offered to this caller. */
    private final Optional<CallbackSetup> callbacks;
    /** The key that interrupts hold prompts: the callback key, or none. */
    private final String holdKeys;
    /** The callback dialog in progress, if any. */
    private CallbackDialog dialog;
    /** The office stored this caller's callback: the hold ends as a callback whatever happens next. */
    private boolean callbackConfirmed;
    private ScheduledFuture<?> announceTimer;
    private boolean announceDue;
    /** The contact center refused the caller for overload at least once: music is on, entry is retried. */
    private boolean retrying;
    /** Assigned by the contact center, to dial at the next loop turn. */
    private Assignment assignment;
    /** While a Dial to an agent is in flight: its reply, not the hang-up notice, tells how the call went. */
    private Assignment dialling;

    HeldCall(EnqueueRequest request, HoldPolicy policy, QueueDesk desk, Clock clock,
             Optional<CallbackSetup> callbacks) {
        this.request = request;
        this.callbacks = request.callback() ? callbacks : Optional.empty();
        this.holdKeys = this.callbacks.isPresent() ? String.valueOf(request.callbackKey()) : "";
        this.session = request.session();
        this.commands = new HoldCommands(session, request.service(), left::isDone, this::leave);
        this.executor = session.executor();
        this.policy = policy;
        this.desk = desk;
        this.clock = clock;
        Map<String, String> context = new HashMap<>(request.variables());
        context.put("hotline", request.hotline());
        this.contact = new Contact(session.request().uniqueId(), ContactKind.LIVE_CALL, request.service(),
                policy.priorityClass(), clock.instant(), context);
    }

    CompletableFuture<FlowOutcome> start() {
        session.hangup().whenCompleteAsync((gone, error) -> callerGone(), executor);
        desk.enter(contact, session.request().channel(), a -> executor.execute(() -> assigned(a)))
                .whenCompleteAsync(this::entered, executor);
        return left;
    }

    private void callerGone() {
        if (dialling != null) {
            return;
        }
        if (dialog != null && dialog.awaitingOffice()) {
            // The office's answer decides: a stored callback stands. Bounded, so a stuck office frees the call.
            executor.schedule(() -> leave(FlowOutcome.ENQUEUED_ABANDONED), OFFICE_PATIENCE_AFTER_HANGUP_MILLIS,
                    TimeUnit.MILLISECONDS);
        } else {
            leave(FlowOutcome.ENQUEUED_ABANDONED);
        }
    }

    private void assigned(Assignment a) {
        if (!left.isDone() && !callbackConfirmed) {
            assignment = a;
        }
    }

    private void entered(Optional<QueueDesk.WaitInfo> info, Throwable error) {
        if (left.isDone()) {
            return;
        }
        if (error != null && overloaded(error)) {
            // A burst the contact center refuses for now: hold with music and try again, keeping the arrival.
            if (!retrying) {
                retrying = true;
                log.warn("service {}: contact center overloaded, call {} holds and retries", request.service(),
                        contact.id());
                commands.send(AgiCommand.musicOn(request.musicClass()), reply -> retryEnterAfter(ENTER_RETRY_TURNS));
            } else {
                retryEnterAfter(ENTER_RETRY_TURNS);
            }
            return;
        }
        if (error != null) {
            log.warn("service {}: call {} could not be queued: {}", request.service(), contact.id(),
                    FlowRun.unwrap(error).getMessage());
            leave(FlowOutcome.ERROR);
            return;
        }
        log.debug("service {}: call {} queued", request.service(), contact.id());
        long period = policy.announceEvery().toMillis();
        announceTimer = executor.scheduleAtFixedRate(() -> announceDue = true, period, period, TimeUnit.MILLISECONDS);
        if (assignment != null) {
            turn();
        } else {
            play(info.map(i -> WaitPrompts.of(i, holdKeys)).orElse(List.of()), 0,
                    () -> info.ifPresentOrElse(this::offerOnEntry, this::musicThenLoop));
        }
    }

    private void retryEnterAfter(int turns) {
        if (turns == 0) {
            desk.enter(contact, session.request().channel(), a -> executor.execute(() -> assigned(a)))
                    .whenCompleteAsync(this::entered, executor);
        } else {
            commands.send(AgiCommand.waitForDigit(WAIT_MILLIS), reply -> retryEnterAfter(turns - 1));
        }
    }

    private static boolean overloaded(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ContactCenterException.Overloaded) {
                return true;
            }
        }
        return false;
    }

    /** Plays the prompts, then {@code after}; the callback key stops them and starts the dialog. */
    private void play(List<AgiCommand> prompts, int index, Runnable after) {
        if (index == prompts.size()) {
            after.run();
        } else {
            commands.send(prompts.get(index), reply -> {
                if (callbackKey(reply)) {
                    callbackAsked();
                } else {
                    play(prompts, index + 1, after);
                }
            });
        }
    }

    private void musicThenLoop() {
        commands.send(AgiCommand.musicOn(request.musicClass()), reply -> turn());
    }

    // ---- callbacks

    /** After the entry announcement: the offer, when the office says so, else music and the loop. */
    private void offerOnEntry(QueueDesk.WaitInfo info) {
        if (callbacks.isEmpty() || assignment != null) {
            musicThenLoop();
            return;
        }
        OfferReason reason;
        try {
            // The raw estimate when reliable; else what was announced, if it promised a figure at all.
            Optional<Duration> wait = info.expectedWait().isPresent() ? info.expectedWait()
                    : WaitPrompts.approximateWait(info.announcement());
            reason = callbacks.get().desk().offerReason(request.service(), wait, clock.instant());
        } catch (RuntimeException e) {
            log.warn("service {}: callback office failed to say whether to offer a callback", request.service(), e);
            reason = OfferReason.NONE;
        }
        if (reason == OfferReason.NONE) {
            musicThenLoop();
        } else {
            dialog = newDialog();
            dialog.offer(reason);
        }
    }

    private boolean callbackKey(AgiReply.Success reply) {
        return !holdKeys.isEmpty() && reply.digit().filter(key -> key == request.callbackKey()).isPresent();
    }

    /** The callback key on hold: the dialog, unless an agent is already there. */
    private void callbackAsked() {
        if (assignment != null) {
            dial();
            return;
        }
        dialog = newDialog();
        dialog.onKey();
    }

    private CallbackDialog newDialog() {
        return new CallbackDialog(request, commands, callbacks.orElseThrow(), policy, contact,
                new CallbackDialog.Host() {
                    @Override
                    public boolean ended() {
                        return left.isDone();
                    }

                    @Override
                    public boolean agentWaiting() {
                        return assignment != null;
                    }

                    @Override
                    public void connectAgent() {
                        dialog = null;
                        dial();
                    }

                    @Override
                    public void backToHold() {
                        dialog = null;
                        musicThenLoop();
                    }

                    @Override
                    public void confirmed() {
                        callbackConfirmed = true;
                        assignment = null;
                    }

                    @Override
                    public void finish(FlowOutcome how) {
                        leave(how);
                    }
                });
    }

    private void turn() {
        if (left.isDone()) {
            return;
        }
        if (assignment != null) {
            dial();
        } else if (announceDue) {
            announceDue = false;
            desk.waitInfo(contact.id()).whenCompleteAsync((info, error) -> announce(info), executor);
        } else {
            commands.send(AgiCommand.waitForDigit(WAIT_MILLIS), reply -> {
                if (callbackKey(reply)) {
                    callbackAsked();
                } else {
                    turn();
                }
            });
        }
    }

    private void announce(Optional<QueueDesk.WaitInfo> info) {
        if (left.isDone()) {
            return;
        }
        if (assignment != null || info == null || info.isEmpty()) {
            turn();
            return;
        }
        List<AgiCommand> prompts = new ArrayList<>();
        request.holdMessage().forEach(sound -> prompts.add(AgiCommand.streamFile(sound, holdKeys)));
        prompts.addAll(WaitPrompts.of(info.get(), holdKeys));
        play(prompts, 0, this::musicThenLoop);
    }

    // ---- connecting to the agent

    private void dial() {
        Assignment a = assignment;
        assignment = null;
        dialling = a;
        long startedAt = clock.millis();
        log.info("service {}: call {} rings agent {}", request.service(), contact.id(), a.agentId());
        // m(class): the flow's own hold music goes on while the agent rings.
        String options = a.dialString() + "," + policy.ringTimeout().toSeconds() + ",m(" + request.musicClass() + ")";
        CompletableFuture<AgiReply> dialed = session.send(AgiCommand.exec("Dial", options));
        // Queued now, so it is written the moment Dial returns: when the caller hung up, Asterisk's HANGUP notice
        // follows Dial's reply and would make the session refuse a later command, while DIALSTATUS is still
        // readable on the dead channel and tells a served caller from one who gave up while it rang.
        CompletableFuture<AgiReply> dialStatus = session.send(AgiCommand.getVariable("DIALSTATUS"));
        dialed.whenCompleteAsync((reply, error) -> dialReturned(a, startedAt, reply, error, dialStatus), executor);
    }

    private void dialReturned(Assignment a, long startedAt, AgiReply reply, Throwable error,
                              CompletableFuture<AgiReply> dialStatus) {
        if (error != null || reply instanceof AgiReply.DeadChannel) {
            goneDuringDial(a, startedAt);
        } else if (reply instanceof AgiReply.Success) {
            dialStatus.whenCompleteAsync((status, failure) -> dialStatus(a, startedAt, status, failure), executor);
        } else {
            log.warn("service {}: Asterisk refused Dial to agent {} for call {}: {}", request.service(),
                    a.agentId(), contact.id(), reply);
            backToHold(a, OfferOutcome.UNAVAILABLE);
        }
    }

    private void dialStatus(Assignment a, long startedAt, AgiReply reply, Throwable error) {
        if (error != null || !(reply instanceof AgiReply.Success success) || success.failed()) {
            goneDuringDial(a, startedAt);
            return;
        }
        String status = success.data().orElse("");
        switch (status) {
            case "ANSWER" -> {
                dialling = null;
                log.info("service {}: call {} served by agent {}", request.service(), contact.id(), a.agentId());
                desk.ended(contact.id());
                leave(FlowOutcome.ENQUEUED_CONNECTED);
            }
            case "BUSY" -> backToHold(a, OfferOutcome.BUSY);
            case "NOANSWER" -> backToHold(a, OfferOutcome.NO_ANSWER);
            case "CANCEL" -> {
                dialling = null;
                leave(FlowOutcome.ENQUEUED_ABANDONED);
            }
            default -> backToHold(a, OfferOutcome.UNAVAILABLE);
        }
    }

    private void backToHold(Assignment a, OfferOutcome outcome) {
        dialling = null;
        log.info("service {}: agent {} did not take call {} ({}); the caller holds on", request.service(),
                a.agentId(), contact.id(), outcome.pauseReason());
        desk.offerFailed(contact.id(), outcome);
        if (session.isHungUp()) {
            leave(FlowOutcome.ENQUEUED_ABANDONED);
        } else {
            musicThenLoop();
        }
    }

    private void goneDuringDial(Assignment a, long startedAt) {
        dialling = null;
        boolean likelyAnswered = clock.millis() - startedAt
                > policy.ringTimeout().toMillis() + ANSWERED_MARGIN_MILLIS;
        desk.leaveAfterDial(contact.id(), likelyAnswered).whenCompleteAsync((served, error) ->
                leave(Boolean.TRUE.equals(served) ? FlowOutcome.ENQUEUED_CONNECTED
                        : FlowOutcome.ENQUEUED_ABANDONED), executor);
    }

    // ---- commands

    /**
     * The caller leaves the queue: the desk is told (abandoned unless already served, withdrawn when turned into a
     * callback), the flow gets {@code how}, or {@link FlowOutcome#ENQUEUED_CALLBACK} once a callback is stored.
     */
    private void leave(FlowOutcome how) {
        if (left.isDone()) {
            return;
        }
        if (announceTimer != null) {
            announceTimer.cancel(false);
        }
        FlowOutcome outcome = callbackConfirmed ? FlowOutcome.ENQUEUED_CALLBACK : how;
        desk.leave(contact.id(), outcome == FlowOutcome.ERROR || outcome == FlowOutcome.ENQUEUED_CALLBACK
                ? RemovalReason.WITHDRAWN : RemovalReason.ABANDONED);
        if (dialog != null) {
            dialog.left();
        }
        left.complete(outcome);
    }
}
