package org.rappel.callback;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.rappel.agi.AgiCommand;
import org.rappel.agi.AgiReply;
import org.rappel.agi.AgiScript;
import org.rappel.agi.AgiSession;
import org.rappel.queue.Assignment;
import org.rappel.queue.OfferOutcome;
import org.rappel.store.AttemptOutcome;
import org.rappel.store.CallbackRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code agi://…/callback?id=<id>}: the call the dialplan's {@code rappel-callback} context hands us once a
 * callback's Originate was answered. It may arrive before the {@code OriginateResponse}: the call is matched by the
 * id in the script path, never by the event.
 *
 * <ul>
 * <li>Customer-first (the channel is the citizen's): the prompts' language is set to the citizen's, they hear
 *     {@value #INTRO} and the service's name ({@code rappel/service-<service>}), then {@code EXEC Dial
 *     <agent>,<ring>,m} to the reserved agent. If the agent does not answer, the citizen holds with music
 *     ({@value #HOLD}, then a {@code WAIT FOR DIGIT 1000} loop) keeping their place, and the next agent reserved for
 *     them is dialled.</li>
 * <li>Agent-first (the channel is the agent's): the agent hears {@value #AGENT_INTRO} and the service's name, then
 *     the citizen is dialled ({@code EXEC Dial <trunk dial string>,<ring>}); {@code DIALSTATUS} gives the attempt's
 *     outcome, recorded by the office. Not reached: the agent hears {@value #NOT_REACHED} and the call ends.</li>
 * <li>Unknown or stale id (cancelled, another node's, a call arriving after a restart): {@value #SORRY}, then the
 *     call ends; the store's record of the callback decides what happens next.</li>
 * </ul>
 *
 * <p>Thread: each call runs on its session's executor; the office's answers are hopped onto it.
 */
public final class CallbackCall implements AgiScript {

    private static final Logger log = LoggerFactory.getLogger(CallbackCall.class);

    /** The AGI script path this serves. */
    public static final String SCRIPT = "callback";
    /** "Bonjour, vous aviez demandé à être rappelé par le service…" */
    static final String INTRO = "rappel/callback-intro";
    /** "Un conseiller va vous répondre. Merci de patienter." */
    static final String HOLD = "rappel/please-hold";
    /** "Rappel d'un usager, service…" (to the agent) */
    static final String AGENT_INTRO = "rappel/callback-agent-intro";
    /** "L'usager n'a pas pu être joint. Il sera rappelé plus tard." (to the agent) */
    static final String NOT_REACHED = "rappel/callback-citizen-not-reached";
    /** "Ce rappel n'est plus d'actualité. Au revoir." */
    static final String SORRY = "rappel/callback-sorry";
    static final String SERVICE_SOUND_PREFIX = "rappel/service-";
    /** A Dial that outlasted the ring time by this much was answered (DIALSTATUS lost to a hang-up). */
    private static final long ANSWERED_MARGIN_MILLIS = 1000;
    private static final long HOLD_TURN_MILLIS = 1000;

    private final CallbackOffice office;
    private final Map<String, Duration> agentRingTimeouts;
    private final Duration defaultRing;
    private final Clock clock;

    /**
     * @param agentRingTimeouts per service, how long an agent's phone rings (the services' ring-timeout)
     * @param defaultRing       for a service not listed, and for the citizen's phone in agent-first mode
     */
    public CallbackCall(CallbackOffice office, Map<String, Duration> agentRingTimeouts, Duration defaultRing,
                        Clock clock) {
        this.office = Objects.requireNonNull(office, "office");
        this.agentRingTimeouts = Map.copyOf(agentRingTimeouts);
        this.defaultRing = Objects.requireNonNull(defaultRing, "defaultRing");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CompletionStage<?> run(AgiSession session) {
        Optional<UUID> id = parseId(session.request().query().get("id"));
        if (id.isEmpty()) {
            // Not the channel's name: with a Local/{number}@… dial template it holds the citizen's number.
            log.warn("callback script called without a valid id (query keys {})", session.request().query().keySet());
            return session.send(AgiCommand.setVariable("RAPPEL_STATUS", "BAD_CALLBACK_ID"));
        }
        String channel = session.request().channel();
        return office.arrived(id.get(), channel).thenComposeAsync(leg -> leg
                .map(l -> new Call(session, id.get(), l).start())
                .orElseGet(() -> office.adopt(id.get(), channel).thenComposeAsync(adopted -> adopted
                        .map(a -> new Call(session, id.get(), new CallbackOffice.Leg(a.callback(), null,
                                CallbackMode.CUSTOMER_FIRST, "", "")).startAdopted(a.nextAgent()))
                        .orElseGet(() -> sorry(session, id.get())), session.executor())), session.executor());
    }

    private static CompletableFuture<Void> sorry(AgiSession session, UUID id) {
        log.info("callback {}: call reached Rappel with no agent reserved for it here; ended", id);
        session.send(AgiCommand.streamFile(SORRY, ""));
        return session.send(AgiCommand.hangup()).handle((reply, error) -> null);
    }

    /**
     * {@code Rappel <service>} and what the IVR gathered ({@code motif=2}), as one line of at most 60 characters
     * of letters, digits, spaces and {@code =-_:}; the rest of the context goes with the contact to the API.
     */
    static String agentDisplay(CallbackRequest callback) {
        StringBuilder text = new StringBuilder("Rappel ").append(callback.service());
        new TreeMap<>(callback.ivrContext()).forEach((key, value) -> {
            if (!key.equals("language") && !key.equals("hotline")) {
                text.append(' ').append(key).append('=').append(value);
            }
        });
        String clean = text.toString().replaceAll("[^\\p{L}\\p{N} =\\-_:]", "");
        return clean.length() > 60 ? clean.substring(0, 60) : clean;
    }

    static Optional<UUID> parseId(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** One returned call. Session executor only. */
    private final class Call {
        private final AgiSession session;
        private final UUID id;
        private final CallbackOffice.Leg leg;
        private final ScheduledExecutorService executor;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private ScheduledFuture<?> leaseTimer;
        /** The agent being dialled (customer-first). */
        private Assignment current;

        Call(AgiSession session, UUID id, CallbackOffice.Leg leg) {
            this.session = session;
            this.id = id;
            this.leg = leg;
            this.executor = session.executor();
        }

        CompletableFuture<Void> start() {
            String service = leg.callback().service();
            if (leg.mode() == CallbackMode.CUSTOMER_FIRST) {
                session.send(AgiCommand.setVariable("CHANNEL(language)", leg.callback().language()));
                // What the agent's phone shows when it rings: why this citizen is being called back.
                session.send(AgiCommand.setVariable("CALLERID(name)", agentDisplay(leg.callback())));
                session.send(AgiCommand.streamFile(INTRO, ""));
                session.send(AgiCommand.streamFile(SERVICE_SOUND_PREFIX + service, ""));
                dialAgent(leg.assignment());
            } else {
                session.send(AgiCommand.streamFile(AGENT_INTRO, ""));
                session.send(AgiCommand.streamFile(SERVICE_SOUND_PREFIX + service, ""));
                // The citizen's phone shows the hotline's number, never the agent's extension.
                session.send(AgiCommand.setVariable("CALLERID(all)", leg.hotlineCallerId()));
                dialCitizen();
            }
            return done;
        }

        /** A call this node adopted: greeted as usual, then it holds for the next agent, keeping its place. */
        CompletableFuture<Void> startAdopted(CompletableFuture<Assignment> nextAgent) {
            session.send(AgiCommand.setVariable("CHANNEL(language)", leg.callback().language()));
            session.send(AgiCommand.setVariable("CALLERID(name)", agentDisplay(leg.callback())));
            session.send(AgiCommand.streamFile(INTRO, ""));
            session.send(AgiCommand.streamFile(SERVICE_SOUND_PREFIX + leg.callback().service(), ""));
            session.send(AgiCommand.streamFile(HOLD, ""));
            session.send(AgiCommand.musicOn("default"));
            holdTurn(nextAgent);
            return done;
        }

        // ---- customer-first

        private void dialAgent(Assignment assignment) {
            current = assignment;
            Duration ring = agentRingTimeouts.getOrDefault(assignment.contact().service(), defaultRing);
            long startedAt = clock.millis();
            CompletableFuture<AgiReply> dialed = session.send(AgiCommand.exec("Dial",
                    assignment.dialString() + "," + Math.max(1, ring.toSeconds()) + ",m"));
            // Queued at once so that it is written when Dial returns, before a hang-up notice kills the session.
            CompletableFuture<AgiReply> status = session.send(AgiCommand.getVariable("DIALSTATUS"));
            dialed.thenCombine(status, (d, s) -> s).whenCompleteAsync((reply, error) -> {
                if (error != null || !(reply instanceof AgiReply.Success success)) {
                    boolean answered = clock.millis() - startedAt > ring.toMillis() + ANSWERED_MARGIN_MILLIS;
                    end(answered ? CallbackOffice.Ending.SERVED : CallbackOffice.Ending.CITIZEN_LEFT);
                    return;
                }
                String dialStatus = success.data().orElse("");
                switch (dialStatus) {
                    case "ANSWER" -> end(CallbackOffice.Ending.SERVED);
                    case "BUSY", "NOANSWER", "CHANUNAVAIL", "CONGESTION" -> holdForNextAgent(
                            "BUSY".equals(dialStatus) ? OfferOutcome.BUSY : "NOANSWER".equals(dialStatus)
                                    ? OfferOutcome.NO_ANSWER : OfferOutcome.UNAVAILABLE);
                    default -> end(CallbackOffice.Ending.CITIZEN_LEFT);
                }
            }, executor);
        }

        private void holdForNextAgent(OfferOutcome outcome) {
            log.info("callback {}: agent {} did not answer ({}); citizen holds for the next agent", id,
                    current.agentId(), outcome);
            CompletableFuture<Assignment> next = office.agentMissed(id, outcome);
            session.send(AgiCommand.streamFile(HOLD, ""));
            session.send(AgiCommand.musicOn("default"));
            holdTurn(next);
        }

        private void holdTurn(CompletableFuture<Assignment> next) {
            if (session.isHungUp()) {
                end(CallbackOffice.Ending.CITIZEN_LEFT);
                return;
            }
            if (next.isDone()) {
                if (next.isCompletedExceptionally()) {
                    end(CallbackOffice.Ending.CITIZEN_LEFT);
                    return;
                }
                session.send(AgiCommand.musicOff());
                dialAgent(next.join());
                return;
            }
            session.send(AgiCommand.waitForDigit(HOLD_TURN_MILLIS))
                    .whenCompleteAsync((reply, error) -> {
                        if (error != null) {
                            end(CallbackOffice.Ending.CITIZEN_LEFT);
                        } else {
                            holdTurn(next);
                        }
                    }, executor);
        }

        // ---- agent-first

        private void dialCitizen() {
            long startedAt = clock.millis();
            leaseTimer = executor.scheduleWithFixedDelay(() -> office.renewLease(id), defaultRing.toMillis(),
                    defaultRing.toMillis(), TimeUnit.MILLISECONDS);
            CompletableFuture<AgiReply> dialed = session.send(AgiCommand.exec("Dial",
                    leg.citizenDialString() + "," + Math.max(1, defaultRing.toSeconds())));
            CompletableFuture<AgiReply> status = session.send(AgiCommand.getVariable("DIALSTATUS"));
            dialed.thenCombine(status, (d, s) -> s).whenCompleteAsync((reply, error) -> {
                if (error != null || !(reply instanceof AgiReply.Success success)) {
                    // The agent hung up during the Dial: whether the citizen answered is not known for sure.
                    boolean answered = clock.millis() - startedAt > defaultRing.toMillis() + ANSWERED_MARGIN_MILLIS;
                    citizenOutcome(answered ? AttemptOutcome.ANSWERED : AttemptOutcome.FAILED,
                            answered ? "Dial outlasted the ring time; agent hung up"
                                    : "agent hung up before the citizen answered");
                    return;
                }
                String dialStatus = success.data().orElse("");
                AttemptOutcome outcome = switch (dialStatus) {
                    case "ANSWER" -> AttemptOutcome.ANSWERED;
                    case "BUSY" -> AttemptOutcome.BUSY;
                    case "NOANSWER" -> AttemptOutcome.NO_ANSWER;
                    case "CONGESTION" -> AttemptOutcome.CONGESTION;
                    default -> AttemptOutcome.FAILED;
                };
                citizenOutcome(outcome, "DIALSTATUS " + dialStatus);
            }, executor);
        }

        private void citizenOutcome(AttemptOutcome outcome, String reason) {
            stopLeaseTimer();
            office.citizenDialed(id, outcome, reason).whenCompleteAsync((v, error) -> {
                if (outcome == AttemptOutcome.ANSWERED) {
                    end(CallbackOffice.Ending.SERVED);
                    return;
                }
                if (!session.isHungUp()) {
                    session.send(AgiCommand.streamFile(NOT_REACHED, ""));
                }
                end(CallbackOffice.Ending.NOT_REACHED);
            }, executor);
        }

        // ---- both

        private void end(CallbackOffice.Ending ending) {
            if (done.isDone()) {
                return;
            }
            stopLeaseTimer();
            office.finished(id, ending);
            if (session.isHungUp()) {
                done.complete(null);
            } else {
                session.send(AgiCommand.hangup()).whenCompleteAsync((r, e) -> done.complete(null), executor);
            }
        }

        private void stopLeaseTimer() {
            if (leaseTimer != null) {
                leaseTimer.cancel(false);
                leaseTimer = null;
            }
        }
    }
}
