package org.rappel.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rappel.agi.AgiCommand;
import org.rappel.agi.AgiHangupException;
import org.rappel.agi.AgiReply;
import org.rappel.agi.AgiRequest;
import org.rappel.agi.AgiSession;

/**
 * An {@link AgiSession} double for engine tests, standing in for the FastAGI server: it records each command the
 * flow sends and lets the test answer it with the reply line Asterisk would write ({@code 200 result=4 (timeout)}).
 * Replies complete on the {@link ManualScheduler}, as the contract says futures complete on the session's executor.
 * Like Asterisk, it refuses a second command while one is in flight. One test thread.
 */
final class ScriptedAgiSession implements AgiSession {

    private static final Pattern SUCCESS = Pattern.compile("200 result=(\\S*)(?: \\((.*)\\))?(?: endpos=(\\d+))?");

    private final ManualScheduler executor;
    private final AgiRequest request;
    private final CompletableFuture<Void> hangup = new CompletableFuture<>();
    private final List<String> sent = new ArrayList<>();
    private AgiCommand pendingCommand;
    private CompletableFuture<AgiReply> pending;
    private boolean hungUp;
    private boolean closed;
    private Function<String, String> autoReplies;
    private final ArrayDeque<Queued> queued = new ArrayDeque<>();

    private record Queued(AgiCommand command, CompletableFuture<AgiReply> reply) {
    }
    private int maxSendDepth;

    ScriptedAgiSession(ManualScheduler executor, String script) {
        this(executor, script, "PJSIP/trunk-00000001", "1795701998.5");
    }

    /** Another call: its own channel and uniqueid, for tests with several callers. */
    ScriptedAgiSession(ManualScheduler executor, String script, String channel, String uniqueId) {
        this(executor, script, channel, uniqueId, Optional.of("0612345678"));
    }

    /** Another caller id; empty as Asterisk's {@code agi_callerid: unknown}. */
    ScriptedAgiSession(ManualScheduler executor, String script, String channel, String uniqueId,
                       Optional<String> callerId) {
        this.executor = executor;
        this.request = new AgiRequest(script, Map.of(), List.of(), channel, uniqueId,
                callerId, Optional.empty(), Optional.of("3949"), "fr", "hotline", "s", 2, "",
                "22.10.1", Map.of("network_script", script));
    }

    @Override
    public AgiRequest request() {
        return request;
    }

    @Override
    public CompletableFuture<AgiReply> send(AgiCommand command) {
        if (hungUp) {
            return CompletableFuture.failedFuture(new AgiHangupException("caller hung up"));
        }
        if (pending != null) {
            // As the real session: queued, written when the reply to the command in flight has come.
            CompletableFuture<AgiReply> later = new CompletableFuture<>();
            queued.add(new Queued(command, later));
            return later;
        }
        sent.add(command.toLine());
        maxSendDepth = Math.max(maxSendDepth, Thread.currentThread().getStackTrace().length);
        if (autoReplies != null) {
            return CompletableFuture.completedFuture(parse(autoReplies.apply(command.toLine())));
        }
        pendingCommand = command;
        pending = new CompletableFuture<>();
        return pending;
    }

    @Override
    public CompletableFuture<Void> hangup() {
        return hangup;
    }

    @Override
    public boolean isHungUp() {
        return hungUp;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public ScheduledExecutorService executor() {
        return executor;
    }

    /** The command in flight, as written on the wire, after the flow has run as far as it can. */
    String next() {
        executor.runReady();
        assertThat(pendingCommand).as("a command in flight (sent so far: %s)", sent).isNotNull();
        return pendingCommand.toLine();
    }

    /** Checks the command in flight and answers it. */
    void expect(String command, String reply) {
        assertThat(next()).isEqualTo(command);
        reply(reply);
    }

    /** Answers the command in flight with a reply line as Asterisk writes it. */
    void reply(String line) {
        answer(line);
        executor.runReady();
    }

    /**
     * The reply and Asterisk's {@code HANGUP} notice in one read, as when the caller hangs up during a Dial: the
     * session is dead before any task the reply started can run.
     */
    void replyThenHangUp(String line) {
        answer(line);
        callerHangsUp();
    }

    private void answer(String line) {
        executor.runReady();
        assertThat(pending).as("a command to answer with '%s'", line).isNotNull();
        AgiReply reply = parse(line);
        CompletableFuture<AgiReply> answered = pending;
        pending = null;
        pendingCommand = null;
        Queued next = queued.poll();
        if (next != null) {
            sent.add(next.command().toLine());
            pendingCommand = next.command();
            pending = next.reply();
        }
        executor.execute(() -> answered.complete(reply));
    }

    /** Asterisk's {@code HANGUP} notice: later commands fail without being written. */
    void callerHangsUp() {
        hungUp = true;
        for (Queued never = queued.poll(); never != null; never = queued.poll()) {
            CompletableFuture<AgiReply> failed = never.reply();
            executor.execute(() -> failed.completeExceptionally(new AgiHangupException("caller hung up")));
        }
        executor.execute(() -> hangup.complete(null));
        executor.runReady();
    }

    /**
     * From now on every command is answered at once, its future already complete when {@code send} returns: an
     * engine that chained replies synchronously would recurse once per command.
     */
    void answerAtOnce(Function<String, String> replies) {
        autoReplies = replies;
    }

    /** The deepest stack a command was sent from. */
    int maxSendDepth() {
        return maxSendDepth;
    }

    boolean inFlight() {
        executor.runReady();
        return pending != null;
    }

    List<String> sent() {
        return List.copyOf(sent);
    }

    boolean closed() {
        return closed;
    }

    static AgiReply parse(String line) {
        Matcher success = SUCCESS.matcher(line);
        if (success.matches()) {
            return new AgiReply.Success(success.group(1), Optional.ofNullable(success.group(2)),
                    success.group(3) == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(success.group(3))));
        }
        if (line.startsWith("511 ")) {
            return new AgiReply.DeadChannel(line.substring(4));
        }
        if (line.startsWith("510 ")) {
            return new AgiReply.InvalidCommand(line.substring(4));
        }
        throw new IllegalArgumentException("no such reply in this double: " + line);
    }
}
