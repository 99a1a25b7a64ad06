package org.rappel.agi;

/**
 * Why a FastAGI connection was given up. {@link #kind()} is the {@code kind} tag of
 * {@code rappel_agi_protocol_errors_total}.
 */
enum AgiProtocolError {
    /** A line longer than the configured maximum, or no line end within that many bytes. */
    LINE_TOO_LONG("line_too_long"),
    /** A line of the environment that is not {@code agi_<key>: <value>}, or an environment missing its script. */
    MALFORMED_ENVIRONMENT("malformed_environment"),
    /** More {@code agi_*} lines than allowed before the empty line. */
    TOO_MANY_ENVIRONMENT_LINES("too_many_environment_lines"),
    /** A line after the environment that is neither a known reply form nor the {@code HANGUP} notice. */
    MALFORMED_REPLY("malformed_reply"),
    /** Control characters or bytes that are not UTF-8 text. */
    BINARY_JUNK("binary_junk"),
    /** A reply while no command was in flight. */
    UNEXPECTED_REPLY("unexpected_reply"),
    /** The empty line ending the environment did not come in time. */
    ENVIRONMENT_TIMEOUT("environment_timeout"),
    /** The script path names no script. */
    UNKNOWN_SCRIPT("unknown_script");

    private final String kind;

    AgiProtocolError(String kind) {
        this.kind = kind;
    }

    String kind() {
        return kind;
    }
}
