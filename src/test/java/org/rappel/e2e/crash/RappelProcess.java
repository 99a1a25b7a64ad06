package org.rappel.e2e.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of Rappel in its own JVM: {@code java -cp <this JVM's class path> org.rappel.Main serve --config FILE}
 * (through {@link ParentWatch}), working directory and environment given, standard output and error both written
 * to one log file. Ends by {@link #kill()} (SIGKILL: no shutdown hook, no drain, no flush) or {@link #stop()}
 * (SIGTERM: the server drains and closes).
 *
 * <p>Threads: any.
 */
final class RappelProcess {
    /** The status a JVM killed by SIGKILL reports: 128 + 9. */
    static final int KILLED = 137;

    private final Process process;
    private final Path log;

    private RappelProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the JVM and returns at once (the server is not ready yet: see {@link RappelNode#start}).
     *
     * @param env the whole environment of the child (nothing is inherited), so that no {@code RAPPEL_…} variable of
     *            the test run reaches the server's config by accident
     */
    static RappelProcess start(Path workDir, Path config, Path log, Map<String, String> env, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ParentWatch.class.getName());
        command.add("serve");
        command.add("--config");
        command.add(config.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            ChildProcesses.register(process);
            return new RappelProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status, once dead. */
    int exitValue() {
        return process.exitValue();
    }

    /**
     * SIGKILL ({@link Process#destroyForcibly()} sends exactly that on Linux), then waits until the kernel reaped
     * the process. Returns its exit status: {@link #KILLED} unless it had died before.
     */
    int kill() {
        process.destroyForcibly();
        return reap();
    }

    /** SIGTERM: the server's shutdown hook drains and closes. Returns the exit status. */
    int stop() {
        // Through the handle: Process.destroy() would also close the child's standard input, which ParentWatch
        // takes for the parent's death and halts before the drain is over.
        process.toHandle().destroy();
        return reap();
    }

    private int reap() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (!process.isAlive()) {
            ChildProcesses.forget(process);
        }
        return process.isAlive() ? -1 : process.exitValue();
    }

    /**
     * Closes the pipe to the child's standard input, as the kernel does when this JVM dies: {@link ParentWatch}
     * then halts the child. Returns the child's exit status.
     */
    int orphan() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reap();
    }

    Path log() {
        return log;
    }

    /** The last {@code lines} lines of this run's log (for a failure message). */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    /** The whole log of this run. */
    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
