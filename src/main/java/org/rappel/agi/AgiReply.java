package org.rappel.agi;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** One reply of Asterisk to one AGI command, as the forms seen in {@code shared/asterisk/PROTOCOL.md}. */
public sealed interface AgiReply {

    /**
     * {@code 200 result=<result> [(<data>)] [endpos=<n>]}. {@code result} is kept as text because Asterisk
     * sends it empty ({@code GET DATA} with no digits) or as digits typed ({@code 42}).
     */
    record Success(String result, Optional<String> data, OptionalLong endpos) implements AgiReply {

        /** The result as a number; {@code 0} when Asterisk sent it empty. */
        public int resultCode() {
            if (result.isEmpty()) {
                return 0;
            }
            try {
                return Integer.parseInt(result);
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        /** {@code -1}: the channel hung up while the command ran, or the command failed. */
        public boolean failed() {
            return "-1".equals(result);
        }

        /** The key a {@code WAIT FOR DIGIT} or an interrupted {@code STREAM FILE} returned, from its ASCII code. */
        public Optional<Character> digit() {
            int code = resultCode();
            return code > 0 ? Optional.of((char) code) : Optional.empty();
        }

        /** {@code (timeout)} after the result, as {@code GET DATA} sends when input timed out. */
        public boolean timedOut() {
            return data.filter("timeout"::equals).isPresent();
        }
    }

    /** {@code 510 Invalid or unknown command}. */
    record InvalidCommand(String message) implements AgiReply {
    }

    /** {@code 511 Command Not Permitted on a dead channel or intercept routine}. */
    record DeadChannel(String message) implements AgiReply {
    }

    /** {@code 520-Invalid command syntax.} … usage lines … {@code 520 End of proper usage.} */
    record UsageError(List<String> usage) implements AgiReply {
        public UsageError {
            usage = List.copyOf(usage);
        }
    }
}
