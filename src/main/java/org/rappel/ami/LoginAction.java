package org.rappel.ami;

import java.util.List;

/** {@code Login} with a plain secret. Its {@code toString} hides the secret, so it may be logged. */
public record LoginAction(String username, String secret) implements AmiAction {

    @Override
    public String name() {
        return "Login";
    }

    @Override
    public List<AmiHeader> fields() {
        return List.of(new AmiHeader("Username", username), new AmiHeader("Secret", secret));
    }

    @Override
    public String toString() {
        return "LoginAction[username=" + username + ", secret=****]";
    }
}
