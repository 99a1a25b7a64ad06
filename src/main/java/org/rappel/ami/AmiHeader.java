package org.rappel.ami;

/**
 * One {@code Name: Value} line of an AMI message. Neither part may hold a line break: a value with {@code \r} or
 * {@code \n} would let a caller inject a header or a whole action, so it is refused here, before any byte is sent.
 */
public record AmiHeader(String name, String value) {
    public AmiHeader {
        if (name.isEmpty() || name.indexOf(':') >= 0 || hasLineBreak(name)) {
            throw new IllegalArgumentException("bad AMI header name: '" + name + "'");
        }
        if (hasLineBreak(value)) {
            throw new IllegalArgumentException("AMI header " + name + " has a line break in its value");
        }
    }

    private static boolean hasLineBreak(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
    }

    @Override
    public String toString() {
        return name + ": " + (AmiHeaders.isSecret(name) ? "****" : value);
    }
}
