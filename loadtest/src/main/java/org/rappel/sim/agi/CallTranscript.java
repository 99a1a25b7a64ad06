package org.rappel.sim.agi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Everything one simulated call saw and did, for tests to assert on: every line in both directions with its
 * time, each command with its reply, the sounds the caller heard, the keys pressed and their fate, the
 * variables the server set, the music on hold, and the outcome. Times are nanoseconds since the call started.
 *
 * <p>Written only by the event-loop thread that owns the call; read it once the call's future completed
 * (the future's completion orders those writes before the reads).
 */
public final class CallTranscript {

    public enum Direction {
        /** A line the FastAGI server sent (a command). */
        FROM_SERVER,
        /** A line the simulated Asterisk sent (environment, reply, notice). */
        TO_SERVER
    }

    public record Line(long atNanos, Direction direction, String text) {
        @Override
        public String toString() {
            return String.format("%10.3f %s %s", atNanos / 1e6, direction == Direction.FROM_SERVER ? ">>" : "<<",
                    text);
        }
    }

    /** How a sound stopped. */
    public enum SoundEnd {
        COMPLETED,
        /** An escape digit (or any digit during a GET DATA prompt) stopped it. */
        KEY,
        HANGUP,
        /** The server sent another command while it played; Asterisk then drops it without a reply. */
        NEW_COMMAND
    }

    public record SoundHeard(String sound, long startedAtNanos, long playedNanos, SoundEnd end) {
    }

    /** What became of a key the caller pressed. */
    public enum KeyFate {
        /** A command took it. */
        TAKEN,
        /** A command was running but did not listen for keys (STREAM FILE without escape digits…). */
        IGNORED,
        /** No command was pending: Asterisk discards it. */
        LOST
    }

    public record KeyPress(char key, long atNanos, KeyFate fate) {
    }

    public record VariableSet(String name, String value, long atNanos) {
    }

    public record MusicChange(long atNanos, boolean on, String mohClass) {
    }

    /** One command and the lines answering it (none when it was dropped for a newer command). */
    /**
     * One {@code EXEC Dial}: what was dialled, when it started, when a peer answered, when it returned and how.
     *
     * @param peer         the answering peer's channel, empty when none answered
     * @param callerHungUp whether the caller's hang-up ended it
     */
    public record DialRecord(String destinations, long startedAtNanos, java.util.OptionalLong answeredAtNanos,
                             long endedAtNanos, String status, String peer, boolean callerHungUp) {
    }

    public static final class Exchange {
        private final String command;
        private final long receivedAtNanos;
        private final List<String> reply = new ArrayList<>(1);
        private long repliedAtNanos = -1;

        Exchange(String command, long receivedAtNanos) {
            this.command = command;
            this.receivedAtNanos = receivedAtNanos;
        }

        public String command() {
            return command;
        }

        public long receivedAtNanos() {
            return receivedAtNanos;
        }

        /** The reply lines, e.g. {@code [200 result=0]}, or the three-plus lines of a 520. */
        public List<String> reply() {
            return Collections.unmodifiableList(reply);
        }

        /** The reply as one text, lines joined by {@code \n}; empty when there was none. */
        public String replyText() {
            return String.join("\n", reply);
        }

        public OptionalLong repliedAtNanos() {
            return repliedAtNanos < 0 ? OptionalLong.empty() : OptionalLong.of(repliedAtNanos);
        }

        void addReplyLine(String line, long atNanos) {
            reply.add(line);
            repliedAtNanos = atNanos;
        }

        @Override
        public String toString() {
            return command + " -> " + reply;
        }
    }

    private final List<Line> lines = new ArrayList<>();
    private final List<Exchange> exchanges = new ArrayList<>();
    private final List<SoundHeard> sounds = new ArrayList<>();
    private final List<KeyPress> keys = new ArrayList<>();
    private final List<VariableSet> variablesSet = new ArrayList<>();
    private final List<MusicChange> music = new ArrayList<>();
    private final List<Long> serverLatencies = new ArrayList<>();
    private final List<DialRecord> dials = new ArrayList<>();
    private int commandsWhileBusy;
    private long startedAtNanoTime;
    private String channelName = "";
    private CallOutcome outcome;

    CallTranscript() {
    }

    void line(long atNanos, Direction direction, String text) {
        lines.add(new Line(atNanos, direction, text));
    }

    Exchange command(String text, long atNanos) {
        Exchange exchange = new Exchange(text, atNanos);
        exchanges.add(exchange);
        line(atNanos, Direction.FROM_SERVER, text);
        return exchange;
    }

    void sound(SoundHeard heard) {
        sounds.add(heard);
    }

    void key(KeyPress press) {
        keys.add(press);
    }

    void variableSet(String name, String value, long atNanos) {
        variablesSet.add(new VariableSet(name, value, atNanos));
    }

    void music(MusicChange change) {
        music.add(change);
    }

    void startedAt(long nanoTime) {
        this.startedAtNanoTime = nanoTime;
    }

    /** {@link System#nanoTime()} when the call started: the zero of every time in this transcript. */
    public long startedAtNanoTime() {
        return startedAtNanoTime;
    }

    void dial(DialRecord record) {
        dials.add(record);
    }

    /** Every Dial the call ran, in order. */
    public List<DialRecord> dials() {
        return Collections.unmodifiableList(dials);
    }

    void serverLatency(long nanos) {
        serverLatencies.add(nanos);
    }

    void commandWhileBusy() {
        commandsWhileBusy++;
    }

    void channelName(String name) {
        this.channelName = name;
    }

    void outcome(CallOutcome result) {
        this.outcome = result;
    }

    public List<Line> lines() {
        return Collections.unmodifiableList(lines);
    }

    /** Every line the simulator sent, in order, as text (environment lines included). */
    public List<String> linesSent() {
        return lines.stream().filter(l -> l.direction() == Direction.TO_SERVER).map(Line::text).toList();
    }

    public List<Exchange> exchanges() {
        return Collections.unmodifiableList(exchanges);
    }

    /** The command lines received, in order. */
    public List<String> commands() {
        return exchanges.stream().map(Exchange::command).toList();
    }

    /** The first exchange whose command starts with {@code prefix} (case-sensitive). */
    public Optional<Exchange> firstExchange(String prefix) {
        return exchanges.stream().filter(e -> e.command().startsWith(prefix)).findFirst();
    }

    public List<SoundHeard> sounds() {
        return Collections.unmodifiableList(sounds);
    }

    /** Names of the sounds played, in order (missing files are not heard and not listed). */
    public List<String> soundNames() {
        return sounds.stream().map(SoundHeard::sound).toList();
    }

    public List<KeyPress> keys() {
        return Collections.unmodifiableList(keys);
    }

    public List<VariableSet> variablesSet() {
        return Collections.unmodifiableList(variablesSet);
    }

    /** The last value the server set for a variable through SET VARIABLE. */
    public Optional<String> variableSet(String name) {
        Optional<String> value = Optional.empty();
        for (VariableSet set : variablesSet) {
            if (set.name().equals(name)) {
                value = Optional.of(set.value());
            }
        }
        return value;
    }

    public List<MusicChange> music() {
        return Collections.unmodifiableList(music);
    }

    /** Whether the caller heard music on hold at some point. */
    public boolean heardMusic() {
        return music.stream().anyMatch(MusicChange::on);
    }

    /** Time from each reply (or the environment) to the server's next command, in nanoseconds. */
    public List<Long> serverLatencies() {
        return Collections.unmodifiableList(serverLatencies);
    }

    /**
     * Commands the server sent before the previous one was answered. The simulator handles them (a prompt or
     * wait in progress stops, as Asterisk does when it sees the socket readable), but real Asterisk reads
     * commands through a stdio buffer: two lines arriving together can leave the second unseen until more
     * bytes come, so a server that pipelines can hang a real call. Tests of a server expect 0.
     */
    public int commandsWhileBusy() {
        return commandsWhileBusy;
    }

    public String channelName() {
        return channelName;
    }

    /** The outcome; present once the call is over. */
    public Optional<CallOutcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    @Override
    public String toString() {
        return lines.stream().map(Line::toString).collect(Collectors.joining("\n"));
    }
}
