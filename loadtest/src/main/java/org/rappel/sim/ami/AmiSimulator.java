package org.rappel.sim.ami;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.rappel.net.Transports;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rappel.sim.agi.AgiSimulator;
import org.rappel.sim.agi.CallerInput;
import org.rappel.sim.agi.DialApplication;
import org.rappel.sim.agi.Dialer;
import org.rappel.sim.dialplan.Dialplan;

/**
 * The AMI side of the Asterisk simulator: listens on a free loopback port and speaks as Asterisk 22 does in
 * {@code shared/asterisk/ami-raw} (banner, Login, FullyBooted with Uptime, Ping, async and sync Originate with
 * OriginateResponse reasons 4/5/3/0/8 and the channel events around them, Redirect, Hangup, Command, Events,
 * Logoff, CoreShowChannels from the live channels, errors). Called parties follow an {@link AnswerPolicy}
 * drawing from a seeded random source.
 *
 * <p>Callbacks: {@link #runDialplan} makes answered Originates run the dialplan ({@code AGI()} toward the FastAGI
 * server under test), {@link #setEndpointPolicy} sets how each citizen or agent answers,
 * {@link #setEndpointInputs} what they key in, {@link #originateLog()} tells what was dialled, when and how it
 * ended.
 *
 * <p>Controls for tests: {@link #refuseLogins}, {@link #answerPings}, {@link #cutConnections},
 * {@link #networkDown} (the link stays cut: events meanwhile reach nobody), {@link #completeLists},
 * {@link #restart} (Shutdown event, close, then {@code Uptime: 0}), {@link #crashAndRestart} (the same without the
 * Shutdown event), {@link #injectMalformedEvent}, {@link #sendEvent}. They run on the simulator's event loop and
 * return once done.
 *
 * <p>Threads: one event loop owns every connection and all simulated state ({@link SimAsterisk}); the counters
 * are atomic so tests read them from any thread.
 */
public final class AmiSimulator implements AutoCloseable {

    /**
     * @param username         the one manager user
     * @param secret           its secret
     * @param initialUptime    Asterisk's {@code Uptime} at simulator start (a restart sets it back to 0)
     * @param authFailureDelay how long a refused login waits before {@code Authentication failed} (1 s in Asterisk)
     * @param policy           how called parties answer
     * @param seed             seed of the random source the policy draws from
     * @param timestampEvents  {@code timestampevents=yes}: a {@code Timestamp} on every event
     */
    public record Options(String username, String secret, Duration initialUptime, Duration authFailureDelay,
                          AnswerPolicy policy, long seed, boolean timestampEvents) {

        public static Options defaults() {
            return new Options("rappel", "sim-secret", Duration.ofSeconds(100), Duration.ofSeconds(1),
                    AnswerPolicies.answerAfter(Duration.ofSeconds(1), Duration.ofSeconds(30)), 42, true);
        }

        public Options withCredentials(String user, String pass) {
            return new Options(user, pass, initialUptime, authFailureDelay, policy, seed, timestampEvents);
        }

        public Options withAuthFailureDelay(Duration delay) {
            return new Options(username, secret, initialUptime, delay, policy, seed, timestampEvents);
        }

        public Options withPolicy(AnswerPolicy newPolicy) {
            return new Options(username, secret, initialUptime, authFailureDelay, newPolicy, seed, timestampEvents);
        }

        public Options withTimestampEvents(boolean on) {
            return new Options(username, secret, initialUptime, authFailureDelay, policy, seed, on);
        }

        public Options withInitialUptime(Duration uptime) {
            return new Options(username, secret, uptime, authFailureDelay, policy, seed, timestampEvents);
        }

        public Options withSeed(long newSeed) {
            return new Options(username, secret, initialUptime, authFailureDelay, policy, newSeed, timestampEvents);
        }
    }

    /** What the simulator saw; thread-safe. */
    static final class Counters {
        private final AtomicInteger logins = new AtomicInteger();
        private final AtomicInteger originates = new AtomicInteger();
        private final Map<String, AtomicInteger> actions = new ConcurrentHashMap<>();

        void loginAttempt() {
            logins.incrementAndGet();
        }

        void originate() {
            originates.incrementAndGet();
        }

        void actionReceived(String name) {
            actions.computeIfAbsent(name.toLowerCase(), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Channel server;
    private final SimAsterisk asterisk;
    private final Counters counters = new Counters();

    private AmiSimulator(Options options, int port) {
        this.group = Transports.newEventLoopGroup(1, "asterisk-sim-ami");
        this.loop = group.next();
        this.asterisk = new SimAsterisk(loop, Clock.systemUTC(), options);
        this.server = new ServerBootstrap().group(loop).channel(Transports.serverChannelType())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(8192),
                                new StringDecoder(StandardCharsets.UTF_8), new StringEncoder(StandardCharsets.UTF_8),
                                new SimAmiSession(asterisk, counters));
                    }
                }).bind("127.0.0.1", port).syncUninterruptibly().channel();
    }

    /** Binds a free loopback port and starts answering. */
    public static AmiSimulator start(Options options) {
        return new AmiSimulator(options, 0);
    }

    /** Binds this loopback port (load mode: Rappel's config names it); 0 picks a free one. */
    public static AmiSimulator start(Options options, int port) {
        return new AmiSimulator(options, port);
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Refused logins get {@code Authentication failed} and the session ends, as in Asterisk. */
    public void refuseLogins(boolean refuse) {
        onLoop(() -> asterisk.refuseLogins = refuse);
    }

    /** With false, {@code Ping} goes unanswered (a hung Asterisk, for keepalive tests). */
    public void answerPings(boolean answer) {
        onLoop(() -> asterisk.answerPings = answer);
    }

    /** Joins the AMI side to a harness (FastAGI side); see {@link AmiSimulatorHooks}. */
    public void setHooks(AmiSimulatorHooks hooks) {
        onLoop(() -> asterisk.hooks = hooks);
    }

    /**
     * From now on an answered Originate runs its target in {@code dialplan} as Asterisk would: for Rappel's
     * {@code rappel-callback} context, {@code NoOp}, then {@code AGI(agi://…/callback?id=${RAPPEL_CALLBACK_ID})}
     * through {@code agi} (a FastAGI connection with this channel's environment), then {@code Hangup()}. The
     * far end's talk time ({@link AnswerOutcome.Answered}) is when it hangs up on the AGI; the channel's Hangup
     * event comes when the dialplan is over. Registers Dial on {@code agi} against {@link #dialer()}, so the
     * script's {@code EXEC Dial} rings simulated agents and citizens under their policies.
     *
     * <p>Point the dialplan at the server under test with {@code dialplan.withGlobal("RAPPEL_AGI", host + ":" +
     * port)}; check the contexts you rely on with {@link Dialplan#requireSimulated}.
     *
     * @param order which of the AGI connection and OriginateResponse comes first
     */
    public void runDialplan(Dialplan dialplan, AgiSimulator agi, CallbackOrder order) {
        DialApplication.register(agi, dialer());
        onLoop(() -> asterisk.dialplan = new OriginatedDialplan(dialplan, agi, order, new LinkedHashMap<>(),
                new CopyOnWriteArrayList<>()));
    }

    /**
     * What the party dialled as {@code dialString} keys in once answered, at each input opportunity of Rappel's
     * AGI script (GET DATA, WAIT FOR DIGIT); none: silence. Needs {@link #runDialplan}.
     */
    public void setEndpointInputs(String dialString, CallerInput... inputs) {
        List<CallerInput> copy = List.of(inputs);
        onLoop(() -> {
            if (asterisk.dialplan == null) {
                throw new IllegalStateException("no dialplan: call runDialplan first");
            }
            asterisk.dialplan.inputs().put(dialString, copy);
        });
    }

    /**
     * Multiplies the ring and talk times the answer policies give originated calls (as {@code EXEC Dial} already
     * does with the AGI simulator's time scale), for load runs of a day in minutes. The Originate's {@code Timeout}
     * is not scaled: it is the server's.
     */
    public void setOriginateTimeScale(double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("time scale must be positive: " + scale);
        }
        onLoop(() -> asterisk.originateTimeScale = scale);
    }

    /** What went wrong running the dialplan (an application not simulated, an AGI URL not simulated). */
    public List<String> dialplanErrors() {
        return onLoop(() -> asterisk.dialplan == null ? List.<String>of() : List.copyOf(asterisk.dialplan.errors()));
    }

    /** Every Originate received so far, with its outcome and times: an immutable snapshot. */
    public OriginateLog originateLog() {
        return onLoop(() -> new OriginateLog(asterisk.originated.stream().map(SimOriginate::record).toList()));
    }

    public void setAnswerPolicy(AnswerPolicy policy) {
        onLoop(() -> asterisk.policy = policy);
    }

    /**
     * How one endpoint answers from now on, whatever the general policy says: e.g.
     * {@code setEndpointPolicy("PJSIP/agent101", AnswerPolicies.busy())}. Applies to Dial and Originate alike.
     */
    public void setEndpointPolicy(String dialString, AnswerPolicy policy) {
        onLoop(() -> asterisk.endpointPolicies.put(dialString, policy));
    }

    /**
     * The far end of every call with a channel dialled as {@code dialString} (or whose name starts with
     * {@code dialString + "-"}) hangs up now: an agent ends
     * the conversation early, a ringing one rejects the call (CHANUNAVAIL for that peer).
     *
     * @return how many calls it ended
     */
    public int hangUpEndpoint(String dialString) {
        return onLoop(() -> {
            java.util.Set<SimCall> calls = new java.util.LinkedHashSet<>();
            for (Map.Entry<String, SimCall> e : new java.util.ArrayList<>(asterisk.callsByChannel.entrySet())) {
                SimChannel channel = asterisk.channels.get(e.getKey());
                boolean dialled = channel != null && channel.dialString.equals(dialString);
                if ((dialled || e.getKey().startsWith(dialString + "-")) && calls.add(e.getValue())) {
                    e.getValue().hangup(e.getKey(), 16, "Normal Clearing");
                }
            }
            return calls.size();
        });
    }

    /**
     * The Dial side of this simulated Asterisk, for {@code DialApplication}: the AGI simulator's
     * {@code EXEC Dial} rings the endpoints here, under their answer policies, and the AMI events of the dial go
     * to the logged-in sessions. Thread-safe.
     */
    public Dialer dialer() {
        return (request, listener) -> {
            SimDial dial = new SimDial(asterisk, request, listener);
            loop.execute(dial::start);
            return dial;
        };
    }

    /**
     * With true, the network to the manager port is down: every connection closes at once and new ones are closed
     * as soon as they open (no banner), until it is set back to false. Events of the calls that go on meanwhile
     * reach no client, as with a lost TCP session; Asterisk itself goes on (same uptime).
     */
    public void networkDown(boolean down) {
        onLoop(() -> {
            asterisk.networkDown = down;
            if (down) {
                asterisk.sessionsSnapshot().forEach(SimAmiSession::close);
            }
        });
    }

    /** With false, event lists ({@code CoreShowChannels}) never get their {@code ...Complete} event. */
    public void completeLists(boolean complete) {
        onLoop(() -> asterisk.completeLists = complete);
    }

    /** Closes every manager connection at once, like a network cut; Asterisk itself goes on (same uptime). */
    public void cutConnections() {
        onLoop(() -> asterisk.sessionsSnapshot().forEach(SimAmiSession::close));
    }

    /**
     * {@code core restart}: calls are hung up, logins get {@code Asterisk is shutting down} for
     * {@code shutdownTime}, then {@code Shutdown} ({@code Cleanly}, {@code Restart: True}) goes out, every
     * connection closes and Asterisk boots again: the next login sees {@code Uptime: 0}. Returns at once; the
     * shutdown ends on the event loop.
     */
    public void restart(Duration shutdownTime) {
        onLoop(() -> {
            asterisk.stopping = true;
            asterisk.hangupAll();
            loop.schedule(() -> {
                asterisk.broadcast(asterisk.event("Shutdown", "system,all").add("Shutdown", "Cleanly")
                        .add("Restart", "True"));
                asterisk.sessionsSnapshot().forEach(SimAmiSession::close);
                asterisk.rebooted();
                asterisk.stopping = false;
            }, shutdownTime.toNanos(), TimeUnit.NANOSECONDS);
        });
    }

    /** Asterisk dies and comes back with no {@code Shutdown} event: only {@code Uptime} tells. */
    public void crashAndRestart() {
        onLoop(() -> {
            asterisk.channels.clear();
            asterisk.callsByChannel.clear();
            asterisk.dialingCallers.clear();
            asterisk.sessionsSnapshot().forEach(SimAmiSession::close);
            asterisk.rebooted();
        });
    }

    /** Sends every logged-in session an event with a line that has no colon. */
    public void injectMalformedEvent() {
        onLoop(() -> asterisk.sessionsSnapshot().forEach(s -> s.event(
                "Event: Newexten\r\nPrivilege: dialplan,all\r\nthis line has no colon\r\n\r\n")));
    }

    /** Sends every logged-in session an event with these headers after Event/Privilege/Timestamp. */
    public void sendEvent(String name, String privilege, String... namesAndValues) {
        onLoop(() -> {
            AmiWire w = asterisk.event(name, privilege);
            for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
                w.add(namesAndValues[i], namesAndValues[i + 1]);
            }
            asterisk.broadcast(w);
        });
    }

    public int loginAttempts() {
        return counters.logins.get();
    }

    public int originates() {
        return counters.originates.get();
    }

    /** How many times an action of this name arrived (any case). */
    public int actionsReceived(String action) {
        AtomicInteger n = counters.actions.get(action.toLowerCase());
        return n == null ? 0 : n.get();
    }

    public int loggedInSessions() {
        return onLoop(() -> (int) asterisk.sessions.stream().filter(SimAmiSession::loggedIn).count());
    }

    /** Channels in a bridge now (an answered call), whatever the manager clients were told. */
    public int bridgedChannels() {
        return onLoop(() -> (int) asterisk.channels.values().stream().filter(c -> !c.bridgeId.isEmpty()).count());
    }

    /** Channels alive in the simulated Asterisk. */
    public int activeChannels() {
        return onLoop(() -> asterisk.channels.size());
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void onLoop(Runnable r) {
        onLoop(() -> {
            r.run();
            return null;
        });
    }

    private <T> T onLoop(Callable<T> c) {
        if (loop.inEventLoop()) {
            try {
                return c.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return loop.submit(c).syncUninterruptibly().getNow();
    }
}
