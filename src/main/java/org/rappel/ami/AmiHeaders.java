package org.rappel.ami;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The headers of one AMI message, in the order Asterisk sent them. Repeated names ({@code Variable:},
 * {@code Output:}) are all kept. Names compare without case, as Asterisk's {@code astman_get_header} does.
 * Immutable.
 */
public final class AmiHeaders {
    private final List<AmiHeader> headers;

    private AmiHeaders(List<AmiHeader> headers) {
        this.headers = List.copyOf(headers);
    }

    public static AmiHeaders of(List<AmiHeader> headers) {
        return new AmiHeaders(headers);
    }

    /** Alternating names and values: {@code of("Event", "Hangup", "Cause", "16")}. */
    public static AmiHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must pair up");
        }
        List<AmiHeader> list = new ArrayList<>(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(new AmiHeader(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new AmiHeaders(list);
    }

    /** The value of the first header with this name. */
    public Optional<String> first(String name) {
        for (AmiHeader h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    /** Every value of this name, in order ({@code Output:} lines of a {@code Command}). */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (AmiHeader h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                values.add(h.value());
            }
        }
        return List.copyOf(values);
    }

    /** The first value of a header the message cannot be understood without. */
    public String require(String name) {
        return first(name).orElseThrow(() -> new IllegalArgumentException("missing header " + name));
    }

    /** A required header read as a whole number. */
    public long requireLong(String name) {
        String value = require(name);
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("header " + name + " is not a number: '" + value + "'");
        }
    }

    public List<AmiHeader> asList() {
        return headers;
    }

    public int size() {
        return headers.size();
    }

    static boolean isSecret(String name) {
        return name.equalsIgnoreCase("Secret") || name.equalsIgnoreCase("Key");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AmiHeaders other && headers.equals(other.headers);
    }

    @Override
    public int hashCode() {
        return headers.hashCode();
    }

    /** Secrets masked: a message may be logged whole. */
    @Override
    public String toString() {
        return headers.toString();
    }
}
