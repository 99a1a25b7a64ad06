package org.rappel.sim.ami;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.rappel.sim.agi.AgiStatus;
import org.rappel.sim.agi.CallOutcome;
import org.rappel.sim.agi.CallTranscript;
import org.rappel.sim.agi.CallerScript;
import org.rappel.sim.agi.DialplanLocation;
import org.rappel.sim.agi.LiveCall;
import org.rappel.sim.dialplan.Dialplan;
import org.rappel.sim.dialplan.DialplanStep;
import org.rappel.sim.dialplan.Substitution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dialplan of one answered originated channel, run as pbx.c runs it: priority after priority from the
 * Originate's Context/Exten/Priority (or the one Application/Data), a {@code Newexten} event for each, the
 * applications of {@link Dialplan#SIMULATED}. {@code AGI(agi://host:port/script,args)} opens the FastAGI
 * connection through the AGI simulator with the environment of this channel (its name, uniqueid, technology,
 * the Originate's CallerID, the context/extension/priority of the AGI() line, the Originate's variables as
 * channel variables); when the server closes, {@code AGISTATUS} is set and the dialplan goes on (SUCCESS,
 * FAILURE: next priority, or where SET CONTEXT/EXTENSION/PRIORITY sent it) or stops (HANGUP). The end of the
 * dialplan ({@code Hangup()}, no next priority, no such extension, an application not simulated) hangs the
 * channel up.
 *
 * <p>The far end hanging up (or an AMI Hangup) while AGI runs reaches the AGI as a hang-up; the channel's
 * {@code Hangup} event comes when the FastAGI server has closed, as in call-control/q3_cb_agi.log.
 * {@code Wait} and {@code Playback} take their (unscaled) time. Modelled, not captured: Newexten of every priority
 * (captured only for the AGI line), Playback's length from the AGI simulator's sound catalog.
 *
 * <p>Owned by the AMI simulator's event loop; the AGI side's completions are posted back to it.
 */
final class DialplanRun {

    private static final Logger log = LoggerFactory.getLogger(DialplanRun.class);

    /** What the run tells the Originate it belongs to. */
    interface Owner {

        /** The AGI environment is out, or the run is waiting on something else: OriginateResponse may go. */
        void mayReport();

        /** The dialplan is over: hang the channel(s) up. */
        void dialplanEnded();
    }

    private final SimAsterisk ast;
    private final OriginatedDialplan config;
    private final SimChannel channel;
    private final Owner owner;
    private final Map<String, String> variables;
    private final Optional<String> callerIdNum;
    private final Optional<String> callerIdName;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private LiveCall agi;
    private boolean hungUp;
    private boolean over;
    private boolean singleApplication;

    DialplanRun(SimAsterisk ast, OriginatedDialplan config, SimChannel channel, Owner owner,
                Map<String, String> originateVariables) {
        this.ast = ast;
        this.config = config;
        this.channel = channel;
        this.owner = owner;
        this.variables = new LinkedHashMap<>(originateVariables);
        this.callerIdNum = known(channel.callerIdNum);
        this.callerIdName = known(channel.callerIdName);
    }

    /** Runs the dialplan from this place (Originate's Context/Exten/Priority form). */
    void startAt(String context, String exten, int priority) {
        channel.context = context;
        channel.exten = exten;
        channel.priority = priority;
        step();
    }

    /** Runs one application, then hangs up (Originate's Application/Data form). */
    void startApplication(String application, String data) {
        singleApplication = true;
        channel.priority = 1;
        run(new DialplanStep(channel.context, channel.exten, 1, Optional.empty(), application, data,
                "Originate Application"));
    }

    /** The channel is hung up from outside (the far end, an AMI Hangup): the AGI sees it, the dialplan stops. */
    void hangUp() {
        if (hungUp || over) {
            return;
        }
        hungUp = true;
        if (agi != null) {
            agi.hangUp();
        } else {
            end();
        }
    }

    private void step() {
        while (!over) {
            Optional<DialplanStep> step = config.dialplan().find(channel.context, channel.exten, channel.priority);
            if (step.isEmpty()) {
                if (channel.priority == 1) {
                    log.warn("simulated Asterisk: channel {} sent to invalid extension {},{},{}", channel.name,
                            channel.context, channel.exten, channel.priority);
                }
                end(); // Asterisk: no more priorities (or none at all): the channel hangs up
                return;
            }
            if (!run(step.get())) {
                return;
            }
        }
    }

    /** Runs one step; true when the dialplan goes on at once with the next priority. */
    private boolean run(DialplanStep step) {
        String app = step.application().toLowerCase(Locale.ROOT);
        String data;
        try {
            data = Substitution.expand(step.data(), this::lookup);
        } catch (IllegalArgumentException e) {
            return fail(step, e.getMessage());
        }
        channel.application = step.application();
        channel.applicationData = data;
        if (!singleApplication) {
            // The Application form runs the application without the PBX: no Newexten (q3_originate_codes.log).
            ast.broadcast(channel.appendTo(ast.event("Newexten", "dialplan,all"), "")
                    .add("Extension", channel.exten).add("Application", step.application()).add("AppData", data));
        }
        switch (app) {
            case "noop", "verbose", "answer" -> {
                return next();
            }
            case "set" -> {
                int eq = data.indexOf('=');
                if (eq <= 0) {
                    return next(); // pbx_builtin_setvar: "Set requires a '=' to be present", goes on
                }
                String name = data.substring(0, eq).replaceFirst("^_+", "");
                setVariable(name, data.substring(eq + 1));
                return next();
            }
            case "hangup" -> {
                end();
                return false;
            }
            case "wait", "playback" -> {
                Duration length = app.equals("wait") ? seconds(data)
                        : config.agi().settings().sounds().length(data.split(",")[0]).orElse(Duration.ZERO);
                if (app.equals("playback")) {
                    setVariable("PLAYBACKSTATUS", config.agi().settings().sounds().length(data.split(",")[0])
                            .isPresent() ? "SUCCESS" : "FAILED");
                }
                owner.mayReport();
                timers.add(ast.loop.schedule(() -> {
                    if (!over && next()) {
                        step();
                    }
                }, length.toNanos(), TimeUnit.NANOSECONDS));
                return false;
            }
            case "agi" -> {
                startAgi(step, data);
                return false;
            }
            default -> {
                return fail(step, "application " + step.application() + " is not simulated (the simulator runs "
                        + Dialplan.SIMULATED + ")");
            }
        }
    }

    private boolean fail(DialplanStep step, String why) {
        log.error("simulated Asterisk: {} on {}: {}; hanging up", step, channel.name, why);
        config.errors().add(step + ": " + why);
        end();
        return false;
    }

    private boolean next() {
        if (singleApplication || hungUp) {
            end();
            return false;
        }
        channel.priority++;
        return true;
    }

    private void startAgi(DialplanStep step, String data) {
        List<String> args = List.of(data.split(",", -1));
        URI url;
        try {
            url = URI.create(args.get(0).trim());
        } catch (IllegalArgumentException e) {
            url = null;
        }
        if (url == null || !"agi".equals(url.getScheme()) || url.getHost() == null) {
            // hagi:// (SRV) or a local script: not simulated; a real Asterisk would try and may fail.
            fail(step, "AGI target not simulated: " + args.get(0));
            return;
        }
        String path = url.getRawPath().startsWith("/") ? url.getRawPath().substring(1) : url.getRawPath();
        String script = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
        CallerScript.Builder b = CallerScript.builder().script(script)
                .arguments(args.subList(1, args.size()).toArray(String[]::new))
                .language(variables.getOrDefault("CHANNEL(language)", "en"))
                .dialplan(channel.context, channel.exten, channel.priority).answered(true)
                .inputs(config.inputsFor(channel.dialString).toArray(org.rappel.sim.agi.CallerInput[]::new));
        callerIdNum.ifPresent(b::callerId);
        callerIdName.ifPresent(b::callerIdName);
        variables.forEach((name, value) -> {
            if (!name.contains("(")) {
                b.channelVariable(name, value);
            }
        });
        InetSocketAddress server = new InetSocketAddress(url.getHost(), url.getPort() < 0 ? 4573 : url.getPort());
        LiveCall call = config.agi().place(server, b.build(), channel.name, channel.uniqueid);
        agi = call;
        call.environmentSent().whenComplete((sent, e) -> ast.loop.execute(owner::mayReport));
        call.finished().whenComplete((transcript, e) -> ast.loop.execute(() -> agiReturned(transcript)));
        if (hungUp) {
            call.hangUp();
        }
    }

    private void agiReturned(CallTranscript transcript) {
        agi = null;
        if (over) {
            return;
        }
        Optional<CallOutcome> outcome = transcript == null ? Optional.empty() : transcript.outcome();
        AgiStatus status = outcome.map(CallOutcome::status).orElse(AgiStatus.FAILURE);
        if (transcript != null) {
            transcript.variablesSet().forEach(v -> variables.put(v.name(), v.value()));
        }
        setVariable("AGISTATUS", status.name());
        Optional<DialplanLocation> next = outcome.flatMap(CallOutcome::continuesAt);
        if (hungUp || status == AgiStatus.HANGUP || next.isEmpty() || singleApplication) {
            end();
            return;
        }
        channel.context = next.get().context();
        channel.exten = next.get().extension();
        channel.priority = next.get().priority();
        step();
    }

    private void setVariable(String name, String value) {
        variables.put(name, value);
        ast.broadcast(channel.appendTo(ast.event("VarSet", "dialplan,all"), "").add("Variable", name)
                .add("Value", value));
    }

    private Optional<String> lookup(String name) {
        String value = switch (name) {
            case "CALLERID(num)" -> callerIdNum.orElse(null);
            case "CALLERID(name)" -> callerIdName.orElse(null);
            case "CHANNEL", "CHANNEL(name)" -> channel.name;
            case "UNIQUEID" -> channel.uniqueid;
            case "CONTEXT" -> channel.context;
            case "EXTEN" -> channel.exten;
            case "PRIORITY" -> Integer.toString(channel.priority);
            case "EPOCH" -> Long.toString(ast.clock.instant().getEpochSecond());
            default -> variables.get(name);
        };
        return Optional.ofNullable(value).or(() -> Optional.ofNullable(config.dialplan().globals().get(name)));
    }

    private void end() {
        if (over) {
            return;
        }
        over = true;
        timers.forEach(t -> t.cancel(false));
        owner.mayReport();
        owner.dialplanEnded();
    }

    private static Duration seconds(String data) {
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(data.split(",")[0].trim()) * 1000));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }

    private static Optional<String> known(String value) {
        return value == null || value.isEmpty() || value.equals("<unknown>") ? Optional.empty() : Optional.of(value);
    }
}
