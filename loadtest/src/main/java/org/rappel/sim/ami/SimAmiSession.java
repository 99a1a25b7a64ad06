package org.rappel.sim.ami;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One manager session of the simulated Asterisk: banner, then actions (lines up to an empty line) answered with
 * the texts of Asterisk 22 (ami-raw captures; the unknown-action and error texts from manager.c). Events reach
 * the session once logged in and while {@code Events} is on. Owned by the simulator's event loop.
 */
final class SimAmiSession extends SimpleChannelInboundHandler<String> {
    static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";

    private final SimAsterisk ast;
    private final AmiSimulator.Counters counters;
    private final List<Map.Entry<String, String>> lines = new ArrayList<>();
    private ChannelHandlerContext ctx;
    private boolean loggedIn;
    private boolean eventsOn = true;

    SimAmiSession(SimAsterisk ast, AmiSimulator.Counters counters) {
        this.ast = ast;
        this.counters = counters;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ast.networkDown) {
            ctx.close();
            return;
        }
        ast.sessions.add(this);
        ctx.writeAndFlush(BANNER);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ast.sessions.remove(this);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String line) {
        if (!line.isEmpty()) {
            int colon = line.indexOf(':');
            String name = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).stripLeading();
            lines.add(new AbstractMap.SimpleEntry<>(name.trim(), value));
            return;
        }
        if (lines.isEmpty()) {
            return;
        }
        List<Map.Entry<String, String>> action = new ArrayList<>(lines);
        lines.clear();
        handle(new Action(action));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** Writes one message as it is. */
    void write(AmiWire message) {
        write(message.text());
    }

    void write(String text) {
        if (ctx != null && ctx.channel().isActive()) {
            ctx.writeAndFlush(text);
        }
    }

    void event(String text) {
        if (loggedIn && eventsOn) {
            write(text);
        }
    }

    void close() {
        if (ctx != null) {
            ctx.close();
        }
    }

    boolean loggedIn() {
        return loggedIn;
    }

    private void handle(Action a) {
        Optional<String> id = a.get("ActionID");
        Optional<String> name = a.get("Action");
        name.ifPresent(counters::actionReceived);
        if (name.isEmpty()) {
            write(error(id, "Missing action in request"));
            return;
        }
        String action = name.get().toLowerCase(Locale.ROOT);
        if (action.equals("login")) {
            login(a, id);
            return;
        }
        if (action.equals("logoff")) {
            ctx.writeAndFlush(AmiWire.response("Goodbye", id).add("Message", "Thanks for all the fish.").text())
                    .addListener(f -> ctx.close());
            return;
        }
        if (!loggedIn) {
            write(error(id, "Permission denied"));
            return;
        }
        switch (action) {
            case "ping" -> {
                if (ast.answerPings) {
                    write(AmiWire.response("Success", id).add("Ping", "Pong").add("Timestamp", ast.timestamp()));
                }
            }
            case "originate" -> originate(a, id);
            case "redirect" -> redirect(a, id);
            case "hangup" -> hangup(a, id);
            case "command" -> command(a, id);
            case "coreshowchannels" -> coreShowChannels(id);
            case "events" -> {
                eventsOn = !a.get("EventMask").orElse("on").equalsIgnoreCase("off");
                write(AmiWire.response("Success", id).add("Events", eventsOn ? "On" : "Off"));
            }
            default -> write(error(id, "Invalid/unknown command: " + name.get()
                    + ". Use Action: ListCommands to show available commands."));
        }
    }

    private void login(Action a, Optional<String> id) {
        counters.loginAttempt();
        if (ast.stopping) {
            write(error(id, "Asterisk is shutting down"));
            return;
        }
        boolean accepted = !ast.refuseLogins
                && a.get("Username").filter(ast.options.username()::equals).isPresent()
                && a.get("Secret").filter(ast.options.secret()::equals).isPresent();
        if (!accepted) {
            // Asterisk sleeps a second before saying so, then ends the session.
            Duration delay = ast.options.authFailureDelay();
            ast.loop.schedule(() -> {
                ctx.writeAndFlush(error(id, "Authentication failed").text()).addListener(f -> ctx.close());
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
            return;
        }
        loggedIn = true;
        write(AmiWire.response("Success", id).add("Message", "Authentication accepted"));
        long uptime = ast.uptimeSeconds();
        write(AmiWire.event("FullyBooted", "system,all", Optional.empty()).add("Uptime", uptime)
                .add("LastReload", uptime).add("Status", "Fully Booted"));
        String tv = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
                .withZone(java.time.ZoneOffset.UTC).format(ast.clock.instant());
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        write(ast.event("SuccessfulAuth", "security,all").add("EventTV", tv).add("Severity", "Informational")
                .add("Service", "AMI").add("EventVersion", 1).add("AccountID", ast.options.username())
                .add("SessionID", String.format("0x%012x", System.identityHashCode(this)))
                .add("LocalAddress", "IPV4/TCP/" + local.getAddress().getHostAddress() + "/" + local.getPort())
                .add("RemoteAddress", "IPV4/TCP/" + remote.getAddress().getHostAddress() + "/" + remote.getPort())
                .add("UsingPassword", 0).add("SessionTV", tv));
    }

    private void originate(Action a, Optional<String> id) {
        Optional<String> channel = a.get("Channel");
        if (channel.isEmpty() || channel.get().indexOf('/') <= 0) {
            write(error(id, channel.isEmpty() ? "Channel not specified" : "Invalid channel"));
            return;
        }
        List<Map.Entry<String, String>> target = new ArrayList<>();
        if (a.get("Application").isPresent()) {
            target.add(Map.entry("Application", a.get("Application").get()));
            target.add(Map.entry("Data", a.get("Data").orElse("")));
        } else {
            target.add(Map.entry("Context", a.get("Context").orElse("default")));
            target.add(Map.entry("Exten", a.get("Exten").orElse("s")));
        }
        long timeoutMs;
        try {
            timeoutMs = a.get("Timeout").map(Long::parseLong).orElse(30_000L);
        } catch (NumberFormatException e) {
            write(error(id, "Invalid timeout"));
            return;
        }
        boolean async = a.get("Async").filter(SimAmiSession::isTrue).isPresent();
        counters.originate();
        Map<String, String> variables = new LinkedHashMap<>();
        for (String v : a.all("Variable")) {
            int eq = v.indexOf('=');
            if (eq > 0) {
                variables.put(v.substring(0, eq), v.substring(eq + 1));
            }
        }
        SimOriginate call = new SimOriginate(ast, this, id, async, channel.get(), target, priority(a),
                a.get("CallerID"),
                Duration.ofMillis(timeoutMs), variables);
        if (async) {
            write(AmiWire.response("Success", id).add("Message", "Originate successfully queued"));
        }
        call.start(ast.decide(channel.get()));
    }

    private void redirect(Action a, Optional<String> id) {
        Optional<String> channel = a.get("Channel");
        if (channel.isEmpty()) {
            write(error(id, "Channel not specified"));
        } else if (!ast.channels.containsKey(channel.get()) && !ast.hooks.redirect(channel.get(),
                a.get("Context").orElse(""), a.get("Exten").orElse(""), priority(a))) {
            write(error(id, "Channel does not exist: " + channel.get()));
        } else {
            write(AmiWire.response("Success", id).add("Message", "Redirect successful"));
        }
    }

    private static int priority(Action a) {
        try {
            return Integer.parseInt(a.get("Priority").orElse("1").trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private void hangup(Action a, Optional<String> id) {
        Optional<String> channel = a.get("Channel");
        Optional<SimCall> call = channel.map(ast.callsByChannel::get);
        if (call.isEmpty()) {
            write(error(id, "No such channel"));
            return;
        }
        write(AmiWire.response("Success", id).add("Message", "Channel Hungup"));
        call.get().hangup(channel.get(), 16, "Normal Clearing");
    }

    private void command(Action a, Optional<String> id) {
        String cli = a.get("Command").orElse("").trim();
        AmiWire w = AmiWire.response("Success", id).add("Message", "Command output follows");
        if (cli.equals("core show version")) {
            w.add("Output", "Asterisk 22.10.1 built by rappel-sim on a x86_64 running Linux");
        } else if (cli.equals("core show channels")) {
            w.add("Output", "Channel                                                          Location"
                    + "                         State   Application(Data)             ");
            for (SimChannel ch : ast.channels.values()) {
                w.add("Output", String.format("%-64s %-32s %-7s %s", ch.name, ch.exten + "@" + ch.context + ":1",
                        SimChannel.stateDesc(ch.state), "AppDial2((Outgoing Line))"));
            }
            w.add("Output", ast.channels.size() + " active channels");
        } else {
            w.add("Output", "No such command '" + cli + "' (type 'core show help " + cli
                    + "' for other possible commands)");
        }
        write(w);
    }

    /** manager.c's {@code action_coreshowchannels}: list ack, one event per channel, then the count. */
    private void coreShowChannels(Optional<String> id) {
        write(AmiWire.response("Success", id).add("EventList", "start").add("Message", "Channels will follow"));
        long now = System.nanoTime();
        List<SimChannel> listed = new ArrayList<>(ast.channels.values());
        listed.addAll(ast.dialingCallers.values());
        for (SimChannel ch : listed) {
            AmiWire w = AmiWire.bareEvent("CoreShowChannel");
            id.ifPresent(v -> w.add("ActionID", v));
            long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(now - ch.createdNanos);
            write(ch.appendTo(w, "").add("Application", ch.application).add("ApplicationData", ch.applicationData)
                    .add("Duration", String.format("%02d:%02d:%02d", seconds / 3600, seconds % 3600 / 60,
                            seconds % 60))
                    .add("BridgeId", ch.bridgeId));
        }
        if (ast.completeLists) {
            AmiWire done = AmiWire.bareEvent("CoreShowChannelsComplete");
            id.ifPresent(v -> done.add("ActionID", v));
            write(done.add("EventList", "Complete").add("ListItems", listed.size()));
        }
    }

    private static AmiWire error(Optional<String> id, String message) {
        return AmiWire.response("Error", id).add("Message", message);
    }

    /** Asterisk's {@code ast_true}. */
    private static boolean isTrue(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "yes", "true", "y", "t", "1", "on" -> true;
            default -> false;
        };
    }

    /** One received action; names compare without case, as in Asterisk. */
    private record Action(List<Map.Entry<String, String>> headers) {
        List<String> all(String name) {
            List<String> values = new ArrayList<>();
            for (Map.Entry<String, String> h : headers) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    values.add(h.getValue());
                }
            }
            return values;
        }

        Optional<String> get(String name) {
            for (Map.Entry<String, String> h : headers) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return Optional.of(h.getValue());
                }
            }
            return Optional.empty();
        }
    }
}
