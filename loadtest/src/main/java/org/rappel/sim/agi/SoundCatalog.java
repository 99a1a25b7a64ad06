package org.rappel.sim.agi;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sound files the simulated Asterisk has, with their playing time: a named length, a default for every
 * other sound, and sounds declared missing (STREAM FILE of those answers {@code 200 result=-1 endpos=0}).
 * Lengths are real (unscaled) audio time; {@code endpos} is derived from them at 8000 samples per second in
 * whole 20 ms frames, as Asterisk reports it ({@code beep}: 440 ms, {@code endpos=3520}).
 *
 * <p>Immutable; the {@code with…} methods return a copy.
 */
public record SoundCatalog(Map<String, Duration> lengths, Duration defaultLength, Duration digitLength,
                           Set<String> missing) {

    public SoundCatalog {
        lengths = Map.copyOf(lengths);
        missing = Set.copyOf(missing);
        if (defaultLength.isNegative() || digitLength.isNegative()) {
            throw new IllegalArgumentException("a sound cannot last a negative time");
        }
    }

    /** Lengths seen on Asterisk 22 for the sounds of the captures; 2 s for any other, 800 ms per spoken digit. */
    public static SoundCatalog standard() {
        return new SoundCatalog(Map.of(
                "beep", Duration.ofMillis(440),
                "queue-thereare", Duration.ofMillis(2260),
                "goodbye", Duration.ofMillis(940),
                "tt-monkeys", Duration.ofMillis(16_000),
                "silence/1", Duration.ofMillis(1000)),
                Duration.ofSeconds(2), Duration.ofMillis(800), Set.of());
    }

    /** How long the sound plays, or empty when Asterisk has no such file. */
    public Optional<Duration> length(String sound) {
        if (missing.contains(sound)) {
            return Optional.empty();
        }
        Duration known = lengths.get(sound);
        if (known != null) {
            return Optional.of(known);
        }
        return Optional.of(sound.startsWith("digits/") ? digitLength : defaultLength);
    }

    public SoundCatalog withSound(String sound, Duration length) {
        Map<String, Duration> copy = new HashMap<>(lengths);
        copy.put(sound, length);
        Set<String> stillMissing = new HashSet<>(missing);
        stillMissing.remove(sound);
        return new SoundCatalog(copy, defaultLength, digitLength, stillMissing);
    }

    public SoundCatalog withMissing(String sound) {
        Set<String> copy = new HashSet<>(missing);
        copy.add(sound);
        return new SoundCatalog(lengths, defaultLength, digitLength, copy);
    }

    public SoundCatalog withDefaultLength(Duration length) {
        return new SoundCatalog(lengths, length, digitLength, missing);
    }

    /** Samples played after {@code playedNanos} of audio: whole 20 ms frames of 160 samples. */
    static long samples(long playedNanos) {
        return playedNanos / 20_000_000L * 160L;
    }
}
