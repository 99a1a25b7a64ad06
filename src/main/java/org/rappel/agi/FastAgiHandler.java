package org.rappel.agi;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-connection end of the FastAGI pipeline: waits for the environment (closing the connection if it
 * does not come within the environment timeout), picks the script, runs it over an {@link AgiChannelSession},
 * forwards replies and the hang-up notice to the session, and closes the connection when the script is done.
 * Bad input from the decoder, an unknown script path or a failing script end this one connection, with a log
 * line and a counter.
 *
 * <p>One instance per connection; all state is owned by the channel's event loop.
 */
final class FastAgiHandler extends SimpleChannelInboundHandler<AgiInbound> {
    private static final Logger log = LoggerFactory.getLogger(FastAgiHandler.class);
    /** Channel variable telling the dialplan why Rappel ended a call without running a script. */
    static final String STATUS_VARIABLE = "RAPPEL_STATUS";

    private final AgiScriptMapping scripts;
    private final AgiServerSettings settings;
    private final AgiMetrics metrics;

    private ScheduledFuture<?> environmentTimer;
    private AgiChannelSession session;
    private boolean done;
    private boolean refusingUnknownScript;

    FastAgiHandler(AgiScriptMapping scripts, AgiServerSettings settings, AgiMetrics metrics) {
        this.scripts = scripts;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        environmentTimer = ctx.executor().schedule(() -> environmentTimedOut(ctx),
                settings.environmentTimeout().toNanos(), TimeUnit.NANOSECONDS);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, AgiInbound message) {
        if (done) {
            return; // Lines decoded in the same read as the one that ended the connection.
        }
        if (refusingUnknownScript) {
            done = true; // The reply to the status variable, or a hang-up: either way this call is over here.
            ctx.close();
            return;
        }
        if (message instanceof AgiInbound.Environment environment) {
            startScript(ctx, environment.request());
        } else if (message instanceof AgiInbound.Reply reply) {
            if (session == null || !session.onReply(reply.reply())) {
                protocolError(ctx, AgiProtocolError.UNEXPECTED_REPLY, "a reply while no command was in flight");
            }
        } else if (message instanceof AgiInbound.HangupNotice) {
            if (session != null) {
                log.debug("hang-up notice on channel {}", session.request().channel());
                session.onHangupNotice();
            }
        } else if (message instanceof AgiInbound.Malformed malformed) {
            protocolError(ctx, malformed.error(), malformed.detail());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        done = true;
        cancelEnvironmentTimer();
        if (session != null) {
            session.onConnectionClosed();
            metrics.sessionEnded();
            log.debug("FastAGI session of channel {} ended", session.request().channel());
            session = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("FastAGI connection {} failed: {}", ctx.channel(), cause.toString());
        } else {
            log.warn("unexpected error on FastAGI connection {}; closing it", ctx.channel(), cause);
        }
        done = true;
        ctx.close();
    }

    private void startScript(ChannelHandlerContext ctx, AgiRequest request) {
        cancelEnvironmentTimer();
        Optional<AgiScript> script;
        try {
            script = scripts.scriptFor(request);
        } catch (RuntimeException e) {
            scriptFailed(ctx, request, e);
            return;
        }
        if (script.isEmpty()) {
            refuseUnknownScript(ctx, request);
            return;
        }
        session = new AgiChannelSession(ctx.channel(), request, settings.hangupCloseDelay(), metrics);
        metrics.sessionStarted();
        log.debug("FastAGI session for script {} on channel {} ({}), caller {}", request.script(),
                request.channel(), request.uniqueId(), request.callerId().map(LogText::callerNumber).orElse("unknown"));
        AgiChannelSession running = session;
        CompletionStage<?> stage;
        try {
            stage = script.get().run(running);
            if (stage == null) {
                throw new NullPointerException("script returned no stage");
            }
        } catch (RuntimeException e) {
            scriptFailed(ctx, request, e);
            return;
        }
        stage.whenComplete((ignored, failure) -> {
            if (ctx.executor().inEventLoop()) {
                scriptEnded(ctx, running, failure);
            } else {
                try {
                    ctx.executor().execute(() -> scriptEnded(ctx, running, failure));
                } catch (RejectedExecutionException e) {
                    log.debug("script of {} ended after the server stopped", request.channel());
                }
            }
        });
    }

    private void scriptEnded(ChannelHandlerContext ctx, AgiChannelSession running, Throwable failure) {
        if (failure == null) {
            running.close();
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof AgiHangupException) {
            // The caller hung up or the connection dropped while the script still talked: a normal end.
            log.debug("script {} on channel {} ended by hang-up: {}", running.request().script(),
                    running.request().channel(), cause.getMessage());
            running.close();
            return;
        }
        scriptFailed(ctx, running.request(), cause);
    }

    private void scriptFailed(ChannelHandlerContext ctx, AgiRequest request, Throwable cause) {
        // The uniqueid, not the channel name: a trunk's channel name can hold the caller's number.
        log.error("AGI script {} failed (uniqueid {}); closing the FastAGI connection", request.script(),
                request.uniqueId(), cause);
        metrics.scriptFailed();
        done = true;
        ctx.close();
    }

    /**
     * Closing at once would give the dialplan {@code AGISTATUS=SUCCESS}, as if the IVR had run; so the call is
     * first marked {@code RAPPEL_STATUS=UNKNOWN_SCRIPT} for the dialplan to route it to a fallback, then closed
     * at the reply, or after the hang-up close delay if none comes.
     */
    private void refuseUnknownScript(ChannelHandlerContext ctx, AgiRequest request) {
        log.warn("FastAGI {} from {}: no script for path {} (uniqueid {}); closing the connection",
                AgiProtocolError.UNKNOWN_SCRIPT.kind(), ctx.channel().remoteAddress(),
                LogText.excerpt(request.script()), request.uniqueId());
        metrics.protocolError(AgiProtocolError.UNKNOWN_SCRIPT);
        refusingUnknownScript = true;
        ctx.writeAndFlush(AgiCommand.setVariable(STATUS_VARIABLE, "UNKNOWN_SCRIPT"));
        ctx.executor().schedule(() -> {
            done = true;
            ctx.close();
        }, settings.hangupCloseDelay().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void environmentTimedOut(ChannelHandlerContext ctx) {
        environmentTimer = null;
        if (!done && session == null) {
            protocolError(ctx, AgiProtocolError.ENVIRONMENT_TIMEOUT, "no complete environment (ending in an empty line)"
                    + " within " + settings.environmentTimeout().toMillis() + " ms");
        }
    }

    private void protocolError(ChannelHandlerContext ctx, AgiProtocolError error, String detail) {
        if (done) {
            return;
        }
        done = true;
        log.warn("FastAGI {} from {}: {}; closing the connection", error.kind(), ctx.channel().remoteAddress(), detail);
        metrics.protocolError(error);
        ctx.close();
    }

    private void cancelEnvironmentTimer() {
        if (environmentTimer != null) {
            environmentTimer.cancel(false);
            environmentTimer = null;
        }
    }
}
