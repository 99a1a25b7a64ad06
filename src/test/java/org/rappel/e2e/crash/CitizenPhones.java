package org.rappel.e2e.crash;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.rappel.sim.agi.AgiSimulator;
import org.rappel.sim.agi.CallerScript;
import org.rappel.sim.ami.AmiSimulator;
import org.rappel.sim.ami.AmiSimulatorHooks;

/**
 * The dialplan of the callback context, played by the simulated Asterisk: when a citizen answers a callback
 * Originate, the answered channel runs {@code AGI(agi://rappel/callback?id=${RAPPEL_CALLBACK_ID})} against the
 * server; when that AGI ends (the conversation with the agent is over, or the server died), the citizen's channel
 * hangs up, as {@code same => n,Hangup()} does.
 *
 * <p>Threads: {@link #answered} runs on the AMI simulator's event loop and only hands work on; the hang-up runs on
 * this class's own thread (it waits for the AMI loop).
 */
final class CitizenPhones implements AmiSimulatorHooks {
    private final AmiSimulator ami;
    private final AgiSimulator agi;
    private final InetSocketAddress rappel;
    private final ExecutorService hangups = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "citizen-hangups");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger reachedRappel = new AtomicInteger();
    private final Set<String> reachedChannels = ConcurrentHashMap.newKeySet();
    private final AtomicInteger putThrough = new AtomicInteger();

    CitizenPhones(AmiSimulator ami, AgiSimulator agi, InetSocketAddress rappel) {
        this.ami = ami;
        this.agi = agi;
        this.rappel = rappel;
    }

    @Override
    public void answered(AnsweredCall call) {
        String id = call.variables().get(OriginateLog.ID_VARIABLE);
        if (id == null) {
            return;
        }
        answered.incrementAndGet();
        // The Originate's channel name is the dial string plus "-0000001a;1": the dial string hangs it up.
        String channel = call.channel();
        String dialString = channel.substring(0, channel.lastIndexOf('-'));
        CallerScript.Builder script = CallerScript.builder().script("callback?id=" + id)
                .dialplan(call.target().getOrDefault("Context", "rappel-callback"),
                        call.target().getOrDefault("Exten", "s"), 2)
                .channelVariable(OriginateLog.ID_VARIABLE, id);
        if (!call.callerIdNum().equals("<unknown>")) {
            script.callerId(call.callerIdNum());
        }
        agi.call(rappel, script.build()).whenComplete((transcript, error) -> {
            if (transcript != null && !transcript.outcome().map(o -> o.connectFailed()).orElse(true)) {
                reachedRappel.incrementAndGet();
                reachedChannels.add(OriginateLog.base(channel));
            }
            if (transcript != null && transcript.dials().stream().anyMatch(d -> d.status().equals("ANSWER"))) {
                putThrough.incrementAndGet();
            }
            hangups.execute(() -> ami.hangUpEndpoint(dialString));
        });
    }

    /** Callback calls the citizens answered. */
    int answered() {
        return answered.get();
    }

    /** Of those, the ones whose AGI reached the server. */
    int reachedRappel() {
        return reachedRappel.get();
    }

    /**
     * Whether the answered callback call on this channel (without {@code ;1}/{@code ;2}) reached a live server:
     * if not, the server had died, and the citizen heard nothing but a hang-up.
     */
    boolean reachedServer(String channel) {
        return reachedChannels.contains(channel);
    }

    /** Callback calls whose Dial to the agent was answered and ended normally (a crash cuts the others short). */
    int putThrough() {
        return putThrough.get();
    }

    void close() {
        hangups.shutdownNow();
    }
}
