package org.rappel.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures what Rappel's own code logs ({@code org.rappel.*} minus the simulator's {@code org.rappel.sim}) while
 * a test runs, so that a test can say a call ended with no warning or error on the server side.
 */
final class ServerLogCapture implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger("org.rappel");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    ServerLogCapture() {
        appender.start();
        logger.addAppender(appender);
    }

    /** Server-side events at WARN or above, as "LEVEL logger - message". */
    List<String> serverWarningsAndErrors() {
        synchronized (appender.list) {
            return appender.list.stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .filter(e -> !e.getLoggerName().startsWith("org.rappel.sim."))
                    .map(e -> e.getLevel() + " " + e.getLoggerName() + " - " + e.getFormattedMessage())
                    .toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
