package org.rappel.e2e.crash;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.rappel.sim.agi.AgiSimulator;
import org.rappel.sim.agi.CallTranscript;
import org.rappel.sim.agi.CallerInput;
import org.rappel.sim.agi.CallerScript;

/**
 * Citizens calling the hotline and asking to be called back, through the simulated Asterisk: each has their own
 * number ({@code +3361…}, caller id), chooses French (1) and family benefits (1), and presses 1 at every input
 * after that: the callback key while holding (or the offer on entering the queue), then "1, confirm" after the
 * number is read back. A call on which the server sent {@code rappel/callback-confirmed} is a {@link Promise}. A
 * citizen whose call ended with no promise and no agent (server down, call cut by a crash) calls again, up to
 * {@link #TRIES} times, with the same number: a second request must update the first, never double it.
 *
 * <p>Arrivals, tries and threads: {@link SeededCitizens} (thread {@code caller-crowd}).
 */
final class CallerCrowd extends SeededCitizens<CallTranscript> {
    static final String CONFIRMED_SOUND = "rappel/callback-confirmed";
    static final String SERVICE = "prestations";

    private final AgiSimulator simulator;
    private final InetSocketAddress agi;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger servedLive = new AtomicInteger();
    private final List<String> samples = new CopyOnWriteArrayList<>();

    /** See {@link SeededCitizens#SeededCitizens} for {@code run}, {@code seed} and {@code meanGap}. */
    CallerCrowd(AgiSimulator simulator, InetSocketAddress agi, IntSupplier run, long seed, Duration meanGap) {
        super("caller-crowd", run, seed, meanGap);
        this.simulator = simulator;
        this.agi = agi;
    }

    /** The E.164 number of the {@code n}th citizen (0-based): a French mobile, distinct for each. */
    static String number(int n) {
        return "+3361" + String.format("%07d", n);
    }

    @Override
    CompletableFuture<CallTranscript> tryOnce(int n) {
        calls.incrementAndGet();
        return simulator.call(agi, script(number(n)));
    }

    private static CallerScript script(String number) {
        CallerScript.Builder b = CallerScript.builder().script("hotline").language("fr").callerId(number)
                .hangUpAfter(Duration.ofMinutes(10)); // a safety net, scaled: a stuck call ends anyway
        for (int i = 0; i < 16; i++) {
            b.input(CallerInput.keys("1"));
        }
        return b.build();
    }

    @Override
    Verdict ended(int n, int madeIn, CallTranscript transcript) {
        if (transcript == null) {
            return Verdict.DONE;
        }
        boolean promised = transcript.commands().stream().anyMatch(c -> c.contains(CONFIRMED_SOUND));
        if (promised) {
            promises.add(new Promise(number(n), SERVICE, Optional.empty(), "phone", madeIn));
            if (samples.size() < 2) {
                samples.add(transcript.toString());
            }
            return Verdict.DONE;
        }
        if (transcript.outcome().map(o -> o.connectFailed()).orElse(false)) {
            refused.incrementAndGet();
        }
        if (transcript.dials().stream().anyMatch(d -> d.status().equals("ANSWER"))) {
            servedLive.incrementAndGet();
            return Verdict.DONE;
        }
        return Verdict.TRY_AGAIN;
    }

    /** Figures for the report. */
    String figures() {
        return "citizens " + citizens.get() + ", calls " + calls.get() + " (refused while down " + refused.get()
                + "), promises "
                + promises.size() + ", served live " + servedLive.get() + ", gave up " + gaveUp.get();
    }

    /** One or two transcripts of confirmed calls, to show what the dialog looked like. */
    List<String> sampleTranscripts() {
        return List.copyOf(samples);
    }
}
