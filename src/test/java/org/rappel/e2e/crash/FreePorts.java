package org.rappel.e2e.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback ports free right now, for a child process that must be told its ports in its config (it cannot report
 * a port 0 back, and a restarted node keeps its ports, as Asterisk's dialplan names them). The sockets are held
 * open together, so the ports are distinct, and closed before returning.
 */
final class FreePorts {
    private FreePorts() {
    }

    static List<Integer> pick(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is released either way
                }
            }
        }
    }
}
