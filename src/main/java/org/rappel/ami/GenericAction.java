package org.rappel.ami;

import java.util.List;

/** Any other action, e.g. {@code Setvar}, {@code QueueStatus}, {@code CoreShowChannels}. */
public record GenericAction(String name, List<AmiHeader> fields) implements AmiAction {

    public GenericAction {
        new AmiHeader("Action", name);
        fields = List.copyOf(fields);
    }

    public static GenericAction of(String name, String... namesAndValues) {
        return new GenericAction(name, AmiHeaders.of(namesAndValues).asList());
    }
}
