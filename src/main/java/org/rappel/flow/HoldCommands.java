package org.rappel.flow;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.rappel.agi.AgiCommand;
import org.rappel.agi.AgiHangupException;
import org.rappel.agi.AgiReply;
import org.rappel.agi.AgiSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a holding caller's AGI commands and sorts the replies, for both holds (music only, and the contact
 * center's). Each reply is handled in a new task on the session's executor, so there is no recursion however long
 * the caller holds. A hang-up or a dead channel ends the hold as abandoned and a refused command as an error; a
 * sound or a number Asterisk could not play is logged, and the hold goes on.
 *
 * <p>Thread: the session's executor.
 */
final class HoldCommands {
    private static final Logger log = LoggerFactory.getLogger(HoldCommands.class);

    private final AgiSession session;
    private final String service;
    private final BooleanSupplier ended;
    private final Consumer<FlowOutcome> leave;

    /**
     * @param ended true once the hold is over: later replies are dropped
     * @param leave ends the hold with an outcome
     */
    HoldCommands(AgiSession session, String service, BooleanSupplier ended, Consumer<FlowOutcome> leave) {
        this.session = session;
        this.service = service;
        this.ended = ended;
        this.leave = leave;
    }

    void send(AgiCommand command, Consumer<AgiReply.Success> then) {
        if (session.isHungUp()) {
            leave.accept(FlowOutcome.ENQUEUED_ABANDONED);
            return;
        }
        session.send(command).whenCompleteAsync((reply, error) -> {
            if (ended.getAsBoolean()) {
                return;
            }
            try {
                replied(command, reply, error, then);
            } catch (RuntimeException e) {
                log.error("service {}: hold of call {} failed", service, callId(), e);
                leave.accept(FlowOutcome.ERROR);
            }
        }, session.executor());
    }

    private void replied(AgiCommand command, AgiReply reply, Throwable error, Consumer<AgiReply.Success> then) {
        if (error != null) {
            Throwable cause = FlowRun.unwrap(error);
            if (cause instanceof AgiHangupException) {
                leave.accept(FlowOutcome.ENQUEUED_ABANDONED);
            } else {
                log.warn("service {}: hold of call {} failed", service, callId(), cause);
                leave.accept(FlowOutcome.ERROR);
            }
        } else if (reply instanceof AgiReply.Success success && !success.failed()) {
            then.accept(success);
        } else if (reply instanceof AgiReply.Success success && PromptFailure.nothingPlayed(command, success)) {
            PromptFailure.settle(session, () -> {
                if (ended.getAsBoolean()) {
                    return;
                }
                log.warn("service {}: sound {} could not be played (missing file?)", service,
                        command.arguments().get(0));
                then.accept(success);
            }, () -> leave.accept(FlowOutcome.ENQUEUED_ABANDONED));
        } else if (reply instanceof AgiReply.Success success && command.verb().startsWith("SAY ")
                && !session.isHungUp()) {
            // A number, digit or date sound missing for the channel's language: the rest still helps.
            log.warn("service {}: {} failed for call {} (sounds missing?)", service, command.verb(), callId());
            then.accept(success);
        } else if ((reply instanceof AgiReply.InvalidCommand || reply instanceof AgiReply.UsageError)
                && command.verb().startsWith("SAY ") && !session.isHungUp()) {
            // A say Asterisk refuses (SAY DATETIME's format or zone, an old Asterisk): skip it, say the rest.
            log.warn("service {}: Asterisk refused '{}' for call {}: {}", service, command.verb(), callId(), reply);
            then.accept(new AgiReply.Success("0", Optional.empty(), OptionalLong.empty()));
        } else if (reply instanceof AgiReply.Success || reply instanceof AgiReply.DeadChannel) {
            leave.accept(FlowOutcome.ENQUEUED_ABANDONED);
        } else {
            log.warn("service {}: Asterisk refused '{}' while holding call {}: {}", service, command.verb(),
                    callId(), reply);
            leave.accept(FlowOutcome.ERROR);
        }
    }

    private String callId() {
        return session.request().uniqueId();
    }
}
