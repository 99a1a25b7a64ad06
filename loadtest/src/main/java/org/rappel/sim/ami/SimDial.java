package org.rappel.sim.ami;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.rappel.sim.agi.Dialer;

/**
 * One {@code Dial} run by an AGI channel, on the AMI side: the peers' channels, the bridge, and the events
 * Asterisk 22 sends for them, in the order of {@code call-control/q1b_exec_dial.log},
 * {@code q1b_exec_dial_callerhangup.log} and {@code q1b_dial_opts.log}:
 * <ul>
 *   <li>start: VarSet of the eleven Dial variables to empty on the caller; per peer Newchannel ({@code ;1} Down,
 *       {@code ;2} Ring for a Local channel, one Down channel otherwise), VarSet DIALEDPEERNUMBER, DialBegin;</li>
 *   <li>answer: Newstate Up, VarSet DIALSTATUS/DIALEDPEERNAME/DIALEDPEERNUMBER, DialEnd ANSWER, BridgeCreate,
 *       BridgeEnter peer (1) then caller (2), VarSet BRIDGEPEER on both;</li>
 *   <li>peer hangs up after its talk time: Hangup of the far half (cause 16), BRIDGEPEER cleared, BridgeLeave
 *       peer, Hangup peer, BridgeLeave caller, BridgeDestroy, VarSet ANSWEREDTIME…/DIALSTATUS;</li>
 *   <li>caller hangs up in conversation: HangupRequest caller, BridgeLeave caller, VarSet ANSWEREDTIME…,
 *       BridgeLeave peer, BridgeDestroy, Hangup of the peer's channels (16);</li>
 *   <li>no answer before the timeout: DialEnd NOANSWER, Hangup (cause 0, Unknown); busy: Newstate Busy,
 *       DialEnd BUSY, Hangup (cause 17 on the far half); congestion: DialEnd CONGESTION, Hangup 34; a peer whose
 *       channel cannot be made ({@link AnswerOutcome.Failed}): no channel, DIALSTATUS CHANUNAVAIL.</li>
 * </ul>
 * Modelled, not captured: single-channel peers ({@code PJSIP/agent101}) take the order of the {@code ;1} half;
 * a caller hanging up while peers ring gives DialEnd CANCEL and Hangup cause 0 (app_dial); with several peers
 * the first to answer wins and the others end with DialEnd CANCEL, Hangup cause 26 (Answered elsewhere). The
 * Newexten/NewCallerid/LocalBridge/DeviceStateChange/QueueMemberStatus events of the captures are left out.
 * The caller's own channel is not hung up here: the AGI side owns it; while the Dial lasts it is listed by
 * {@code CoreShowChannels} (application {@code Dial}).
 *
 * <p>Owned by the AMI simulator's event loop.
 */
final class SimDial implements SimCall, Dialer.DialAttempt {

    private static final List<String> CLEARED = List.of("DIALSTATUS", "DIALEDPEERNUMBER", "DIALEDPEERNAME",
            "ANSWEREDTIME", "ANSWEREDTIME_MS", "DIALEDTIME", "DIALEDTIME_MS", "RINGTIME", "RINGTIME_MS",
            "PROGRESSTIME", "PROGRESSTIME_MS");

    /** One dialled destination and its channels. */
    private static final class Peer {
        final String dialString;
        final String number;
        final List<SimChannel> legs = new ArrayList<>();
        boolean over;

        Peer(String dialString) {
            this.dialString = dialString;
            String resource = dialString.substring(dialString.indexOf('/') + 1);
            this.number = resource;
        }

        SimChannel first() {
            return legs.get(0);
        }

        SimChannel last() {
            return legs.get(legs.size() - 1);
        }
    }

    private final SimAsterisk ast;
    private final Dialer.DialRequest request;
    private final Dialer.DialListener listener;
    private final SimChannel caller;
    private final List<Peer> peers = new ArrayList<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private final long startedNanos = System.nanoTime();
    private long answeredNanos;
    private Peer bridged;
    private String bridgeId;
    private boolean over;
    private int busy;
    private int congested;

    SimDial(SimAsterisk ast, Dialer.DialRequest request, Dialer.DialListener listener) {
        this.ast = ast;
        this.request = request;
        this.listener = listener;
        this.caller = new SimChannel(request.callerChannel(), request.callerUniqueid(), request.callerUniqueid(), 6,
                request.context(), request.exten());
        caller.priority = request.priority();
        caller.callerIdNum = request.callerIdNum();
        caller.application = "Dial";
        caller.applicationData = String.join("&", request.destinations());
    }

    void start() {
        if (!ast.channels.containsKey(caller.name)) {
            // An originated channel running AGI is listed already; an AGI caller of the FastAGI side is not.
            ast.dialingCallers.put(caller.name, caller);
        }
        for (String variable : CLEARED) {
            varSet(caller, variable, "");
        }
        for (String destination : request.destinations()) {
            AnswerOutcome outcome = destination.indexOf('/') > 0 ? ast.decide(destination)
                    : new AnswerOutcome.Failed();
            if (outcome instanceof AnswerOutcome.Failed) {
                continue;
            }
            Peer peer = new Peer(destination);
            makeChannels(peer);
            peers.add(peer);
            ast.broadcast(caller.appendTo(ast.event("DialBegin", "call,all"), "")
                    .appendBlock(peer.first(), "Dest").add("DialString", peer.number));
            schedule(peer, outcome);
        }
        if (peers.isEmpty()) {
            over = true;
            ast.dialingCallers.remove(caller.name, caller);
            varSet(caller, "DIALSTATUS", "CHANUNAVAIL");
            listener.ended("CHANUNAVAIL");
            return;
        }
        request.timeout().ifPresent(t -> at(t, this::timedOut));
    }

    private void makeChannels(Peer peer) {
        boolean local = peer.dialString.startsWith("Local/");
        String resource = peer.number;
        int at = resource.indexOf('@');
        String exten = at > 0 ? resource.substring(0, at) : resource;
        String context = at > 0 ? resource.substring(at + 1) : "default";
        String name = SimChannel.nameFor(peer.dialString, ast.nextChannelSuffix());
        String uniqueid = ast.nextUniqueid();
        peer.legs.add(new SimChannel(local ? name + ";1" : name, uniqueid, request.callerUniqueid(), 0, context,
                exten));
        if (local) {
            peer.legs.add(new SimChannel(name + ";2", ast.nextUniqueid(), request.callerUniqueid(), 4, context,
                    exten));
        }
        for (SimChannel leg : peer.legs) {
            leg.dialString = peer.dialString;
            leg.connectedLineNum = request.callerIdNum();
            leg.application = "AppDial";
            leg.applicationData = "(Outgoing Line)";
            ast.channels.put(leg.name, leg);
            ast.callsByChannel.put(leg.name, this);
            ast.broadcast(leg.appendTo(ast.event("Newchannel", "call,all"), ""));
        }
        for (SimChannel leg : peer.legs) {
            varSet(leg, "DIALEDPEERNUMBER", resource);
        }
    }

    private void schedule(Peer peer, AnswerOutcome outcome) {
        if (outcome instanceof AnswerOutcome.Answered a) {
            at(a.ringTime(), () -> answer(peer, a.talkTime()));
        } else if (outcome instanceof AnswerOutcome.Busy b) {
            at(b.ringTime(), () -> busy(peer));
        } else if (outcome instanceof AnswerOutcome.Congestion c) {
            at(c.ringTime(), () -> congestion(peer));
        }
        // NoAnswer: rings until the timeout, or forever.
    }

    // ---- outcomes of one peer

    private void answer(Peer peer, Duration talkTime) {
        if (over || peer.over || bridged != null) {
            return;
        }
        bridged = peer;
        answeredNanos = System.nanoTime();
        for (int i = peer.legs.size() - 1; i >= 0; i--) {
            peer.legs.get(i).state = 6;
            ast.broadcast(peer.legs.get(i).appendTo(ast.event("Newstate", "call,all"), ""));
        }
        for (Peer other : peers) {
            if (other != peer && !other.over) {
                dialEnd(other, "CANCEL");
                hangupLegs(other, 26, "Answered elsewhere", true);
            }
        }
        varSet(caller, "DIALSTATUS", "ANSWER");
        varSet(caller, "DIALEDPEERNAME", peer.first().name);
        varSet(caller, "DIALEDPEERNUMBER", peer.number);
        dialEnd(peer, "ANSWER");
        bridgeId = UUID.randomUUID().toString();
        ast.broadcast(bridge("BridgeCreate", 0));
        peer.first().bridgeId = bridgeId;
        caller.bridgeId = bridgeId;
        ast.broadcast(bridge("BridgeEnter", 1).appendBlock(peer.first(), ""));
        ast.broadcast(bridge("BridgeEnter", 2).appendBlock(caller, ""));
        varSet(peer.first(), "BRIDGEPEER", caller.name);
        varSet(caller, "BRIDGEPEER", peer.first().name);
        listener.answered(peer.first().name, peer.number);
        at(talkTime, this::peerHangsUp);
    }

    private void busy(Peer peer) {
        if (over || peer.over || bridged != null) {
            return;
        }
        busy++;
        peer.last().state = 7;
        ast.broadcast(peer.last().appendTo(ast.event("Newstate", "call,all"), ""));
        dialEnd(peer, "BUSY");
        endPeerUnanswered(peer, 17, "User busy");
    }

    private void congestion(Peer peer) {
        if (over || peer.over || bridged != null) {
            return;
        }
        congested++;
        dialEnd(peer, "CONGESTION");
        endPeerUnanswered(peer, 34, "Circuit/channel congestion");
    }

    /** The far half reports the cause; the {@code ;1} half Unknown (cause 0), as in q1b_dial_opts. */
    private void endPeerUnanswered(Peer peer, int cause, String causeText) {
        if (peer.legs.size() > 1) {
            ast.broadcast(peer.last().appendTo(ast.event("HangupRequest", "call,all"), "").add("Cause", 0));
            hangupLeg(peer.first(), 0, "Unknown");
        }
        boolean last = peers.stream().allMatch(p -> p == peer || p.over);
        String status = busy > 0 ? "BUSY" : congested > 0 ? "CONGESTION" : "CHANUNAVAIL";
        if (last) {
            varSet(caller, "DIALSTATUS", status);
        }
        hangupLeg(peer.last(), cause, causeText);
        peer.over = true;
        if (last) {
            end(status);
        }
    }

    private void timedOut() {
        if (over || bridged != null) {
            return;
        }
        for (Peer peer : peers) {
            if (!peer.over) {
                dialEnd(peer, "NOANSWER");
                if (peer.legs.size() > 1) {
                    ast.broadcast(peer.last().appendTo(ast.event("HangupRequest", "call,all"), "")
                            .add("Cause", 0));
                }
                hangupLeg(peer.first(), 0, "Unknown");
            }
        }
        varSet(caller, "DIALSTATUS", "NOANSWER");
        for (Peer peer : peers) {
            if (!peer.over) {
                hangupLeg(peer.last(), 0, "Unknown");
                peer.over = true;
            }
        }
        end("NOANSWER");
    }

    // ---- the conversation ends

    /** The bridged peer hangs up (its talk time is over, or an AMI Hangup). */
    private void peerHangsUp() {
        if (over || bridged == null) {
            return;
        }
        Peer peer = bridged;
        if (peer.legs.size() > 1) {
            ast.broadcast(peer.last().appendTo(ast.event("SoftHangupRequest", "call,all"), "").add("Cause", 16));
            ast.broadcast(peer.first().appendTo(ast.event("HangupRequest", "call,all"), "").add("Cause", 16));
            hangupLeg(peer.last(), 16, "Normal Clearing");
        } else {
            ast.broadcast(peer.first().appendTo(ast.event("HangupRequest", "call,all"), "").add("Cause", 16));
        }
        varSet(peer.first(), "BRIDGEPEER", "");
        varSet(caller, "BRIDGEPEER", "");
        ast.broadcast(bridge("BridgeLeave", 1).appendBlock(peer.first(), ""));
        hangupLeg(peer.first(), 16, "Normal Clearing");
        ast.broadcast(bridge("BridgeLeave", 0).appendBlock(caller, ""));
        ast.broadcast(bridge("BridgeDestroy", 0));
        answeredTimes();
        varSet(caller, "DIALSTATUS", "ANSWER");
        peer.over = true;
        end("ANSWER");
    }

    @Override
    public void callerHungUp() {
        ast.loop.execute(() -> {
            if (over) {
                return;
            }
            over = true;
            ast.dialingCallers.remove(caller.name, caller);
            timers.forEach(t -> t.cancel(false));
            if (bridged != null) {
                Peer peer = bridged;
                ast.broadcast(caller.appendTo(ast.event("HangupRequest", "call,all"), "").add("Cause", 16));
                ast.broadcast(bridge("BridgeLeave", 1).appendBlock(caller, ""));
                answeredTimes();
                varSet(caller, "DIALSTATUS", "ANSWER");
                ast.broadcast(bridge("BridgeLeave", 0).appendBlock(peer.first(), ""));
                ast.broadcast(bridge("BridgeDestroy", 0));
                hangupLegs(peer, 16, "Normal Clearing", false);
                peer.over = true;
            } else {
                for (Peer peer : peers) {
                    if (!peer.over) {
                        dialEnd(peer, "CANCEL");
                        hangupLegs(peer, 0, "Unknown", true);
                    }
                }
                varSet(caller, "DIALSTATUS", "CANCEL");
            }
        });
    }

    /** AMI Hangup of a peer's channel, or Asterisk stopping ({@code channel} empty: everything). */
    @Override
    public void hangup(String channel, int cause, String causeText) {
        if (over) {
            return;
        }
        if (bridged != null && (channel.isEmpty() || bridged.legs.stream().anyMatch(l -> l.name.equals(channel)))) {
            peerHangsUp();
            return;
        }
        for (Peer peer : peers) {
            if (!peer.over && (channel.isEmpty() || peer.legs.stream().anyMatch(l -> l.name.equals(channel)))) {
                dialEnd(peer, "CHANUNAVAIL");
                boolean last = peers.stream().allMatch(p -> p == peer || p.over);
                hangupLegs(peer, cause, causeText, true);
                if (last) {
                    String status = busy > 0 ? "BUSY" : congested > 0 ? "CONGESTION" : "CHANUNAVAIL";
                    varSet(caller, "DIALSTATUS", status);
                    end(status);
                }
            }
        }
    }

    private void end(String status) {
        if (over) {
            return;
        }
        over = true;
        ast.dialingCallers.remove(caller.name, caller);
        timers.forEach(t -> t.cancel(false));
        listener.ended(status);
    }

    // ---- events

    private void answeredTimes() {
        long now = System.nanoTime();
        long answered = simulatedMillis(now - answeredNanos);
        long dialed = simulatedMillis(now - startedNanos);
        varSet(caller, "ANSWEREDTIME", Long.toString(answered / 1000));
        varSet(caller, "ANSWEREDTIME_MS", Long.toString(answered));
        varSet(caller, "DIALEDTIME", Long.toString(dialed / 1000));
        varSet(caller, "DIALEDTIME_MS", Long.toString(dialed));
    }

    private long simulatedMillis(long nanos) {
        return Math.round(nanos / 1_000_000.0 / request.timeScale());
    }

    private void dialEnd(Peer peer, String status) {
        ast.broadcast(caller.appendTo(ast.event("DialEnd", "call,all"), "").appendBlock(peer.first(), "Dest")
                .add("DialStatus", status));
    }

    private AmiWire bridge(String event, int channels) {
        return ast.event(event, "call,all").add("BridgeUniqueid", bridgeId).add("BridgeType", "basic")
                .add("BridgeTechnology", "simple_bridge").add("BridgeCreator", "<unknown>")
                .add("BridgeName", "<unknown>").add("BridgeNumChannels", channels)
                .add("BridgeVideoSourceMode", "none");
    }

    private void varSet(SimChannel channel, String variable, String value) {
        ast.broadcast(channel.appendTo(ast.event("VarSet", "dialplan,all"), "").add("Variable", variable)
                .add("Value", value));
    }

    /** Unanswered peers end from the far half ({@code ;2} first), bridged ones from the near half. */
    private void hangupLegs(Peer peer, int cause, String causeText, boolean farFirst) {
        List<SimChannel> order = new ArrayList<>(peer.legs);
        if (farFirst) {
            java.util.Collections.reverse(order);
        }
        order.forEach(leg -> hangupLeg(leg, cause, causeText));
        peer.over = true;
    }

    private void hangupLeg(SimChannel leg, int cause, String causeText) {
        if (ast.channels.remove(leg.name) == null) {
            return;
        }
        ast.callsByChannel.remove(leg.name);
        ast.broadcast(leg.appendTo(ast.event("Hangup", "call,all"), "").add("Cause", cause)
                .add("Cause-txt", causeText));
    }

    private void at(Duration simulated, Runnable step) {
        long nanos = Math.max(0, Math.round(simulated.toNanos() * request.timeScale()));
        timers.add(ast.loop.schedule(step, nanos, TimeUnit.NANOSECONDS));
    }
}
