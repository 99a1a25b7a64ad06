package org.rappel.ami;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** {@code Hangup} of one channel, with an optional Q.850 {@code Cause}. */
public record HangupAction(String channel, OptionalInt cause) implements AmiAction {

    public HangupAction(String channel) {
        this(channel, OptionalInt.empty());
    }

    @Override
    public String name() {
        return "Hangup";
    }

    @Override
    public List<AmiHeader> fields() {
        List<AmiHeader> fields = new ArrayList<>(2);
        fields.add(new AmiHeader("Channel", channel));
        cause.ifPresent(c -> fields.add(new AmiHeader("Cause", Integer.toString(c))));
        return fields;
    }
}
