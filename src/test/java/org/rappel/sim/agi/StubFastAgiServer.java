package org.rappel.sim.agi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A FastAGI server reduced to blocking sockets, for testing the simulator byte by byte: the test reads the
 * environment and each reply line and writes commands itself. Port chosen free at run time.
 */
final class StubFastAgiServer implements AutoCloseable {

    private final ServerSocket server;

    StubFastAgiServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setSoTimeout(5000);
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.getLocalPort());
    }

    Connection accept() throws IOException {
        Socket socket = server.accept();
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        return new Connection(socket);
    }

    /** Whether a connection is waiting to be accepted (it is accepted and closed); waits at most 200 ms. */
    boolean pending() throws IOException {
        server.setSoTimeout(200);
        try {
            server.accept().close();
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            server.setSoTimeout(5000);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        /** Bytes already received and not read yet. */
        int available() throws IOException {
            return in.available();
        }

        /** Every byte up to and including the empty line that ends the environment. */
        String readEnvironment() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int previous = -1;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed before the end of the environment");
                }
                bytes.write(b);
                if (b == '\n' && previous == '\n') {
                    return bytes.toString(StandardCharsets.ISO_8859_1);
                }
                previous = b;
            }
        }

        void send(String command) throws IOException {
            out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** One line without its {@code \n}; fails if a {@code \r} shows up or nothing comes in 5 s. */
        String readLine() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed by the simulator");
                }
                if (b == '\n') {
                    return bytes.toString(StandardCharsets.UTF_8);
                }
                bytes.write(b);
            }
        }

        /** The next {@code count} lines. */
        List<String> readLines(int count) throws IOException {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                lines.add(readLine());
            }
            return lines;
        }

        String command(String command) throws IOException {
            send(command);
            return readLine();
        }

        /** Whether nothing arrives (and the socket stays open) for {@code millis}. */
        boolean quietFor(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                int b = in.read();
                if (b < 0) {
                    return false;
                }
                throw new IOException("unexpected byte " + b);
            } catch (SocketTimeoutException e) {
                return true;
            } finally {
                socket.setSoTimeout(5000);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
