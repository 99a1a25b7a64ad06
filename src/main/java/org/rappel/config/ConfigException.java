package org.rappel.config;

/** A configuration that cannot be used; the message names the file, line and key, or the environment variable. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
