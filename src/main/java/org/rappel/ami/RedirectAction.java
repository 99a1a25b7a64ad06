package org.rappel.ami;

import java.util.List;

/**
 * {@code Redirect}: send a channel to a dialplan location. For an AGI channel the FastAGI session gets
 * {@code HANGUP} and the dialplan goes on only once the FastAGI server closes the socket (PROTOCOL.md).
 */
public record RedirectAction(String channel, String context, String exten, int priority) implements AmiAction {

    @Override
    public String name() {
        return "Redirect";
    }

    @Override
    public List<AmiHeader> fields() {
        return List.of(new AmiHeader("Channel", channel), new AmiHeader("Context", context),
                new AmiHeader("Exten", exten), new AmiHeader("Priority", Integer.toString(priority)));
    }
}
