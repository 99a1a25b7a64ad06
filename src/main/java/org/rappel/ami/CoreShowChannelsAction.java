package org.rappel.ami;

import java.util.List;

/**
 * {@code CoreShowChannels}: every channel Asterisk has now, as an event list (one {@link CoreShowChannelEvent}
 * each, then {@code CoreShowChannelsComplete}). Send it with {@link AmiConnection#sendForList}.
 */
public record CoreShowChannelsAction() implements AmiAction {

    @Override
    public String name() {
        return "CoreShowChannels";
    }

    @Override
    public List<AmiHeader> fields() {
        return List.of();
    }
}
