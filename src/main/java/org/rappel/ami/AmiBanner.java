package org.rappel.ami;

/** The first line Asterisk sends on connect, e.g. {@code Asterisk Call Manager/11.0.0}. */
record AmiBanner(String text) {

    boolean isAsterisk() {
        return text.startsWith("Asterisk Call Manager/");
    }
}
