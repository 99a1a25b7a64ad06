package org.rappel.sim.ami;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A bare AMI client for simulator tests: a plain socket that logs in and keeps every event it reads, in order,
 * as header maps. Reads on its own thread; the lists are read under the tap's lock.
 */
public final class AmiEventTap implements AutoCloseable {

    private final Socket socket;
    private final List<Map<String, String>> events = new ArrayList<>();
    private final Thread reader;

    public AmiEventTap(int port, String username, String secret) throws IOException {
        socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream();
        out.write(("Action: Login\r\nUsername: " + username + "\r\nSecret: " + secret
                + "\r\nActionID: tap-login\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8));
        in.readLine(); // banner
        reader = new Thread(() -> read(in), "ami-event-tap");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(BufferedReader in) {
        Map<String, String> message = new LinkedHashMap<>();
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    if (message.containsKey("Event")) {
                        synchronized (this) {
                            events.add(message);
                        }
                    }
                    message = new LinkedHashMap<>();
                } else {
                    int colon = line.indexOf(": ");
                    if (colon > 0) {
                        message.putIfAbsent(line.substring(0, colon), line.substring(colon + 2));
                    } else if (line.endsWith(":")) {
                        message.putIfAbsent(line.substring(0, line.length() - 1), "");
                    }
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** Whether the login went through (FullyBooted seen). */
    public synchronized boolean loggedIn() {
        return events.stream().anyMatch(e -> "FullyBooted".equals(e.get("Event")));
    }

    public synchronized List<Map<String, String>> events() {
        return new ArrayList<>(events);
    }

    /** Events matching, in order. */
    public synchronized List<Map<String, String>> events(Predicate<Map<String, String>> filter) {
        return events.stream().filter(filter).toList();
    }

    /** Events whose {@code Event} is one of {@code names}, in order. */
    public List<Map<String, String>> named(String... names) {
        List<String> wanted = List.of(names);
        return events(e -> wanted.contains(e.get("Event")));
    }

    /**
     * Sends one action: header lines as {@code "Name: value"}, {@code \r\n} and the empty line added. Its response
     * is not kept (only events are); follow it through its events.
     */
    public synchronized void send(String... headers) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String h : headers) {
            text.append(h).append("\r\n");
        }
        text.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
