package org.rappel.agi;

import java.util.concurrent.CompletionStage;

/**
 * What runs for one call: Asterisk-Java's name for the code behind an AGI script path. The server picks a
 * script by {@link AgiRequest#script()} and closes the connection when the returned stage completes (normally
 * or not).
 */
@FunctionalInterface
public interface AgiScript {
    CompletionStage<?> run(AgiSession session);
}
