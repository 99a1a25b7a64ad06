package org.rappel.sim.ami;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.random.RandomGenerator;

/** Ready-made simulated citizens and agents. */
public final class AnswerPolicies {
    private AnswerPolicies() {
    }

    /** A duration drawn from the simulator's random source, in milliseconds. */
    @FunctionalInterface
    public interface Durations extends ToLongFunction<RandomGenerator> {

        static Durations fixed(Duration d) {
            return r -> d.toMillis();
        }

        static Durations uniform(Duration min, Duration max) {
            return r -> r.nextLong(min.toMillis(), max.toMillis() + 1);
        }

        /** Exponential with this mean: talk times of a call centre, roughly. */
        static Durations exponential(Duration mean) {
            return r -> Math.round(-Math.log(1 - r.nextDouble()) * mean.toMillis());
        }

        default Duration draw(RandomGenerator r) {
            return Duration.ofMillis(Math.max(0, applyAsLong(r)));
        }
    }

    public static AnswerPolicy answerAfter(Duration ringTime, Duration talkTime) {
        return (channel, r) -> new AnswerOutcome.Answered(ringTime, talkTime);
    }

    /**
     * Answers after {@code ringTime} and stays on the line until Asterisk hangs up (a day at most): a citizen who
     * listens to the whole callback.
     */
    public static AnswerPolicy answerAndListen(Duration ringTime) {
        return (channel, r) -> new AnswerOutcome.Answered(ringTime, Duration.ofDays(1));
    }

    public static AnswerPolicy answer(Durations ringTime, Durations talkTime) {
        return (channel, r) -> new AnswerOutcome.Answered(ringTime.draw(r), talkTime.draw(r));
    }

    public static AnswerPolicy busy() {
        return (channel, r) -> new AnswerOutcome.Busy(Duration.ZERO);
    }

    public static AnswerPolicy noAnswer() {
        return (channel, r) -> new AnswerOutcome.NoAnswer();
    }

    public static AnswerPolicy congestion() {
        return (channel, r) -> new AnswerOutcome.Congestion(Duration.ZERO);
    }

    public static AnswerPolicy failed() {
        return (channel, r) -> new AnswerOutcome.Failed();
    }

    /**
     * A population: answers with probability {@code pAnswer} (after {@code ringTime}, talking {@code talkTime}),
     * else busy with {@code pBusy}, else does not answer.
     */
    public static AnswerPolicy mix(double pAnswer, double pBusy, Durations ringTime, Durations talkTime) {
        if (pAnswer < 0 || pBusy < 0 || pAnswer + pBusy > 1) {
            throw new IllegalArgumentException("probabilities out of range");
        }
        return (channel, r) -> {
            double x = r.nextDouble();
            if (x < pAnswer) {
                return new AnswerOutcome.Answered(ringTime.draw(r), talkTime.draw(r));
            }
            return x < pAnswer + pBusy ? new AnswerOutcome.Busy(ringTime.draw(r)) : new AnswerOutcome.NoAnswer();
        };
    }

    /**
     * Routes by the dialled resource, the part of the channel between {@code /} and {@code @}
     * ({@code Local/0612345699@citizens} → {@code 0612345699}); other numbers get {@code otherwise}.
     */
    public static AnswerPolicy byNumber(Map<String, AnswerPolicy> numbers, AnswerPolicy otherwise) {
        Map<String, AnswerPolicy> copy = new LinkedHashMap<>(numbers);
        return (channel, r) -> copy.getOrDefault(number(channel), otherwise).decide(channel, r);
    }

    static String number(String channel) {
        int slash = channel.indexOf('/');
        int at = channel.indexOf('@');
        return channel.substring(slash + 1, at > slash ? at : channel.length());
    }
}
