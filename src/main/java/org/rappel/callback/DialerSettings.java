package org.rappel.callback;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link CallbackDialer} places callback calls.
 *
 * @param dialTemplate    the Originate {@code Channel}, with {@code {number}} replaced by the E.164 number, e.g.
 *                        {@code PJSIP/{number}@trunk}
 * @param context         dialplan context the answered call enters (runs the callback AGI), e.g.
 *                        {@code rappel-callback}
 * @param exten           extension in that context, e.g. {@code s}
 * @param priority        priority in that context, usually 1
 * @param callerId        caller id the citizen sees ({@code "Name" <number>} or a bare number)
 * @param ringTimeout     how long the citizen's phone rings ({@code Originate Timeout})
 * @param maxAttempts     attempts before the callback is given up
 * @param retryBackoff    delay before the next attempt, moved into the next calling window when it falls outside
 * @param leaseMargin     added to the ring timeout for the {@code DIALING} lease: covers the AMI action timeout and
 *                        the store write, so the lease outlives the Originate it guards
 * @param callingHours    when citizens may be called
 */
public record DialerSettings(String dialTemplate, String context, String exten, int priority, String callerId,
        Duration ringTimeout, int maxAttempts, Duration retryBackoff, Duration leaseMargin,
        CallingHours callingHours) {

    public static final String NUMBER_PLACEHOLDER = "{number}";

    public DialerSettings {
        Objects.requireNonNull(dialTemplate, "dialTemplate");
        if (!dialTemplate.contains(NUMBER_PLACEHOLDER) || dialTemplate.indexOf('/') <= 0) {
            throw new IllegalArgumentException("dial template must look like TECH/" + NUMBER_PLACEHOLDER
                    + "@trunk: " + dialTemplate);
        }
        requireText(context, "context");
        requireText(exten, "exten");
        requireText(callerId, "callerId");
        if (priority < 1) {
            throw new IllegalArgumentException("priority must be at least 1");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        requirePositive(ringTimeout, "ringTimeout");
        requirePositive(retryBackoff, "retryBackoff");
        requirePositive(leaseMargin, "leaseMargin");
        Objects.requireNonNull(callingHours, "callingHours");
    }

    /**
     * Context {@code rappel-callback}, exten {@code s}, priority 1, rings 30 s, 3 attempts 10 min apart, lease margin
     * 1 min, Monday to Friday 08:30-17:30 Europe/Paris.
     */
    public static DialerSettings defaults(String dialTemplate, String callerId) {
        return new DialerSettings(dialTemplate, "rappel-callback", "s", 1, callerId, Duration.ofSeconds(30), 3,
                Duration.ofMinutes(10), Duration.ofMinutes(1), CallingHours.defaults());
    }

    public DialerSettings withRingTimeout(Duration timeout) {
        return new DialerSettings(dialTemplate, context, exten, priority, callerId, timeout, maxAttempts, retryBackoff,
                leaseMargin, callingHours);
    }

    public DialerSettings withRetries(int attempts, Duration backoff) {
        return new DialerSettings(dialTemplate, context, exten, priority, callerId, ringTimeout, attempts, backoff,
                leaseMargin, callingHours);
    }

    public DialerSettings withCallingHours(CallingHours hours) {
        return new DialerSettings(dialTemplate, context, exten, priority, callerId, ringTimeout, maxAttempts,
                retryBackoff, leaseMargin, hours);
    }

    /** The Originate channel for this number. */
    public String channelFor(String number) {
        return dialTemplate.replace(NUMBER_PLACEHOLDER, number);
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.contains("\r") || value.contains("\n")) {
            throw new IllegalArgumentException(name + " must be one non-blank line");
        }
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
