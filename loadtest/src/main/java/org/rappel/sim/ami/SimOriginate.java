package org.rappel.sim.ami;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One Originate in the simulated Asterisk: its channels (two halves {@code ;1}/{@code ;2} for a Local channel, as
 * Asterisk makes them), the events of their life in the order of the captures (call-control/q3_originate_codes),
 * and the outcome: an {@code OriginateResponse} event for an async Originate, the delayed response for a sync
 * one. Owned by the simulator's event loop.
 */
final class SimOriginate implements SimCall, DialplanRun.Owner {
    private final SimAsterisk ast;
    private final SimAmiSession origin;
    private final Optional<String> actionId;
    private final boolean async;
    private final String dialled;
    private final List<Map.Entry<String, String>> target;
    /** The Originate's {@code Priority} (Context form). */
    private final int priority;
    private final String callerIdNum;
    private final String callerIdName;
    private final Duration ringTimeout;
    private final Map<String, String> variables;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private final List<SimChannel> legs = new ArrayList<>();
    private boolean reported;
    private boolean answered;
    /** The dialplan the answered channel runs, when the simulator has one ({@link OriginatedDialplan}). */
    private DialplanRun run;
    /** OriginateResponse waits for the AGI connection ({@link CallbackOrder}). */
    private boolean reportWhenReady;
    // The record for tests (OriginateRecord): arrival order and times.
    private final long order;
    private final java.time.Instant arrivedAt;
    private String channelMade = "";
    private OriginateRecord.Outcome outcome = OriginateRecord.Outcome.RINGING;
    private java.time.Instant answeredAt;
    private java.time.Instant endedAt;
    private long endedBefore = -1;

    SimOriginate(SimAsterisk ast, SimAmiSession origin, Optional<String> actionId, boolean async, String dialled,
                 List<Map.Entry<String, String>> target, int priority, Optional<String> callerId,
                 Duration ringTimeout, Map<String, String> variables) {
        this.priority = priority;
        this.variables = new LinkedHashMap<>(variables);
        this.ast = ast;
        this.origin = origin;
        this.actionId = actionId;
        this.async = async;
        this.dialled = dialled;
        this.target = target;
        this.ringTimeout = ringTimeout;
        String[] cid = parseCallerId(callerId.orElse(""));
        this.callerIdNum = cid[0];
        this.callerIdName = cid[1];
        this.order = ast.originated.size();
        this.arrivedAt = ast.clock.instant();
        ast.originated.add(this);
    }

    /** What a test reads about this Originate now. */
    OriginateRecord record() {
        Map<String, String> targetMap = new LinkedHashMap<>();
        target.forEach(e -> targetMap.put(e.getKey(), e.getValue()));
        return new OriginateRecord(order, arrivedAt, actionId, dialled, targetMap, variables, channelMade, outcome,
                Optional.ofNullable(answeredAt), Optional.ofNullable(endedAt),
                endedBefore < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(endedBefore));
    }

    void start(AnswerOutcome outcome) {
        boolean local = dialled.startsWith("Local/");
        String resource = dialled.substring(dialled.indexOf('/') + 1);
        int at = resource.indexOf('@');
        String exten = at > 0 ? resource.substring(0, at) : resource;
        String context = at > 0 ? resource.substring(at + 1) : "default";
        String name = SimChannel.nameFor(dialled, ast.nextChannelSuffix());
        String linkedid = ast.nextUniqueid();
        legs.add(new SimChannel(local ? name + ";1" : name, linkedid, linkedid, 0, context, exten));
        if (local) {
            legs.add(new SimChannel(name + ";2", ast.nextUniqueid(), linkedid, 4, context, exten));
        }
        channelMade = first().name;
        for (SimChannel leg : legs) {
            leg.dialString = dialled;
            ast.channels.put(leg.name, leg);
            ast.callsByChannel.put(leg.name, this);
            ast.broadcast(leg.appendTo(ast.event("Newchannel", "call,all"), ""));
        }
        if (outcome instanceof AnswerOutcome.Failed) {
            at(Duration.ZERO, () -> {
                report(false, 0);
                hangupLegs(0, "Unknown");
            });
            return;
        }
        for (SimChannel leg : legs) {
            variables.forEach((variable, value) -> ast.broadcast(leg.appendTo(ast.event("VarSet", "dialplan,all"), "")
                    .add("Variable", variable).add("Value", value)));
        }
        if (!callerIdNum.equals("<unknown>")) {
            for (SimChannel leg : legs) {
                leg.callerIdNum = callerIdNum;
                leg.callerIdName = callerIdName;
                ast.broadcast(leg.appendTo(ast.event("NewCallerid", "call,all"), "")
                        .add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)"));
            }
        }
        ast.broadcast(first().appendTo(ast.event("DialBegin", "call,all"), "Dest").add("DialString", resource));
        schedule(outcome);
    }

    private void schedule(AnswerOutcome unscaled) {
        AnswerOutcome outcome = scaled(unscaled, ast.originateTimeScale);
        if (outcome instanceof AnswerOutcome.Answered a && a.ringTime().compareTo(ringTimeout) < 0) {
            at(a.ringTime(), () -> {
                for (int i = legs.size() - 1; i >= 0; i--) {
                    legs.get(i).state = 6;
                    ast.broadcast(legs.get(i).appendTo(ast.event("Newstate", "call,all"), ""));
                }
                dialEnd("ANSWER");
                answered = true;
                answeredAt = ast.clock.instant();
                Map<String, String> targetMap = new LinkedHashMap<>();
                target.forEach(e -> targetMap.put(e.getKey(), e.getValue()));
                if (ast.dialplan != null) {
                    runDialplan(targetMap);
                } else {
                    report(true, 4);
                }
                ast.hooks.answered(new AmiSimulatorHooks.AnsweredCall(actionId, first().name, first().uniqueid,
                        targetMap, variables, callerIdNum, callerIdName));
            });
            at(a.ringTime().plus(a.talkTime()), this::farEndHangsUp);
        } else if (outcome instanceof AnswerOutcome.Busy b && b.ringTime().compareTo(ringTimeout) < 0) {
            at(b.ringTime(), () -> {
                report(false, 5);
                last().state = 7;
                ast.broadcast(last().appendTo(ast.event("Newstate", "call,all"), ""));
                dialEnd("BUSY");
                hangupLeg(last(), 17, "User busy");
                hangupLegs(0, "Unknown");
            });
        } else if (outcome instanceof AnswerOutcome.Congestion c && c.ringTime().compareTo(ringTimeout) < 0) {
            at(c.ringTime(), () -> {
                dialEnd("CONGESTION");
                report(false, 8);
                hangupLeg(last(), 34, "Circuit/channel congestion");
                hangupLegs(0, "Unknown");
            });
        } else {
            at(ringTimeout, () -> {
                ast.broadcast(last().appendTo(ast.event("HangupRequest", "call,all"), "").add("Cause", 19));
                report(false, 3);
                hangupLegs(19, "User alerting, no answer");
            });
        }
    }

    /**
     * The answered channel runs the Originate's target in the simulator's dialplan. The OriginateResponse goes out
     * before, or once the AGI environment is written ({@link CallbackOrder}).
     */
    private void runDialplan(Map<String, String> targetMap) {
        OriginatedDialplan config = ast.dialplan;
        boolean contextForm = targetMap.containsKey("Context");
        reportWhenReady = switch (config.order()) {
            case AGI_FIRST -> true;
            case RESPONSE_FIRST -> false;
            case AS_CAPTURED -> contextForm;
            case MIXED -> ast.random.nextBoolean();
        };
        if (!reportWhenReady) {
            report(true, 4);
        }
        run = new DialplanRun(ast, config, first(), this, variables);
        if (contextForm) {
            run.startAt(targetMap.get("Context"), targetMap.getOrDefault("Exten", "s"), priority);
        } else {
            run.startApplication(targetMap.get("Application"), targetMap.getOrDefault("Data", ""));
        }
    }

    @Override
    public void mayReport() {
        if (reportWhenReady) {
            reportWhenReady = false;
            report(true, 4);
        }
    }

    @Override
    public void dialplanEnded() {
        timers.forEach(t -> t.cancel(false));
        hangupLegs(16, "Normal Clearing");
    }

    /**
     * The far end hangs up after its talk time. While the dialplan runs, the other half of a Local channel goes at
     * once and the channel running AGI when the FastAGI server has closed (q3_cb_agi.log).
     */
    private void farEndHangsUp() {
        if (run == null) {
            hangupLegs(16, "Normal Clearing");
            return;
        }
        if (legs.size() > 1) {
            hangupLeg(last(), 16, "Normal Clearing");
        }
        run.hangUp();
    }

    /**
     * The far end's ring and talk times times the scale (load runs speed the day up); the Originate's Timeout is the
     * server's and stays as sent.
     */
    static AnswerOutcome scaled(AnswerOutcome outcome, double scale) {
        if (scale == 1.0) {
            return outcome;
        }
        java.util.function.UnaryOperator<Duration> s = d -> Duration.ofNanos(Math.round(d.toNanos() * scale));
        if (outcome instanceof AnswerOutcome.Answered a) {
            return new AnswerOutcome.Answered(s.apply(a.ringTime()), s.apply(a.talkTime()));
        } else if (outcome instanceof AnswerOutcome.Busy b) {
            return new AnswerOutcome.Busy(s.apply(b.ringTime()));
        } else if (outcome instanceof AnswerOutcome.Congestion c) {
            return new AnswerOutcome.Congestion(s.apply(c.ringTime()));
        }
        return outcome;
    }

    /** Ends the call from outside (Hangup action, Asterisk stopping). A call still ringing reports reason 1. */
    @Override
    public void hangup(String channel, int cause, String causeText) {
        if (run != null) {
            timers.forEach(t -> t.cancel(false));
            farEndHangsUp();
            return;
        }
        timers.forEach(t -> t.cancel(false));
        report(false, 1);
        hangupLegs(cause, causeText);
    }

    private void report(boolean success, int reason) {
        if (reported) {
            return;
        }
        reported = true;
        outcome = OriginateRecord.Outcome.ofReason(reason);
        if (!async) {
            origin.write(success
                    ? AmiWire.response("Success", actionId).add("Message", "Originate successfully queued")
                    : AmiWire.response("Error", actionId).add("Message", "Originate failed"));
            return;
        }
        AmiWire w = ast.event("OriginateResponse", "call,all");
        actionId.ifPresent(id -> w.add("ActionID", id));
        w.add("Response", success ? "Success" : "Failure").add("Channel", success ? first().name : dialled);
        target.forEach(e -> w.add(e.getKey(), e.getValue()));
        w.add("Reason", reason).add("Uniqueid", success ? first().uniqueid : "<unknown>")
                .add("CallerIDNum", callerIdNum).add("CallerIDName", callerIdName);
        ast.broadcast(w);
    }

    private void dialEnd(String status) {
        ast.broadcast(first().appendTo(ast.event("DialEnd", "call,all"), "Dest").add("DialStatus", status));
    }

    /**
     * Hangs up what is left of the call. A failed call ends from the far side ({@code ;2} first, as in the
     * captures); an answered one from the originating side ({@code ;1} first).
     */
    private void hangupLegs(int cause, String causeText) {
        List<SimChannel> order = new ArrayList<>(legs);
        if (!answered) {
            java.util.Collections.reverse(order);
        }
        for (SimChannel leg : order) {
            hangupLeg(leg, cause, causeText);
        }
    }

    private void hangupLeg(SimChannel leg, int cause, String causeText) {
        if (ast.channels.remove(leg.name) == null) {
            return;
        }
        ast.callsByChannel.remove(leg.name);
        ast.broadcast(leg.appendTo(ast.event("Hangup", "call,all"), "").add("Cause", cause)
                .add("Cause-txt", causeText));
        if (endedAt == null && legs.stream().noneMatch(l -> ast.channels.get(l.name) == l)) {
            endedAt = ast.clock.instant();
            endedBefore = ast.originated.size();
        }
    }

    private SimChannel first() {
        return legs.get(0);
    }

    private SimChannel last() {
        return legs.get(legs.size() - 1);
    }

    private void at(Duration delay, Runnable step) {
        timers.add(ast.loop.schedule(step, delay.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** {@code "Name" <number>}, {@code Name <number>} or a bare number; absent parts are {@code <unknown>}. */
    static String[] parseCallerId(String header) {
        String h = header.trim();
        int lt = h.lastIndexOf('<');
        int gt = h.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            String name = h.substring(0, lt).trim();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1);
            }
            String num = h.substring(lt + 1, gt).trim();
            return new String[] {num.isEmpty() ? "<unknown>" : num, name.isEmpty() ? "<unknown>" : name};
        }
        return new String[] {h.isEmpty() ? "<unknown>" : h, "<unknown>"};
    }
}
