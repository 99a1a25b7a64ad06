package org.rappel.agi;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session over an EmbeddedChannel with the real encoder; time is frozen and advanced by hand. */
class AgiChannelSessionTest {
    private static final Duration CLOSE_DELAY = Duration.ofMillis(300);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EmbeddedChannel channel = new EmbeddedChannel(AgiCommandEncoder.INSTANCE);
    private final AgiChannelSession session = new AgiChannelSession(channel, request(), CLOSE_DELAY,
            new AgiMetrics(registry));

    {
        channel.freezeTime();
    }

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    @Test
    void send_oneCommandInFlightRepliesInOrder() {
        CompletableFuture<AgiReply> answer = session.send(AgiCommand.answer());
        CompletableFuture<AgiReply> stream = session.send(AgiCommand.streamFile("beep", ""));
        CompletableFuture<AgiReply> status = session.send(AgiCommand.of("CHANNEL STATUS"));

        assertThat(written()).containsExactly("ANSWER");
        assertThat(session.onReply(ok("0"))).isTrue();
        assertThat(answer).isCompletedWithValue(ok("0"));
        assertThat(stream).isNotDone();
        assertThat(written()).containsExactly("STREAM FILE beep \"\"");

        session.onReply(ok("0"));
        assertThat(written()).containsExactly("CHANNEL STATUS");
        session.onReply(ok("6"));
        assertThat(status).isCompletedWithValue(ok("6"));
        assertThat(written()).isEmpty();
        assertThat(channel.isOpen()).isTrue();
        assertThat(registry.get("rappel.agi.commands").tag("verb", "STREAM FILE").counter().count()).isEqualTo(1);
        assertThat(registry.get("rappel.agi.command.duration").tag("verb", "ANSWER").timer().count()).isEqualTo(1);
    }

    @Test
    void send_fromContinuationWritesNextAtOnce() {
        CompletableFuture<AgiReply> second = session.send(AgiCommand.answer())
                .thenCompose(reply -> session.send(AgiCommand.getData("beep", 3000, 1)));

        assertThat(written()).containsExactly("ANSWER");
        session.onReply(ok("0"));
        assertThat(written()).containsExactly("GET DATA beep 3000 1");
        session.onReply(new AgiReply.Success("", Optional.of("timeout"), OptionalLong.empty()));
        assertThat(second.join()).isInstanceOf(AgiReply.Success.class);
    }

    @Test
    void onReply_nothingInFlight() {
        assertThat(session.onReply(ok("0"))).isFalse();
    }

    @Test
    void onHangupNotice_inFlightCommandGetsItsRealReply() {
        CompletableFuture<AgiReply> noop = session.send(AgiCommand.noop("one"));
        written();

        session.onHangupNotice();
        assertThat(session.hangup()).isCompleted();
        assertThat(session.isHungUp()).isTrue();
        assertThat(channel.isOpen()).isTrue();

        CompletableFuture<AgiReply> late = session.send(AgiCommand.streamFile("beep", ""));
        assertThat(late).isCompletedExceptionally();
        assertThat(late.handle((r, e) -> e).join()).isInstanceOf(AgiHangupException.class);
        assertThat(written()).isEmpty();

        assertThat(session.onReply(ok("0"))).isTrue();
        assertThat(noop).isCompletedWithValue(ok("0"));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void onHangupNotice_whileIdleClosesAtOnce() {
        session.onHangupNotice();

        assertThat(session.hangup()).isCompleted();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void onHangupNotice_noReplyClosesAtDelay() {
        CompletableFuture<AgiReply> wait = session.send(AgiCommand.waitForDigit(5000));
        session.onHangupNotice();

        channel.advanceTimeBy(CLOSE_DELAY.toMillis() - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
        assertThat(wait.handle((r, e) -> e).join()).isInstanceOf(AgiHangupException.class);
    }

    @Test
    void onHangupNotice_queuedCommandsFailWithoutBeingWritten() {
        session.send(AgiCommand.answer());
        CompletableFuture<AgiReply> queued = session.send(AgiCommand.streamFile("welcome", ""));
        written();

        session.onHangupNotice();
        assertThat(queued.handle((r, e) -> e).join()).isInstanceOf(AgiHangupException.class);
        session.onReply(ok("0"));
        assertThat(written()).isEmpty();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void onHangupNotice_twiceIsHarmless() {
        session.send(AgiCommand.answer());
        session.onHangupNotice();
        session.onHangupNotice();
        assertThat(channel.isOpen()).isTrue();
        session.onReply(ok("0"));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void close_queuedCommandsGoOutThenSocketCloses() {
        CompletableFuture<AgiReply> first = session.send(AgiCommand.setVariable("FOO", "with space"));
        CompletableFuture<AgiReply> second = session.send(AgiCommand.getVariable("FOO"));
        session.close();
        session.close();
        CompletableFuture<AgiReply> refused = session.send(AgiCommand.answer());

        assertThat(refused.handle((r, e) -> e).join()).isInstanceOf(AgiHangupException.class);
        assertThat(written()).containsExactly("SET VARIABLE FOO \"with space\"");
        session.onReply(ok("1"));
        assertThat(written()).containsExactly("GET VARIABLE FOO");
        assertThat(channel.isOpen()).isTrue();
        session.onReply(new AgiReply.Success("1", Optional.of("with space"), OptionalLong.empty()));
        assertThat(first).isCompletedWithValue(ok("1"));
        assertThat(second).isCompleted();
        assertThat(channel.isOpen()).isFalse();
        assertThat(session.hangup()).isCompleted();
    }

    @Test
    void close_whileIdleClosesAtOnce() {
        session.close();
        assertThat(channel.isOpen()).isFalse();
        assertThat(session.isHungUp()).isTrue();
    }

    @Test
    void onConnectionClosed_pendingCommandsFail() {
        CompletableFuture<AgiReply> inFlight = session.send(AgiCommand.answer());
        CompletableFuture<AgiReply> queued = session.send(AgiCommand.hangup());
        channel.close();
        session.onConnectionClosed();

        assertThat(inFlight.handle((r, e) -> e).join()).isInstanceOf(AgiHangupException.class);
        assertThat(queued.handle((r, e) -> e).join()).isInstanceOf(AgiHangupException.class);
        assertThat(session.hangup()).isCompleted();
        assertThat(session.isHungUp()).isTrue();
        assertThat(session.onReply(ok("0"))).as("late reply dropped quietly").isTrue();
    }

    private List<String> written() {
        List<String> lines = new java.util.ArrayList<>();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            String text = buf.toString(StandardCharsets.UTF_8);
            buf.release();
            assertThat(text).endsWith("\n");
            lines.add(text.substring(0, text.length() - 1));
        }
        return lines;
    }

    private static AgiReply.Success ok(String result) {
        return new AgiReply.Success(result, Optional.empty(), OptionalLong.empty());
    }

    private static AgiRequest request() {
        return new AgiRequest("hotline", Map.of(), List.of(), "Local/s@hotline-00000000;2", "1795701040.1",
                Optional.empty(), Optional.empty(), Optional.empty(), "en", "hotline", "s", 2, "", "22.10.1", Map.of());
    }
}
