package org.rappel.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.rappel.agi.AgiCommand;
import org.rappel.agi.AgiReply;
import org.rappel.agi.AgiSession;
import org.rappel.callback.CallbackAsk;
import org.rappel.callback.CallbackRefusal;
import org.rappel.callback.CallbackReply;
import org.rappel.callback.NumberCheck;
import org.rappel.callback.NumberRefusal;
import org.rappel.callback.OfferReason;
import org.rappel.queue.Contact;
import org.rappel.store.ChannelOrigin;
import org.rappel.store.PhoneMask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One callback dialog of a caller on hold: from the offer (on entering the queue) or the callback key (on hold)
 * to a stored callback, or back to their place in line.
 *
 * <pre>
 *   offer on entry:  GET DATA rappel/callback-offer (or -offer-closed), one key: 1 = dialog, else hold
 *   caller id usable (the office's numbering plan accepts it):
 *       rappel/callback-your-number, SAY DIGITS &lt;number as dialled at home&gt;,
 *       GET DATA rappel/callback-confirm-number: 1 = ask the office, 2 = enter another
 *   no caller id (absent, anonymous, invalid): straight to entering one; a caller id refused for another
 *   reason (foreign, premium-rate...) says why first
 *   entering: GET DATA rappel/callback-enter-number, 15 digits at most, '#' ends; a refused number says its
 *       reason (rappel/number-&lt;reason&gt;) and asks again; an accepted one is read back for confirmation
 *   the office ({@link org.rappel.callback.CallbackDesk#request}):
 *       Confirmed: rappel/callback-confirmed, when (about N minutes, the slot's day and time, or "when your
 *                  turn comes"), rappel/goodbye, HANGUP: {@link FlowOutcome#ENQUEUED_CALLBACK}
 *       Refused NUMBER: the reason, and another try
 *       Refused RATE_LIMITED: rappel/callback-too-many-requests, back to hold
 *       anything else, or a failed future: rappel/callback-unavailable, back to hold
 * </pre>
 * A refused number, a timeout or a wrong key each cost a try; after {@value #MAX_TRIES} failed tries:
 * rappel/callback-not-possible and back to hold. Back to hold always means the caller's place is kept: the live
 * contact never left the line.
 *
 * <p>The confirmation is played only once the office's future completed with {@code Confirmed}, i.e. after the
 * callback was stored. From then on the call ends as a callback whatever happens (even a hang-up during the
 * confirmation), and an agent assigned meanwhile is not dialled: the office took the live contact out of line
 * when it stored the callback, which frees that agent.
 *
 * <p>An agent assigned while the dialog runs, before the request went to the office, wins: at the end of the
 * command in flight the dialog stops and the caller is put through ({@link Host#connectAgent()}); the caller asked
 * to be called back only to avoid waiting. While the office answers, nothing is sent to Asterisk; a hang-up then
 * waits for its answer, so a stored callback ends the call as a callback and not as an abandon.
 *
 * <p>Keys: every prompt of the dialog may be interrupted by any key, which answers the question at once; a key
 * that is not a choice ({@code *}, {@code #}, {@code 5}) is a wrong key. Numbers are personal data: logged masked,
 * never in a label. Thread: the session's executor, like the {@link HeldCall} that owns it.
 */
final class CallbackDialog {

    private static final Logger log = LoggerFactory.getLogger(CallbackDialog.class);

    /** Failed tries (refused number, no answer, wrong key) before the caller is sent back to hold. */
    static final int MAX_TRIES = 3;
    static final long ANSWER_TIMEOUT_MILLIS = 5000;
    /** For each digit of a number being typed (Asterisk's GET DATA timeout is per digit). */
    static final long NUMBER_TIMEOUT_MILLIS = 10000;
    static final int MAX_NUMBER_DIGITS = 15;

    /** The held call, as the dialog sees it. */
    interface Host {
        /** The hold is over (the caller left, or the call ended): nothing more to do. */
        boolean ended();

        /** An agent has been assigned meanwhile. */
        boolean agentWaiting();

        /** Ends the dialog: the caller is put through to the agent assigned. */
        void connectAgent();

        /** Ends the dialog: music and the hold loop again, place kept. */
        void backToHold();

        /** The office stored the callback: from now on leaving means the callback stands. */
        void confirmed();

        /** Ends the hold. */
        void finish(FlowOutcome how);
    }

    /** A question's answer: the keys typed (empty for none) and whether the time ran out. */
    private record Answer(String keys, boolean timedOut) {
    }

    private final EnqueueRequest request;
    private final AgiSession session;
    private final HoldCommands commands;
    private final CallbackSetup setup;
    private final HoldPolicy policy;
    private final Contact contact;
    private final Host host;
    private int failedTries;
    private boolean numberRefused;
    private boolean awaitingOffice;
    /** A result was counted: the offer is over for the meters. */
    private boolean counted;

    CallbackDialog(EnqueueRequest request, HoldCommands commands, CallbackSetup setup, HoldPolicy policy,
                   Contact contact, Host host) {
        this.request = request;
        this.session = request.session();
        this.commands = commands;
        this.setup = setup;
        this.policy = policy;
        this.contact = contact;
        this.host = host;
    }

    /** The offer made on entering the queue for {@code reason}: 1 starts the dialog, anything else holds. */
    void offer(OfferReason reason) {
        setup.metrics().offered(request.service(), reason);
        String sound = reason == OfferReason.CLOSED ? CallbackPrompts.OFFER_CLOSED : CallbackPrompts.OFFER;
        send(AgiCommand.getData(sound, ANSWER_TIMEOUT_MILLIS, 1), reply -> {
            if (reply.result().equals("1")) {
                start();
            } else {
                end(CallbackMetrics.Result.DECLINED);
                host.backToHold();
            }
        });
    }

    /** The caller pressed the callback key on hold. */
    void onKey() {
        setup.metrics().offered(request.service(), CallbackMetrics.CALLER_KEY);
        start();
    }

    /** Whether the office is answering the request: a hang-up now waits for its answer. */
    boolean awaitingOffice() {
        return awaitingOffice;
    }

    /** The hold ended under the dialog (the caller hung up): counted once. */
    void left() {
        if (!counted) {
            end(CallbackMetrics.Result.HUNG_UP);
        }
    }

    private void start() {
        Optional<String> callerId = session.request().callerId();
        NumberCheck check = callerId.map(id -> setup.desk().checkNumber(id))
                .orElse(new NumberCheck.Refused(NumberRefusal.INVALID));
        if (check instanceof NumberCheck.Accepted accepted) {
            readBack(accepted.e164());
        } else if (check instanceof NumberCheck.Refused refused && refused.reason() != NumberRefusal.INVALID) {
            // Calling from a number we cannot call back (abroad, a switchboard): say why, then ask for another.
            send(AgiCommand.streamFile(CallbackPrompts.refusal(refused.reason()), ""), reply -> enterNumber());
        } else {
            enterNumber();
        }
    }

    // ---- the number

    private void readBack(String e164) {
        String digits = CallbackPrompts.spokenDigits(e164, setup.homeRegion());
        ask(List.of(AgiCommand.streamFile(CallbackPrompts.YOUR_NUMBER, Step.ALL_KEYS),
                        AgiCommand.sayDigits(digits, Step.ALL_KEYS)),
                AgiCommand.getData(CallbackPrompts.CONFIRM_NUMBER, ANSWER_TIMEOUT_MILLIS, 1), answer -> {
                    switch (answer.keys()) {
                        case "1" -> submit(e164);
                        case "2" -> enterNumber();
                        case "" -> {
                            if (answer.timedOut()) {
                                failed(() -> readBack(e164));
                            } else {
                                wrongKey(() -> readBack(e164)); // '#' alone
                            }
                        }
                        default -> wrongKey(() -> readBack(e164));
                    }
                });
    }

    private void enterNumber() {
        send(AgiCommand.getData(CallbackPrompts.ENTER_NUMBER, NUMBER_TIMEOUT_MILLIS, MAX_NUMBER_DIGITS), reply -> {
            String digits = reply.result();
            if (digits.isEmpty()) {
                if (reply.timedOut()) {
                    failed(this::enterNumber);
                } else {
                    wrongKey(this::enterNumber);
                }
            } else if (!digits.matches("[0-9]{1," + MAX_NUMBER_DIGITS + "}")) {
                refused(NumberRefusal.INVALID); // a '*' among the digits
            } else {
                NumberCheck check = setup.desk().checkNumber(digits);
                if (check instanceof NumberCheck.Accepted accepted) {
                    readBack(accepted.e164());
                } else if (check instanceof NumberCheck.Refused refusal) {
                    refused(refusal.reason());
                }
            }
        });
    }

    private void refused(NumberRefusal reason) {
        numberRefused = true;
        send(AgiCommand.streamFile(CallbackPrompts.refusal(reason), ""), reply -> failed(this::enterNumber));
    }

    private void wrongKey(Runnable again) {
        send(AgiCommand.streamFile(CallbackPrompts.INVALID_CHOICE, ""), reply -> failed(again));
    }

    private void failed(Runnable again) {
        failedTries++;
        if (failedTries < MAX_TRIES) {
            again.run();
            return;
        }
        send(AgiCommand.streamFile(CallbackPrompts.NOT_POSSIBLE, ""), reply -> {
            end(numberRefused ? CallbackMetrics.Result.REFUSED_NUMBER : CallbackMetrics.Result.NO_INPUT);
            host.backToHold();
        });
    }

    // ---- the office

    private void submit(String e164) {
        String language = request.variables().getOrDefault(CallState.LANGUAGE, session.request().language());
        CallbackAsk ask = new CallbackAsk(request.service(), e164,
                session.request().callerId().orElse("unknown"), Optional.of(contact.virtualArrival()),
                policy.priorityClass(), language, CallbackPrompts.ivrContext(request.variables(), request.hotline()),
                ChannelOrigin.PHONE, Optional.empty(), Optional.of(contact.id()));
        awaitingOffice = true;
        log.debug("service {}: call {} asks a callback to {}", request.service(), contact.id(), PhoneMask.mask(e164));
        setup.desk().request(ask).whenCompleteAsync(this::answered, session.executor());
    }

    private void answered(CallbackReply reply, Throwable error) {
        awaitingOffice = false;
        if (host.ended()) {
            return;
        }
        if (reply instanceof CallbackReply.Confirmed confirmed) {
            end(CallbackMetrics.Result.ACCEPTED);
            log.info("service {}: call {} leaves the line for callback {}", request.service(), contact.id(),
                    confirmed.callback().id());
            host.confirmed();
            if (session.isHungUp()) {
                host.finish(FlowOutcome.ENQUEUED_CALLBACK);
            } else {
                confirm(confirmed);
            }
            return;
        }
        if (error != null) {
            log.warn("service {}: the callback office failed for call {}", request.service(), contact.id(),
                    FlowRun.unwrap(error));
        }
        CallbackReply.Refused refused = reply instanceof CallbackReply.Refused r ? r
                : CallbackReply.Refused.of(CallbackRefusal.UNAVAILABLE, "no answer from the office");
        switch (refused.reason()) {
            case NUMBER -> refused(refused.number().orElse(NumberRefusal.INVALID));
            case RATE_LIMITED -> send(AgiCommand.streamFile(CallbackPrompts.TOO_MANY_REQUESTS, ""), r -> {
                end(CallbackMetrics.Result.RATE_LIMITED);
                host.backToHold();
            });
            default -> {
                log.info("service {}: callback refused for call {}: {}", request.service(), contact.id(),
                        refused.reason().code());
                send(AgiCommand.streamFile(CallbackPrompts.UNAVAILABLE, ""), r -> {
                    end(CallbackMetrics.Result.UNAVAILABLE);
                    host.backToHold();
                });
            }
        }
    }

    private void confirm(CallbackReply.Confirmed confirmed) {
        List<AgiCommand> said = new ArrayList<>();
        said.add(AgiCommand.streamFile(CallbackPrompts.CONFIRMED, ""));
        if (confirmed.scheduledFor().isPresent()) {
            said.addAll(CallbackPrompts.scheduledFor(confirmed.scheduledFor().get(), policy.zone()));
        } else if (confirmed.expectedWait().isPresent()) {
            said.addAll(CallbackPrompts.expectedWait(confirmed.expectedWait().get()));
        } else {
            said.add(AgiCommand.streamFile(CallbackPrompts.WHEN_YOUR_TURN, ""));
        }
        said.add(AgiCommand.streamFile(CallbackPrompts.GOODBYE, ""));
        said.add(AgiCommand.hangup());
        sayAll(said, 0);
    }

    /** After the confirmation: no agent check, the call is a callback now. */
    private void sayAll(List<AgiCommand> said, int index) {
        if (index == said.size()) {
            host.finish(FlowOutcome.ENQUEUED_CALLBACK);
        } else {
            commands.send(said.get(index), reply -> sayAll(said, index + 1));
        }
    }

    // ---- commands

    /** Plays {@code intro} (a key answers at once), then asks {@code question} (GET DATA). */
    private void ask(List<AgiCommand> intro, AgiCommand question, Consumer<Answer> answered) {
        ask(intro, 0, question, answered);
    }

    private void ask(List<AgiCommand> intro, int index, AgiCommand question, Consumer<Answer> answered) {
        if (index == intro.size()) {
            send(question, reply -> answered.accept(new Answer(reply.result(), reply.timedOut())));
        } else {
            send(intro.get(index), reply -> {
                Optional<Character> key = reply.digit().filter(k -> Step.ALL_KEYS.indexOf(k) >= 0);
                if (key.isPresent()) {
                    answered.accept(new Answer(String.valueOf(key.get()), false));
                } else {
                    ask(intro, index + 1, question, answered);
                }
            });
        }
    }

    /** Sends a command of the dialog; at its end, an agent assigned meanwhile takes over. */
    private void send(AgiCommand command, Consumer<AgiReply.Success> then) {
        commands.send(command, reply -> {
            if (host.agentWaiting()) {
                end(CallbackMetrics.Result.AGENT_FIRST);
                host.connectAgent();
            } else {
                then.accept(reply);
            }
        });
    }

    private void end(CallbackMetrics.Result result) {
        if (!counted) {
            counted = true;
            setup.metrics().result(request.service(), result);
        }
    }
}
