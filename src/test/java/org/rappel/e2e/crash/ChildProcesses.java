package org.rappel.e2e.crash;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every child JVM a crash test started and has not yet seen die. A JVM shutdown hook kills the ones still alive,
 * so a test that fails (or a test JVM that is told to stop) leaves no Rappel behind; {@link ParentWatch} covers the
 * case where the test JVM itself is killed too hard to run hooks.
 *
 * <p>Threads: any; the set is concurrent.
 */
final class ChildProcesses {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::killAll, "crash-test-children"));
    }

    private ChildProcesses() {
    }

    static void register(Process process) {
        LIVE.add(process);
    }

    /** The child is dead and reaped: nothing left to clean up. */
    static void forget(Process process) {
        LIVE.remove(process);
    }

    /** The registered children still running. */
    static List<Process> alive() {
        LIVE.removeIf(process -> !process.isAlive());
        return LIVE.stream().filter(Process::isAlive).toList();
    }

    /** SIGKILL to every registered child, then waits a little for each to be reaped. */
    static void killAll() {
        for (Process process : LIVE) {
            process.destroyForcibly();
        }
        for (Process process : LIVE) {
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
