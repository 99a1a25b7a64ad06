package org.rappel.agi;

/**
 * What {@link AgiDecoder} hands up the pipeline: the decoded environment, a reply, Asterisk's unsolicited
 * {@code HANGUP} notice, or the reason the bytes could not be decoded. Bad input travels as data, like a
 * failed {@code DecoderResult} in Netty's codecs, so the handler decides what to log, count and close.
 */
sealed interface AgiInbound {

    /** The {@code agi_*} lines up to the first empty line, decoded. */
    record Environment(AgiRequest request) implements AgiInbound {
    }

    /** One complete reply to the command in flight (a multi-line {@code 520} reply arrives as one). */
    record Reply(AgiReply reply) implements AgiInbound {
    }

    /** The bare {@code HANGUP} line Asterisk writes when the channel hangs up, at any time. */
    record HangupNotice() implements AgiInbound {
    }

    /**
     * The connection sent something that is not FastAGI; the decoder discards everything after it.
     *
     * @param error  the failure kind, also the {@code kind} tag of the protocol error counter
     * @param detail what was wrong, for the log; never the raw line when it could carry a phone number
     */
    record Malformed(AgiProtocolError error, String detail) implements AgiInbound {
    }
}
