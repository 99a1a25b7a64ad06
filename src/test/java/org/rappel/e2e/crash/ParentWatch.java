package org.rappel.e2e.crash;

import java.io.IOException;
import java.io.InputStream;
import org.rappel.Main;

/**
 * The child JVM's entry point: {@code org.rappel.Main} with its arguments unchanged, plus one daemon thread that
 * reads standard input, a pipe the parent test JVM holds open. End of input means the parent is gone (even killed
 * by SIGKILL, when its shutdown hooks never ran): this JVM then halts, so no Rappel outlives the test that
 * started it.
 */
public final class ParentWatch {
    /** The exit status when the parent went away. */
    static final int ORPHANED = 99;

    private ParentWatch() {
    }

    public static void main(String[] args) {
        Thread watch = new Thread(() -> {
            InputStream in = System.in;
            try {
                while (in.read() >= 0) {
                    // the parent never writes; anything it did write is ignored
                }
            } catch (IOException e) {
                // a broken pipe is the same news as end of input
            }
            Runtime.getRuntime().halt(ORPHANED);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
        Main.main(args);
    }
}
