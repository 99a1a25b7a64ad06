package org.rappel.sim.ami;

import io.netty.channel.EventLoop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The state of the simulated Asterisk behind the AMI port: boot time, channels, originated calls, logged-in
 * sessions, and the switches tests flip. Everything here is owned by the simulator's single event loop.
 */
final class SimAsterisk {
    final EventLoop loop;
    final Clock clock;
    final AmiSimulator.Options options;
    final RandomGenerator random;
    AnswerPolicy policy;
    AmiSimulatorHooks hooks = new AmiSimulatorHooks() {
    };
    boolean refuseLogins;
    boolean answerPings = true;
    /** Between the start of a shutdown and the Shutdown event: logins get "Asterisk is shutting down". */
    boolean stopping;
    /** The network between Asterisk and its manager clients is down: connections close, none is accepted. */
    boolean networkDown;
    /** With false, event lists get their items but never their {@code ...Complete} event (a stuck Asterisk). */
    boolean completeLists = true;

    private Instant bootedAt;
    private long uptimeAtBoot;
    private long uniqueSeq;
    private int channelSeq;
    final Map<String, SimChannel> channels = new LinkedHashMap<>();
    final Map<String, SimCall> callsByChannel = new LinkedHashMap<>();
    /**
     * The AGI callers running a Dial now. The AGI side owns their channels, but a real Asterisk lists them in
     * {@code CoreShowChannels} too.
     */
    final Map<String, SimChannel> dialingCallers = new LinkedHashMap<>();
    /** Per-endpoint answer policies (key: the dial string, e.g. {@code PJSIP/agent101}), before {@link #policy}. */
    final Map<String, AnswerPolicy> endpointPolicies = new LinkedHashMap<>();
    final Set<SimAmiSession> sessions = new LinkedHashSet<>();
    /** Every Originate received, in order (what {@code AmiSimulator.originateLog()} reports). */
    final List<SimOriginate> originated = new ArrayList<>();
    /** The dialplan answered originated calls run; null: they just talk for their talk time, then hang up. */
    OriginatedDialplan dialplan;
    /** Factor on the ring and talk times of originated calls' far ends (1: as the policy says). */
    double originateTimeScale = 1.0;

    SimAsterisk(EventLoop loop, Clock clock, AmiSimulator.Options options) {
        this.loop = loop;
        this.clock = clock;
        this.options = options;
        this.random = new SplittableRandom(options.seed());
        this.policy = options.policy();
        this.bootedAt = clock.instant();
        this.uptimeAtBoot = options.initialUptime().toSeconds();
    }

    /** Seconds since the simulated Asterisk started ({@code FullyBooted} {@code Uptime}). */
    long uptimeSeconds() {
        return uptimeAtBoot + Duration.between(bootedAt, clock.instant()).toSeconds();
    }

    void rebooted() {
        bootedAt = clock.instant();
        uptimeAtBoot = 0;
    }

    /** {@code 1795701039.420370}: seconds and microseconds, as {@code timestampevents=yes} writes it. */
    String timestamp() {
        Instant now = clock.instant();
        return String.format("%d.%06d", now.getEpochSecond(), now.getNano() / 1000);
    }

    Optional<String> eventTimestamp() {
        return options.timestampEvents() ? Optional.of(timestamp()) : Optional.empty();
    }

    AmiWire event(String name, String privilege) {
        return AmiWire.event(name, privilege, eventTimestamp());
    }

    /** Asterisk's uniqueid: creation second, a dot, a counter since boot. */
    String nextUniqueid() {
        return clock.instant().getEpochSecond() + "." + uniqueSeq++;
    }

    String nextChannelSuffix() {
        return String.format("-%08x", channelSeq++);
    }

    /** Sends an event to every logged-in session that has events on. */
    void broadcast(AmiWire event) {
        String text = event.text();
        for (SimAmiSession s : sessions) {
            s.event(text);
        }
    }

    /** Hangs up every call (Asterisk stopping), with their Hangup events. */
    void hangupAll() {
        for (SimCall call : new ArrayList<>(new LinkedHashSet<>(callsByChannel.values()))) {
            call.hangup("", 0, "Unknown");
        }
    }

    /** How the far end at {@code dialString} treats a call now (its own policy, else the general one). */
    AnswerOutcome decide(String dialString) {
        return endpointPolicies.getOrDefault(dialString, policy).decide(dialString, random);
    }

    List<SimAmiSession> sessionsSnapshot() {
        return new ArrayList<>(sessions);
    }
}
