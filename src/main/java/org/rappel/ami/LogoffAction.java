package org.rappel.ami;

import java.util.List;

/** {@code Logoff}: Asterisk answers {@code Response: Goodbye} and closes the connection. */
public record LogoffAction() implements AmiAction {

    @Override
    public String name() {
        return "Logoff";
    }

    @Override
    public List<AmiHeader> fields() {
        return List.of();
    }
}
