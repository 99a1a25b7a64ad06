package org.rappel.ami;

import java.util.List;

/** {@code Command}: a CLI command; its output comes back as {@code Output:} lines of the response. */
public record CommandAction(String command) implements AmiAction {

    @Override
    public String name() {
        return "Command";
    }

    @Override
    public List<AmiHeader> fields() {
        return List.of(new AmiHeader("Command", command));
    }
}
