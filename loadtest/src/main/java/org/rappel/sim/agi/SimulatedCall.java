package org.rappel.sim.agi;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One simulated Asterisk channel running {@code AGI(agi://…)}: res_agi's command loop, reproduced.
 *
 * <p>Contract, from res_agi.c and the captures in {@code shared/asterisk}:
 * <ul>
 *   <li>Commands run one at a time; one reply each. A command arriving while a prompt or a wait runs stops it
 *       (Asterisk watches the socket then); one arriving during an EXEC application waits.</li>
 *   <li>When the channel hangs up, a command in flight answers {@code 200 result=-1}; then the bare
 *       {@code HANGUP} line follows (after {@link SimulatorSettings#hangupNoticeDelay()} when it follows a
 *       reply, at once when the AGI was idle), always before the reply to any later command; from then on
 *       the AGI is dead: commands not allowed on a dead channel get 511.</li>
 *   <li>The simulator never closes the socket (unless {@code AGIEXITONHANGUP=yes}); it records when the
 *       server did, and AGISTATUS and where the dialplan continues.</li>
 * </ul>
 *
 * <p>Thread: every method runs on the event loop that owns the call's connection.
 */
public final class SimulatedCall implements CallControl {

    static final String DEAD_CHANNEL = "511 Command Not Permitted on a dead channel or intercept routine";
    static final String UNKNOWN_COMMAND = "510 Invalid or unknown command";

    private final CallIo io;
    private final SimulatorSettings settings;
    private final CallerScript script;
    private final AgiCommandTable commands;
    private final AstDb astDb;
    private final CallTranscript transcript = new CallTranscript();
    private final ChannelVariables variables;
    private final ScriptedCaller caller;
    private final CompletableFuture<CallTranscript> finished = new CompletableFuture<>();
    private final ArrayDeque<CallTranscript.Exchange> queued = new ArrayDeque<>();
    private final long startNanos;

    private CallTranscript.Exchange current;
    private CommandInFlight inFlight;
    private boolean newCommandSignalled;
    private boolean deferring;
    private boolean hungUp;
    private boolean noticeDone;
    private boolean dead;
    private boolean closed;
    private boolean noticeAtOnce;
    /** A Dial connected the caller to a peer. */
    private boolean peerConnected;
    /** The TCP connection is up and the environment sent: until then nothing may be written. */
    private boolean connected;
    private boolean hangupBeforeConnect;
    private final AgiReturn agiReturn = new AgiReturn();
    private AgiCommandTable.Entry currentEntry;
    private CallIo.Timer noticeTimer;
    private Optional<DialplanLocation> redirectedTo = Optional.empty();
    private int state;
    private boolean music;
    private long awaitingServerSince = -1;

    SimulatedCall(CallIo io, SimulatorSettings settings, CallerScript script, AgiCommandTable commands,
                  AstDb astDb, String channelName, String uniqueId) {
        this.io = io;
        this.settings = settings;
        this.script = script;
        this.commands = commands;
        this.astDb = astDb;
        this.startNanos = io.nanoTime();
        this.variables = new ChannelVariables(channelName, uniqueId, script);
        this.state = script.answered() ? 6 : 4;
        this.caller = new ScriptedCaller(this, script);
        transcript.channelName(channelName);
        transcript.startedAt(startNanos);
    }

    CompletableFuture<CallTranscript> finished() {
        return finished;
    }

    CallTranscript transcript() {
        return transcript;
    }

    // ---- connection events -------------------------------------------------------------------------------

    /** The TCP connection is open: send the environment (its lines, the empty one last) and let the caller act. */
    void connected(List<String> environment) {
        StringBuilder bytes = new StringBuilder();
        for (String line : environment) {
            transcript.line(now(), CallTranscript.Direction.TO_SERVER, line);
            bytes.append(line).append('\n');
        }
        io.write(bytes.toString());
        awaitingServerSince = now();
        connected = true;
        caller.start();
        if (hangupBeforeConnect) {
            // The caller left while AGI() was still connecting: the script sees the hang-up right away.
            callerHangsUp();
        }
    }

    /** One line from the server, its final {@code \n} removed (a {@code \r} before it is kept, as Asterisk). */
    void lineReceived(String line) {
        if (closed) {
            return;
        }
        long at = now();
        if (awaitingServerSince >= 0) {
            transcript.serverLatency(at - awaitingServerSince);
            awaitingServerSince = -1;
        }
        queued.add(transcript.command(line, at));
        if (current != null || deferring) {
            // Real Asterisk reads commands through stdio: lines sent together can sit in its buffer unseen.
            transcript.commandWhileBusy();
        }
        if (current != null) {
            if (inFlight != null && !newCommandSignalled) {
                newCommandSignalled = true;
                inFlight.onNewCommand();
            }
            return;
        }
        drain();
    }

    /** The server closed the connection: AGI() returns. */
    void serverClosed() {
        if (closed) {
            return;
        }
        closed = true;
        agiReturn.closed(now(), false);
        conclude();
    }

    /** Asterisk could not connect: AGISTATUS=FAILURE, the dialplan goes on. */
    void connectFailed() {
        closed = true;
        agiReturn.connectFailed();
        transcript.outcome(agiReturn.outcome(false, nextPriority(), Optional.empty(), true));
        finished.complete(transcript);
    }

    // ---- the caller ----------------------------------------------------------------------------------------

    /** The caller presses a key. */
    void keyPressed(char key) {
        if (closed || hungUp || !connected) {
            return;
        }
        long at = now();
        CallTranscript.KeyFate fate;
        if (current == null) {
            fate = CallTranscript.KeyFate.LOST;
        } else if (inFlight != null && inFlight.onKey(key)) {
            fate = CallTranscript.KeyFate.TAKEN;
        } else {
            fate = CallTranscript.KeyFate.IGNORED;
        }
        transcript.key(new CallTranscript.KeyPress(key, at, fate));
    }

    /** The caller hangs up. */
    void callerHangsUp() {
        endFromOutside(HangupSource.CALLER);
    }

    /**
     * An AMI Redirect of the channel: to the AGI it is a hang-up (in-flight command {@code -1}, HANGUP line,
     * dead mode), but the channel now sits at {@code target} and goes on there when the server closes.
     *
     * @return false when the channel is already gone (AMI would answer an error)
     */
    boolean redirect(DialplanLocation target) {
        if (closed || hungUp || !connected) {
            return false;
        }
        variables.context(target.context());
        variables.extension(target.extension());
        variables.priority(target.priority());
        redirectedTo = Optional.of(target);
        endFromOutside(HangupSource.REDIRECT);
        return true;
    }

    private void endFromOutside(HangupSource source) {
        if (closed || hungUp) {
            return;
        }
        if (!connected) {
            if (source == HangupSource.CALLER) {
                hangupBeforeConnect = true; // nothing can be written before the connection is up
            }
            return;
        }
        markHungUp(source);
        if (current != null) {
            if (inFlight != null) {
                inFlight.onHangup();
            }
            // else: an instant command; its finish() schedules the notice.
        } else if (!deferring) {
            // The idle loop reads the hang-up at once.
            sendHangupNotice();
            drain();
        }
    }

    void soundStarted(String sound, long scaledNanos) {
        caller.onSoundStarted(sound, scaledNanos);
    }

    void soundHeard(CallTranscript.SoundHeard heard) {
        transcript.sound(heard);
    }

    // ---- the command loop ----------------------------------------------------------------------------------

    private void drain() {
        while (current == null && !deferring && !closed) {
            if (hungUp && !noticeDone) {
                if (queued.isEmpty()) {
                    return; // the notice timer is running
                }
                // A command came before the notice: the loop sees the hang-up first.
                if (noticeTimer != null) {
                    noticeTimer.cancel();
                }
                sendHangupNotice();
                long delay = settings.hangupNoticeDelay().toNanos();
                if (delay > 0 && !closed) {
                    deferring = true;
                    io.schedule(delay, () -> {
                        deferring = false;
                        drain();
                    });
                    return;
                }
                continue;
            }
            CallTranscript.Exchange next = queued.poll();
            if (next == null) {
                return;
            }
            execute(next);
        }
    }

    private void execute(CallTranscript.Exchange exchange) {
        current = exchange;
        inFlight = null;
        newCommandSignalled = false;
        List<String> argv = AgiArguments.parse(exchange.command());
        Optional<AgiCommandTable.Entry> entry = commands.find(argv);
        if (entry.isEmpty()) {
            reply(UNKNOWN_COMMAND);
            complete(CommandResult.SUCCESS, Optional.empty());
            return;
        }
        if (dead && !entry.get().allowedOnDeadChannel()) {
            reply(DEAD_CHANNEL);
            complete(CommandResult.SUCCESS, Optional.empty());
            return;
        }
        currentEntry = entry.get();
        entry.get().handler().start(this, argv);
    }

    @Override
    public void finish(CommandResult result) {
        if (current == null) {
            throw new IllegalStateException("no command is running");
        }
        complete(result, Optional.ofNullable(currentEntry));
    }

    private void complete(CommandResult result, Optional<AgiCommandTable.Entry> entry) {
        if (result == CommandResult.SHOW_USAGE) {
            Optional<String> usage = entry.flatMap(AgiCommandTable.Entry::usage);
            if (usage.isEmpty()) {
                reply("520 Invalid command syntax.  Proper usage not available.");
            } else {
                reply("520-Invalid command syntax.  Proper usage follows:");
                for (String line : usage.get().split("\n", -1)) {
                    reply(line);
                }
                reply("520 End of proper usage.");
            }
        }
        if (result == CommandResult.FAILURE) {
            agiReturn.commandFailed(dead, hungUp);
        }
        current = null;
        currentEntry = null;
        inFlight = null;
        if (result != CommandResult.NO_REPLY) {
            awaitingServerSince = now();
        }
        if (closed) {
            return;
        }
        if (hungUp && !noticeDone && noticeTimer == null) {
            long delay = noticeAtOnce ? 0 : settings.hangupNoticeDelay().toNanos();
            noticeTimer = io.schedule(delay, () -> {
                if (!noticeDone && !closed) {
                    sendHangupNotice();
                    drain();
                }
            });
        }
        drain();
    }

    private void markHungUp(HangupSource source) {
        hungUp = true;
        agiReturn.hungUp(source, now());
        musicOff();
    }

    private void sendHangupNotice() {
        noticeDone = true;
        dead = true;
        agiReturn.hangupSeen();
        boolean sighup = !AgiReturn.isFalse(variables.get("AGISIGHUP").orElse(""));
        boolean exitOnHangup = AgiReturn.isTrue(variables.get("AGIEXITONHANGUP").orElse(""));
        if (sighup) {
            agiReturn.noticeWritten(now());
            writeLine("HANGUP");
        }
        if (exitOnHangup) {
            if (sighup) {
                writeLine("HANGUP"); // run_agi's farewell notice on the way out
            }
            closed = true;
            agiReturn.closed(now(), true);
            io.close();
            conclude();
        }
    }

    private void conclude() {
        transcript.outcome(agiReturn.outcome(hungUp, nextPriority(), redirectedTo, false));
        finished.complete(transcript);
    }

    private DialplanLocation nextPriority() {
        return new DialplanLocation(variables.context(), variables.extension(), variables.priority() + 1);
    }

    private void writeLine(String line) {
        transcript.line(now(), CallTranscript.Direction.TO_SERVER, line);
        io.write(line + "\n");
    }

    // ---- CallControl -----------------------------------------------------------------------------------------

    @Override
    public ChannelVariables variables() {
        return variables;
    }

    @Override
    public SimulatorSettings settings() {
        return settings;
    }

    @Override
    public boolean hungUp() {
        return hungUp;
    }

    @Override
    public boolean dead() {
        return dead;
    }

    @Override
    public int channelState() {
        return state;
    }

    @Override
    public void answer() {
        state = 6;
    }

    @Override
    public void reply(String line) {
        if (closed) {
            return;
        }
        long at = now();
        if (current != null) {
            current.addReplyLine(line, at);
        }
        writeLine(line);
    }

    @Override
    public void inFlight(CommandInFlight command) {
        this.inFlight = command;
    }

    @Override
    public void hangUpChannel() {
        if (!hungUp) {
            markHungUp(HangupSource.AGI);
        }
    }

    @Override
    public void musicOn(String mohClass) {
        if (hungUp) {
            return;
        }
        music = true;
        transcript.music(new CallTranscript.MusicChange(now(), true, mohClass));
    }

    @Override
    public void musicOff() {
        if (music) {
            music = false;
            transcript.music(new CallTranscript.MusicChange(now(), false, ""));
        }
    }

    @Override
    public boolean musicOn() {
        return music;
    }

    @Override
    public Prompt play(List<String> sounds, String stopKeys, Consumer<Prompt.End> done) {
        return playFrom(sounds, stopKeys, 0, done);
    }

    Prompt playFrom(List<String> sounds, String stopKeys, long offsetSamples, Consumer<Prompt.End> done) {
        musicOff();
        Prompt prompt = new Prompt(this, sounds, stopKeys, offsetSamples, done);
        prompt.start();
        return prompt;
    }

    @Override
    public void inputOpportunity(InputKind kind, String promptSound, long promptNanos) {
        caller.onInput(kind, promptSound, promptNanos);
    }

    @Override
    public CallIo.Timer schedule(long delayNanos, Runnable task) {
        return io.schedule(delayNanos, () -> {
            if (!closed) {
                task.run();
            }
        });
    }

    @Override
    public long scaledNanos(long millis) {
        return settings.scaledNanos(millis);
    }

    @Override
    public long now() {
        return io.nanoTime() - startNanos;
    }

    @Override
    public AstDb database() {
        return astDb;
    }

    @Override
    public void recordVariableSet(String name, String value) {
        transcript.variableSet(name, value, now());
    }

    @Override
    public void peerAnswered() {
        peerConnected = true;
    }

    /** The caller hangs up unless a Dial connected them to someone: a waiting caller's patience ran out. */
    boolean abandonIfWaiting() {
        if (peerConnected || closed || hungUp || hangupBeforeConnect) {
            return false;
        }
        callerHangsUp();
        return true;
    }

    @Override
    public void hangupNoticeAtOnce() {
        noticeAtOnce = true;
    }

    @Override
    public void recordDial(CallTranscript.DialRecord dial) {
        transcript.dial(dial);
    }

    @Override
    public java.util.concurrent.Executor executor() {
        return task -> io.execute(() -> {
            if (!closed) {
                task.run();
            }
        });
    }

    CallerScript script() {
        return script;
    }
}
