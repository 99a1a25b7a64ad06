package org.rappel.sim.agi;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;

/**
 * {@code EXEC Dial <Tech/resource>[&…],<timeout>,<options>} as Asterisk 22 runs it from AGI
 * ({@code call-control/q1b_exec_dial*.log}, {@code q1b_dial_opts.log}):
 * <ul>
 *   <li>clears DIALSTATUS, DIALEDPEERNUMBER, DIALEDPEERNAME, ANSWEREDTIME(_MS), DIALEDTIME(_MS), RINGTIME(_MS),
 *       PROGRESSTIME(_MS);</li>
 *   <li>while the peers ring the caller hears music with option {@code m} (it keeps music already playing),
 *       silence without it;</li>
 *   <li>blocks for the whole conversation: commands sent meanwhile wait for the reply;</li>
 *   <li>returns {@code 200 result=0} with DIALSTATUS {@code NOANSWER}, {@code BUSY}, {@code CONGESTION} or
 *       {@code CHANUNAVAIL} (the AGI still has the caller), {@code 200 result=-1} with {@code ANSWER} once the
 *       agent hung up (the caller's channel stays up: the AGI goes on, as captured), and {@code 200 result=-1}
 *       then the {@code HANGUP} line when the caller hung up (DIALSTATUS {@code ANSWER} if bridged, else
 *       {@code CANCEL} — the latter from app_dial, not captured);</li>
 *   <li>music is off once Dial returns; ANSWEREDTIME / DIALEDTIME are set in simulated seconds.</li>
 * </ul>
 * Keys pressed during Dial are ignored. The far ends are the {@link Dialer}'s. Runs on the call's event loop.
 */
public final class DialApplication implements ExecApplication {

    private static final List<String> CLEARED = List.of("DIALSTATUS", "DIALEDPEERNUMBER", "DIALEDPEERNAME",
            "ANSWEREDTIME", "ANSWEREDTIME_MS", "DIALEDTIME", "DIALEDTIME_MS", "RINGTIME", "RINGTIME_MS",
            "PROGRESSTIME", "PROGRESSTIME_MS");

    private final Dialer dialer;

    public DialApplication(Dialer dialer) {
        this.dialer = dialer;
    }

    /** Registers Dial on the simulator's EXEC applications. */
    public static void register(AgiSimulator simulator, Dialer dialer) {
        simulator.applications().register("Dial", new DialApplication(dialer));
    }

    @Override
    public void run(CallControl call, String data, IntConsumer done) {
        if (call.hungUp()) {
            done.accept(-1);
            return;
        }
        DialArguments args = DialArguments.parse(data);
        if (args.peers().isEmpty()) {
            done.accept(-1); // app_dial: "Dial requires an argument (technology/resource)"
            return;
        }
        new Run(call, args, done).start();
    }

    /** One Dial on one call; owned by the call's event loop. */
    private final class Run implements Dialer.DialListener, CommandInFlight {
        private final CallControl call;
        private final DialArguments args;
        private final IntConsumer done;
        private final Executor loop;
        private final long startedAt;
        private long answeredAt = -1;
        private String peer = "";
        private boolean over;
        private Dialer.DialAttempt attempt;

        Run(CallControl call, DialArguments args, IntConsumer done) {
            this.call = call;
            this.args = args;
            this.done = done;
            this.loop = call.executor();
            this.startedAt = call.now();
        }

        void start() {
            ChannelVariables vars = call.variables();
            CLEARED.forEach(vars::unset);
            if (args.musicClass().isPresent()) {
                if (!call.musicOn()) {
                    call.musicOn(args.musicClass().get());
                }
            } else {
                call.musicOff();
            }
            call.inFlight(this);
            attempt = dialer.dial(new Dialer.DialRequest(vars.channelName(), vars.uniqueId(),
                    vars.get("CALLERID(num)").orElse("<unknown>"), vars.context(), vars.extension(), vars.priority(),
                    args.peers(), args.timeout(), call.settings().timeScale()), this);
        }

        // ---- from the dialer (any thread)

        @Override
        public void answered(String peerChannel, String peerNumber) {
            loop.execute(() -> {
                if (over) {
                    return;
                }
                answeredAt = call.now();
                peer = peerChannel;
                call.answer();
                call.peerAnswered();
                call.musicOff();
                ChannelVariables vars = call.variables();
                vars.set("DIALSTATUS", "ANSWER");
                vars.set("DIALEDPEERNAME", peerChannel);
                vars.set("DIALEDPEERNUMBER", peerNumber);
            });
        }

        @Override
        public void ended(String dialStatus) {
            loop.execute(() -> finish(dialStatus, false));
        }

        // ---- from the call

        @Override
        public boolean onKey(char key) {
            return false;
        }

        @Override
        public void onHangup() {
            if (!over && attempt != null) {
                attempt.callerHungUp();
            }
            call.hangupNoticeAtOnce();
            finish(answeredAt >= 0 ? "ANSWER" : "CANCEL", true);
        }

        @Override
        public boolean onNewCommand() {
            return false; // Dial does not read the FastAGI socket
        }

        private void finish(String status, boolean callerHungUp) {
            if (over) {
                return;
            }
            over = true;
            long now = call.now();
            ChannelVariables vars = call.variables();
            if (answeredAt >= 0) {
                long answeredMs = simulatedMillis(now - answeredAt);
                long dialedMs = simulatedMillis(now - startedAt);
                vars.set("ANSWEREDTIME", Long.toString(answeredMs / 1000));
                vars.set("ANSWEREDTIME_MS", Long.toString(answeredMs));
                vars.set("DIALEDTIME", Long.toString(dialedMs / 1000));
                vars.set("DIALEDTIME_MS", Long.toString(dialedMs));
            }
            vars.set("DIALSTATUS", status);
            call.musicOff();
            call.recordDial(new CallTranscript.DialRecord(String.join("&", args.peers()), startedAt,
                    answeredAt >= 0 ? OptionalLong.of(answeredAt) : OptionalLong.empty(), now, status, peer,
                    callerHungUp));
            done.accept(callerHungUp || status.equals("ANSWER") ? -1 : 0);
        }

        private long simulatedMillis(long nanos) {
            return Math.round(nanos / 1_000_000.0 / call.settings().timeScale());
        }
    }
}
