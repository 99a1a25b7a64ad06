package org.rappel.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Plays Asterisk's side of one FastAGI connection over a plain blocking socket, with the byte forms of
 * shared/asterisk/agi-transcript.txt. Test-only; used from the test thread.
 */
final class FakeAsterisk implements AutoCloseable {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private FakeAsterisk(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static FakeAsterisk connect(InetSocketAddress server) throws IOException {
        return new FakeAsterisk(new Socket(server.getAddress(), server.getPort()));
    }

    /** Connects from a chosen local address (any of 127.0.0.0/8 works on Linux loopback). */
    static FakeAsterisk connectFrom(String localAddress, InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(server, (int) READ_TIMEOUT.toMillis());
        return new FakeAsterisk(socket);
    }

    /** The environment of connection c2 of the transcript, for {@code agi://…/<scriptPath>}. */
    static String environment(String scriptPath, String uniqueId) {
        return "agi_network: yes\n"
                + "agi_network_script: " + scriptPath + "\n"
                + "agi_request: agi://127.0.0.1:4573/" + scriptPath + "\n"
                + "agi_channel: Local/s@hotline-00000001;2\n"
                + "agi_language: fr\n"
                + "agi_type: Local\n"
                + "agi_uniqueid: " + uniqueId + "\n"
                + "agi_version: 22.10.1\n"
                + "agi_callerid: 5550002\n"
                + "agi_calleridname: DTMF Test\n"
                + "agi_callingpres: 0\n"
                + "agi_callingani2: 0\n"
                + "agi_callington: 0\n"
                + "agi_callingtns: 0\n"
                + "agi_dnid: unknown\n"
                + "agi_rdnis: unknown\n"
                + "agi_context: hotline\n"
                + "agi_extension: s\n"
                + "agi_priority: 2\n"
                + "agi_enhanced: 0.0\n"
                + "agi_accountcode: \n"
                + "agi_threadid: 140012339697344\n"
                + "agi_arg_1: first arg\n"
                + "\n";
    }

    void sendEnvironment(String scriptPath, String uniqueId) throws IOException {
        send(environment(scriptPath, uniqueId));
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next command line from the server, without its {@code \n}; fails on end of stream or timeout. */
    String readCommand() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            assertThat(b).as("the server closed instead of sending a command; got so far: %s", line).isNotEqualTo(-1);
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** Reads the next command, checks it and sends Asterisk's reply. */
    void expect(String command, String reply) throws IOException {
        assertThat(readCommand()).isEqualTo(command);
        send(reply + "\n");
    }

    /** True when the server closes the connection within {@code within}, sending nothing more before. */
    boolean closedByServerWithin(Duration within) throws IOException {
        socket.setSoTimeout((int) Math.max(1, within.toMillis()));
        try {
            int b = in.read();
            assertThat(b).as("unexpected byte from the server").isEqualTo(-1);
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // connection reset: closed as well
        } finally {
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        }
    }

    /** True when the server closes the connection within {@code within}; whatever it sends first is skipped. */
    boolean closedByServerSkippingOutputWithin(Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        try {
            while (true) {
                long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
                if (left <= 0) {
                    return false;
                }
                socket.setSoTimeout((int) left);
                if (in.read() == -1) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        } finally {
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
