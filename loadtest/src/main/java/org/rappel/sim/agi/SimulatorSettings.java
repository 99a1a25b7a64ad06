package org.rappel.sim.agi;

import java.time.Duration;

/**
 * What the simulated Asterisk is like, shared by all its calls.
 *
 * @param timeScale          factor applied to every human-scale time: prompt lengths, the caller's delays and
 *                           the timeouts in commands (GET DATA, WAIT FOR DIGIT); {@code 0.01} runs a 5 s
 *                           timeout in 50 ms. {@code endpos} values stay in unscaled audio samples.
 * @param hangupNoticeDelay  time between the reply that ends a command interrupted by a hang-up (or the
 *                           reply to HANGUP) and the unsolicited {@code HANGUP} line. Not scaled: on the
 *                           captures it is about 40 ms, the TCP delayed-acknowledgement time that holds
 *                           Asterisk's second small write (Asterisk does not disable Nagle on the socket).
 * @param sounds             the sound files and their lengths
 * @param asteriskVersion    {@code agi_version}
 */
public record SimulatorSettings(double timeScale, Duration hangupNoticeDelay, SoundCatalog sounds,
                                String asteriskVersion) {

    public SimulatorSettings {
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("time scale must be positive: " + timeScale);
        }
        if (hangupNoticeDelay.isNegative()) {
            throw new IllegalArgumentException("negative hang-up notice delay");
        }
    }

    public static SimulatorSettings defaults() {
        return new SimulatorSettings(1.0, Duration.ofMillis(40), SoundCatalog.standard(), "22.10.1");
    }

    public SimulatorSettings withTimeScale(double scale) {
        return new SimulatorSettings(scale, hangupNoticeDelay, sounds, asteriskVersion);
    }

    public SimulatorSettings withHangupNoticeDelay(Duration delay) {
        return new SimulatorSettings(timeScale, delay, sounds, asteriskVersion);
    }

    public SimulatorSettings withSounds(SoundCatalog catalog) {
        return new SimulatorSettings(timeScale, hangupNoticeDelay, catalog, asteriskVersion);
    }

    /** A human-scale time in milliseconds, scaled, in nanoseconds (at least 0). */
    long scaledNanos(long millis) {
        return Math.max(0L, Math.round(millis * 1_000_000.0 * timeScale));
    }

    long scaledNanos(Duration duration) {
        return Math.max(0L, Math.round(duration.toNanos() * timeScale));
    }
}
