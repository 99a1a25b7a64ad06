package org.rappel.sim.agi;

import java.util.List;
import java.util.function.Consumer;

/**
 * Sounds played to the caller one after another, as {@code ast_waitstream_full} plays them: a key among the
 * stop keys ends the prompt, other keys are ignored; the caller's hang-up ends it; a newer command from the
 * server ends it too (Asterisk watches the socket while it plays). A missing sound ends it at once. Times
 * are scaled by the simulator's time scale; positions are in unscaled samples (8 kHz, whole 20 ms frames).
 *
 * <p>Owned by the call's thread.
 */
public final class Prompt implements CommandInFlight {

    public enum Kind {
        COMPLETED,
        KEY,
        HANGUP,
        NEW_COMMAND,
        MISSING
    }

    /**
     * @param key    the key that stopped it ({@code 0} otherwise)
     * @param endpos the sample position reached in the last sound (its length when it completed)
     * @param sound  the last sound played or tried
     */
    public record End(Kind kind, char key, long endpos, String sound) {
    }

    private static final long NANOS_PER_SAMPLE = 125_000L;

    private final SimulatedCall call;
    private final List<String> sounds;
    private final String stopKeys;
    private final Consumer<End> done;
    private long offsetNanos;
    private int index = -1;
    private String current;
    private long currentStartedAt;
    private long currentAudioNanos;
    private CallIo.Timer timer;
    private boolean over;

    Prompt(SimulatedCall call, List<String> sounds, String stopKeys, long offsetSamples, Consumer<End> done) {
        this.call = call;
        this.sounds = List.copyOf(sounds);
        this.stopKeys = stopKeys;
        this.offsetNanos = Math.max(0, offsetSamples) * NANOS_PER_SAMPLE;
        this.done = done;
    }

    void start() {
        playNext();
    }

    private void playNext() {
        index++;
        if (index >= sounds.size()) {
            long endpos = current == null ? 0 : SoundCatalog.samples(currentAudioNanos);
            end(new End(Kind.COMPLETED, (char) 0, endpos, current == null ? "" : current));
            return;
        }
        current = sounds.get(index);
        var length = call.settings().sounds().length(current);
        if (length.isEmpty()) {
            end(new End(Kind.MISSING, (char) 0, 0, current));
            return;
        }
        currentAudioNanos = length.get().toNanos();
        long remainingAudio = Math.max(0, currentAudioNanos - offsetNanos);
        currentStartedAt = call.now();
        long scaled = call.settings().scaledNanos(java.time.Duration.ofNanos(remainingAudio));
        call.soundStarted(current, scaled);
        if (over) {
            return; // the caller hung up at the very start of the sound
        }
        timer = call.schedule(scaled, () -> {
            if (!over) {
                call.soundHeard(new CallTranscript.SoundHeard(current, currentStartedAt, remainingAudio,
                        CallTranscript.SoundEnd.COMPLETED));
                offsetNanos = 0;
                playNext();
            }
        });
    }

    /** Audio position in the current sound now, in samples. */
    private long position() {
        long elapsed = call.now() - currentStartedAt;
        long audio = Math.round(elapsed / call.settings().timeScale());
        return SoundCatalog.samples(Math.min(currentAudioNanos, offsetNanos + audio));
    }

    private void stopCurrent(CallTranscript.SoundEnd why) {
        if (timer != null) {
            timer.cancel();
        }
        long elapsed = call.now() - currentStartedAt;
        call.soundHeard(new CallTranscript.SoundHeard(current, currentStartedAt,
                Math.round(elapsed / call.settings().timeScale()), why));
    }

    private void end(End end) {
        over = true;
        done.accept(end);
    }

    @Override
    public boolean onKey(char key) {
        if (over || current == null || stopKeys.indexOf(key) < 0) {
            return false;
        }
        long endpos = position();
        stopCurrent(CallTranscript.SoundEnd.KEY);
        end(new End(Kind.KEY, key, endpos, current));
        return true;
    }

    @Override
    public void onHangup() {
        if (over) {
            return;
        }
        long endpos = current == null ? 0 : position();
        if (current != null) {
            stopCurrent(CallTranscript.SoundEnd.HANGUP);
        }
        end(new End(Kind.HANGUP, (char) 0, endpos, current == null ? "" : current));
    }

    @Override
    public boolean onNewCommand() {
        if (over) {
            return false;
        }
        long endpos = current == null ? 0 : position();
        if (current != null) {
            stopCurrent(CallTranscript.SoundEnd.NEW_COMMAND);
        }
        end(new End(Kind.NEW_COMMAND, (char) 0, endpos, current == null ? "" : current));
        return true;
    }

    boolean isOver() {
        return over;
    }
}
