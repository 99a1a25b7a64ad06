package org.rappel.e2e.crash;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Rappel node across its lives: the same config file, working directory (its data), node id and ports for
 * every run, each run a fresh JVM ({@link RappelProcess}). {@link #start()} returns once {@code GET /health}
 * answers 200; {@link #kill()} sends SIGKILL and returns once the process is gone. Each start after a kill is a
 * {@link Recovery}, timed from the kill to the first healthy answer.
 *
 * <p>The config file is the {@code agi} and {@code http} sections this class writes (loopback, the node's ports,
 * a short drain) followed by the caller's YAML, which must not have those two sections.
 *
 * <p>Threads: one test thread drives it; {@link #agiAddress()} and {@link #healthStatus()} may be called from
 * any.
 */
final class RappelNode implements AutoCloseable {
    /** JVM options of every run: small heap, quick start. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xshare:auto");
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One restart after a kill.
     *
     * @param run      the run number (1 is the first start)
     * @param downtime from the SIGKILL to the first 200 on {@code /health} of the new run
     * @param startup  from the new JVM's spawn to that answer
     */
    record Recovery(int run, Duration downtime, Duration startup) {
    }

    private final Path dir;
    private final Path config;
    private final int agiPort;
    private final int httpPort;
    private final Map<String, String> env;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final List<RappelProcess> runs = new ArrayList<>();
    private final List<Recovery> recoveries = new ArrayList<>();
    private RappelProcess current;
    private long killedAtNanos = -1;

    /**
     * @param dir      the node's working directory: config, logs, and (SQLite) its data folder
     * @param yaml     the rest of the config (not {@code agi}, not {@code http})
     * @param extraEnv environment for the server besides the basics ({@code RAPPEL_AMI_SECRET}…)
     */
    RappelNode(Path dir, String yaml, Map<String, String> extraEnv) {
        this.dir = dir;
        List<Integer> ports = FreePorts.pick(2);
        this.agiPort = ports.get(0);
        this.httpPort = ports.get(1);
        this.config = dir.resolve("rappel.yaml");
        String text = """
                agi:
                  bind: 127.0.0.1
                  port: %d
                  drain-deadline: 2s
                http:
                  bind: 127.0.0.1
                  port: %d
                """.formatted(agiPort, httpPort) + yaml;
        try {
            Files.createDirectories(dir);
            Files.writeString(config, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> childEnv = new HashMap<>();
        for (String name : List.of("PATH", "HOME", "LANG", "TMPDIR")) {
            Optional.ofNullable(System.getenv(name)).ifPresent(value -> childEnv.put(name, value));
        }
        childEnv.putAll(extraEnv);
        this.env = Map.copyOf(childEnv);
    }

    InetSocketAddress agiAddress() {
        return new InetSocketAddress("127.0.0.1", agiPort);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    Path dir() {
        return dir;
    }

    /** Starts a new run and waits until {@code /health} answers 200 (fails with the run's log if it exits). */
    RappelProcess start() {
        if (current != null && current.isAlive()) {
            throw new IllegalStateException("run " + runs.size() + " is still alive");
        }
        int run = runs.size() + 1;
        long spawned = System.nanoTime();
        current = RappelProcess.start(dir, config, dir.resolve("run-" + run + ".log"), env, JVM_OPTIONS);
        runs.add(current);
        RappelProcess process = current;
        try {
            await("Rappel run " + run + " healthy").atMost(START_LIMIT).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(50))
                    .failFast("Rappel run " + run + " exited", () -> !process.isAlive())
                    .until(() -> healthStatus().orElse(0) == 200);
        } catch (RuntimeException | AssertionError e) { // timed out, or the run exited (fail fast)
            throw new AssertionError(e.getMessage() + "\n--- log of run " + run + " (" + process.log() + "):\n"
                    + process.logTail(80), e);
        }
        long healthy = System.nanoTime();
        if (killedAtNanos >= 0) {
            recoveries.add(new Recovery(run, Duration.ofNanos(healthy - killedAtNanos),
                    Duration.ofNanos(healthy - spawned)));
            killedAtNanos = -1;
        }
        return process;
    }

    /** SIGKILL to the running server; returns once it is gone, with its exit status (137 when killed). */
    int kill() {
        RappelProcess process = requireCurrent();
        killedAtNanos = System.nanoTime();
        return process.kill();
    }

    /** SIGTERM: the server drains and stops. Returns the exit status. */
    int stop() {
        return requireCurrent().stop();
    }

    RappelProcess current() {
        return requireCurrent();
    }

    private RappelProcess requireCurrent() {
        if (current == null) {
            throw new IllegalStateException("never started");
        }
        return current;
    }

    /** {@code GET /health}'s status, or empty when nothing answers. */
    Optional<Integer> healthStatus() {
        return get("/health").map(HttpResponse::statusCode);
    }

    /** A figure of {@code GET /health}'s body ({@code activeCalls}, {@code waitingContacts}…); -1 when unknown. */
    long healthFigure(String name) {
        return get("/health").filter(r -> r.statusCode() == 200).map(r -> {
            try {
                JsonNode value = JSON.readTree(r.body()).path(name);
                return value.isNumber() ? value.asLong() : -1L;
            } catch (IOException e) {
                return -1L;
            }
        }).orElse(-1L);
    }

    private Optional<HttpResponse<String>> get(String path) {
        try {
            return Optional.of(http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(2)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    List<RappelProcess> runs() {
        return List.copyOf(runs);
    }

    List<Recovery> recoveries() {
        return List.copyOf(recoveries);
    }

    /** Every run's log tail, oldest run first, for a failure message. */
    String logs(int linesPerRun) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            text.append("--- run ").append(i + 1).append(" (").append(runs.get(i).log()).append("), last ")
                    .append(linesPerRun).append(" lines:\n").append(runs.get(i).logTail(linesPerRun)).append('\n');
        }
        return text.toString();
    }

    /** Kills the running server, if any (SIGKILL: the data is left as a crash leaves it). */
    @Override
    public void close() {
        if (current != null && current.isAlive()) {
            current.kill();
        }
    }
}
