package org.rappel.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rappel.sim.ami.AmiSimulator;
import org.rappel.sim.ami.AnswerPolicies;
import org.rappel.sim.ami.AnswerPolicies.Durations;

/**
 * The AMI simulator byte for byte against the Asterisk 22 captures, through a plain socket (no Rappel code
 * between): what the client is tested against must be what Asterisk sends.
 */
class SimulatorWireTest {
    private final List<AmiSimulator> sims = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void tearDown() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        sims.forEach(AmiSimulator::close);
    }

    private AmiSimulator sim(AmiSimulator.Options options) {
        AmiSimulator sim = AmiSimulator.start(options.withCredentials("ivr", "ivrsecret")
                .withAuthFailureDelay(Duration.ofMillis(10)));
        sims.add(sim);
        return sim;
    }

    private Wire connect(AmiSimulator sim) throws IOException {
        Socket s = new Socket("127.0.0.1", sim.port());
        s.setSoTimeout(5000);
        sockets.add(s);
        return new Wire(s);
    }

    /** A raw AMI peer: writes text, reads up to the next empty line. */
    private record Wire(Socket socket) {
        void send(String text) throws IOException {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        }

        String line() throws IOException {
            return readUntil("\r\n");
        }

        String message() throws IOException {
            return readUntil("\r\n\r\n");
        }

        private String readUntil(String end) throws IOException {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (!out.toString(StandardCharsets.UTF_8).endsWith(end)) {
                int b = in.read();
                if (b < 0) {
                    return out.size() == 0 ? "<EOF>" : out.toString(StandardCharsets.UTF_8) + "<EOF>";
                }
                out.write(b);
            }
            return out.toString(StandardCharsets.UTF_8);
        }

        String login() throws IOException {
            send("Action: Login\r\nUsername: ivr\r\nSecret: ivrsecret\r\nActionID: login-1\r\n\r\n");
            return message();
        }

        /** Reads messages until one starts with this, and returns it. */
        String until(String start) throws IOException {
            for (int i = 0; i < 200; i++) {
                String m = message();
                if (m.startsWith(start) || m.endsWith("<EOF>")) {
                    return m;
                }
            }
            throw new AssertionError("no message starting with " + start);
        }
    }

    private static List<String> names(String message) {
        return Arrays.stream(message.split("\r\n")).filter(l -> !l.isEmpty())
                .map(l -> l.substring(0, l.indexOf(':'))).toList();
    }

    @Test
    void login_bannerResponseAndEventsAsInCapture() throws IOException {
        Wire w = connect(sim(AmiSimulator.Options.defaults()));

        assertThat(w.line()).isEqualTo("Asterisk Call Manager/11.0.0\r\n");
        assertThat(w.login()).isEqualTo(
                "Response: Success\r\nActionID: login-1\r\nMessage: Authentication accepted\r\n\r\n");
        assertThat(w.message()).matches("Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 10\\d\r\n"
                + "LastReload: 10\\d\r\nStatus: Fully Booted\r\n\r\n");
        assertThat(names(w.message())).containsExactly("Event", "Privilege", "Timestamp", "EventTV", "Severity",
                "Service", "EventVersion", "AccountID", "SessionID", "LocalAddress", "RemoteAddress",
                "UsingPassword", "SessionTV");
    }

    @Test
    void ping_pongWithMicrosecondTimestamp() throws IOException {
        Wire w = connect(sim(AmiSimulator.Options.defaults()));
        w.line();
        w.login();

        w.send("Action: Ping\r\nActionID: ping-1\r\n\r\n");

        assertThat(w.until("Response")).matches(
                "Response: Success\r\nActionID: ping-1\r\nPing: Pong\r\nTimestamp: \\d{10}\\.\\d{6}\r\n\r\n");
    }

    @Test
    void errors_textsOfAsterisk() throws IOException {
        AmiSimulator sim = sim(AmiSimulator.Options.defaults());
        Wire w = connect(sim);
        w.line();

        w.send("Action: Ping\r\nActionID: early\r\n\r\n");
        assertThat(w.message()).isEqualTo("Response: Error\r\nActionID: early\r\nMessage: Permission denied\r\n\r\n");
        w.login();
        w.send("Action: NoSuchAction\r\nActionID: ami-6\r\n\r\n");
        assertThat(w.until("Response")).isEqualTo("Response: Error\r\nActionID: ami-6\r\nMessage: Invalid/unknown "
                + "command: NoSuchAction. Use Action: ListCommands to show available commands.\r\n\r\n");
        w.send("Action: Redirect\r\nChannel: Local/x@y-00000001;2\r\nContext: c\r\nExten: s\r\nPriority: 1\r\n"
                + "ActionID: r\r\n\r\n");
        assertThat(w.until("Response")).isEqualTo(
                "Response: Error\r\nActionID: r\r\nMessage: Channel does not exist: Local/x@y-00000001;2\r\n\r\n");
        w.send("Action: Logoff\r\nActionID: logoff-1\r\n\r\n");
        assertThat(w.until("Response")).isEqualTo(
                "Response: Goodbye\r\nActionID: logoff-1\r\nMessage: Thanks for all the fish.\r\n\r\n");
        assertThat(w.message()).isEqualTo("<EOF>");
    }

    @Test
    void login_wrongSecretFailsAndEndsTheSession() throws IOException {
        Wire w = connect(sim(AmiSimulator.Options.defaults()));
        w.line();

        w.send("Action: Login\r\nUsername: ivr\r\nSecret: nope\r\nActionID: login-1\r\n\r\n");

        assertThat(w.message()).isEqualTo(
                "Response: Error\r\nActionID: login-1\r\nMessage: Authentication failed\r\n\r\n");
        assertThat(w.message()).isEqualTo("<EOF>");
    }

    @Test
    void restart_loginWhileStoppingRefusedThenShutdownAndUptimeZero() throws IOException {
        AmiSimulator sim = sim(AmiSimulator.Options.defaults());
        Wire first = connect(sim);
        first.line();
        first.login();

        sim.restart(Duration.ofMillis(500));
        Wire late = connect(sim);
        late.line();
        assertThat(late.login()).isEqualTo(
                "Response: Error\r\nActionID: login-1\r\nMessage: Asterisk is shutting down\r\n\r\n");

        assertThat(first.until("Event: Shutdown")).matches("Event: Shutdown\r\nPrivilege: system,all\r\n"
                + "Timestamp: \\d+\\.\\d{6}\r\nShutdown: Cleanly\r\nRestart: True\r\n\r\n");
        assertThat(first.message()).isEqualTo("<EOF>");
        Wire again = connect(sim);
        again.line();
        again.login();
        assertThat(again.message()).contains("Uptime: 0\r\n");
    }

    @Test
    void originate_failureEventsHaveTheCaptureHeaders() throws IOException {
        AmiSimulator sim = sim(AmiSimulator.Options.defaults().withPolicy(AnswerPolicies.failed()));
        Wire w = connect(sim);
        w.line();
        w.login();

        w.send("Action: Originate\r\nChannel: Local/999@nosuchcontext\r\nApplication: Wait\r\nData: 5\r\n"
                + "Async: true\r\nActionID: orig-fail\r\n\r\n");

        assertThat(w.until("Response")).isEqualTo(
                "Response: Success\r\nActionID: orig-fail\r\nMessage: Originate successfully queued\r\n\r\n");
        String newchannel = w.until("Event: Newchannel");
        assertThat(names(newchannel)).containsExactly("Event", "Privilege", "Timestamp", "Channel", "ChannelState",
                "ChannelStateDesc", "CallerIDNum", "CallerIDName", "ConnectedLineNum", "ConnectedLineName",
                "Language", "AccountCode", "Context", "Exten", "Priority", "Uniqueid", "Linkedid");
        assertThat(newchannel).contains("Channel: Local/999@nosuchcontext-00000000;1\r\n", "ChannelState: 0\r\n",
                "AccountCode: \r\n", "Context: nosuchcontext\r\nExten: 999\r\n");
        String outcome = w.until("Event: OriginateResponse");
        assertThat(outcome).matches("Event: OriginateResponse\r\nPrivilege: call,all\r\nTimestamp: [0-9.]+\r\n"
                + "ActionID: orig-fail\r\nResponse: Failure\r\nChannel: Local/999@nosuchcontext\r\n"
                + "Application: Wait\r\nData: 5\r\nReason: 0\r\nUniqueid: <unknown>\r\nCallerIDNum: <unknown>\r\n"
                + "CallerIDName: <unknown>\r\n\r\n");
        String hangup = w.until("Event: Hangup");
        assertThat(hangup).contains("Channel: Local/999@nosuchcontext-00000000;2\r\n")
                .endsWith("Linkedid: " + uniqueidOf(newchannel) + "\r\nCause: 0\r\nCause-txt: Unknown\r\n\r\n");
    }

    private static String uniqueidOf(String message) {
        for (String line : message.split("\r\n")) {
            if (line.startsWith("Uniqueid: ")) {
                return line.substring("Uniqueid: ".length());
            }
        }
        throw new AssertionError("no Uniqueid in " + message);
    }

    private List<String> reasons(long seed) throws IOException {
        AmiSimulator sim = sim(AmiSimulator.Options.defaults().withSeed(seed).withPolicy(AnswerPolicies.mix(0.5, 0.3,
                Durations.uniform(Duration.ZERO, Duration.ofMillis(5)), Durations.fixed(Duration.ofMillis(1)))));
        Wire w = connect(sim);
        w.line();
        w.login();
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            w.send("Action: Originate\r\nChannel: Local/" + i + "@citizens\r\nApplication: Wait\r\nData: 1\r\n"
                    + "Timeout: 20\r\nAsync: true\r\nActionID: o-" + i + "\r\n\r\n");
            String outcome = w.until("Event: OriginateResponse");
            reasons.add(outcome.replaceAll("(?s).*Reason: (\\d+).*", "$1"));
        }
        return reasons;
    }

    @Test
    void policy_sameSeedSameOutcomes() throws IOException {
        List<String> first = reasons(7);

        assertThat(reasons(7)).isEqualTo(first);
        assertThat(first).contains("4").containsAnyOf("5", "3");
        assertThat(Map.of("4", 1, "5", 1, "3", 1)).containsKeys(first.toArray(String[]::new));
    }

    @Test
    void coreShowChannels_emptyListAsInCapture() throws IOException {
        Wire w = connect(sim(AmiSimulator.Options.defaults()));
        w.line();
        w.login();

        w.send("Action: CoreShowChannels\r\nActionID: csc-1\r\n\r\n");

        assertThat(w.until("Response")).isEqualTo("Response: Success\r\nActionID: csc-1\r\nEventList: start\r\n"
                + "Message: Channels will follow\r\n\r\n");
        assertThat(w.message()).isEqualTo("Event: CoreShowChannelsComplete\r\nActionID: csc-1\r\n"
                + "EventList: Complete\r\nListItems: 0\r\n\r\n");
    }

    @Test
    void coreShowChannels_oneItemPerLiveChannelInManagerForm() throws IOException {
        AmiSimulator sim = sim(AmiSimulator.Options.defaults()
                .withPolicy(AnswerPolicies.answerAfter(Duration.ofMillis(10), Duration.ofSeconds(60))));
        Wire w = connect(sim);
        w.line();
        w.login();
        w.send("Action: Originate\r\nChannel: Local/100@citizens\r\nApplication: Wait\r\nData: 60\r\n"
                + "Async: true\r\nActionID: orig-1\r\n\r\n");
        w.until("Event: OriginateResponse");
        int live = sim.activeChannels();

        w.send("Action: CoreShowChannels\r\nActionID: csc-2\r\n\r\n");

        assertThat(w.until("Response")).contains("EventList: start");
        List<String> items = new ArrayList<>();
        String m = w.until("Event: CoreShowChannel");
        while (m.startsWith("Event: CoreShowChannel\r\n")) {
            items.add(m);
            m = w.message();
        }
        assertThat(items).hasSize(live).isNotEmpty();
        assertThat(names(items.get(0))).containsExactly("Event", "ActionID", "Channel", "ChannelState",
                "ChannelStateDesc", "CallerIDNum", "CallerIDName", "ConnectedLineNum", "ConnectedLineName",
                "Language", "AccountCode", "Context", "Exten", "Priority", "Uniqueid", "Linkedid", "Application",
                "ApplicationData", "Duration", "BridgeId");
        assertThat(items.get(0)).contains("ActionID: csc-2\r\n")
                .containsPattern("Duration: \\d\\d:\\d\\d:\\d\\d\r\n");
        assertThat(m).isEqualTo("Event: CoreShowChannelsComplete\r\nActionID: csc-2\r\nEventList: Complete\r\n"
                + "ListItems: " + live + "\r\n\r\n");
    }
}
