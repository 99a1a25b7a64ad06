package org.rappel.sim.agi;

import java.time.Duration;
import java.util.Optional;

/**
 * What a scripted caller does at one input opportunity: the keys pressed ({@code ""} for silence, letting the
 * command time out) and when.
 *
 * <p>An input opportunity is a {@code GET DATA} or {@code WAIT FOR DIGIT}; a {@code STREAM FILE} or
 * {@code SAY …} with escape digits is one only for an input that names its sound ({@link #atSound}). An input
 * naming a sound is used only by a command playing that sound. Keys still to come when the command ends reach
 * the next command if it takes keys, else they are lost, as with a real phone.
 *
 * @param keys        the keys, e.g. {@code "42#"}; empty for silence
 * @param sound       if present, only a command playing this sound uses this input
 * @param delay       time before the first key: after the prompt ended, or after the command started when
 *                    {@code bargeIn}
 * @param bargeIn     whether {@code delay} counts from the start of the command, so keys may cut the prompt
 * @param interKeyGap time between two keys
 */
public record CallerInput(String keys, Optional<String> sound, Duration delay, boolean bargeIn,
                          Duration interKeyGap) {

    static final Duration DEFAULT_DELAY = Duration.ofMillis(300);
    /** SendDTMF's default tone length, which the captures used. */
    static final Duration DEFAULT_GAP = Duration.ofMillis(250);

    public CallerInput {
        for (int i = 0; i < keys.length(); i++) {
            if ("0123456789*#ABCD".indexOf(keys.charAt(i)) < 0) {
                throw new IllegalArgumentException("not a DTMF key: " + keys.charAt(i));
            }
        }
        if (delay.isNegative() || interKeyGap.isNegative()) {
            throw new IllegalArgumentException("negative caller delay");
        }
    }

    public static CallerInput keys(String keys) {
        return new CallerInput(keys, Optional.empty(), DEFAULT_DELAY, false, DEFAULT_GAP);
    }

    /** The caller stays silent: the command times out. */
    public static CallerInput silence() {
        return keys("");
    }

    public CallerInput atSound(String promptSound) {
        return new CallerInput(keys, Optional.of(promptSound), delay, bargeIn, interKeyGap);
    }

    /** The first key {@code after} the prompt ended. */
    public CallerInput after(Duration after) {
        return new CallerInput(keys, sound, after, false, interKeyGap);
    }

    /** The first key {@code after} the command started, cutting the prompt if it is still playing. */
    public CallerInput bargeIn(Duration after) {
        return new CallerInput(keys, sound, after, true, interKeyGap);
    }

    public CallerInput gap(Duration gap) {
        return new CallerInput(keys, sound, delay, bargeIn, gap);
    }

    public boolean isSilence() {
        return keys.isEmpty();
    }
}
