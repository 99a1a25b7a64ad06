package org.rappel.e2e.crash;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * <p>Arrivals come at seeded exponential gaps until {@link #stopArrivals}; the sequence of decisions is the
 * seed's, their timing is the machine's.
 *
 * <p>Threads: one scheduler thread, {@code caller-crowd}, owns the random source and places every call; call
 * completions hop back onto it. Figures and promises are read from any thread.
 */
final class CallerCrowd implements AutoCloseable {
    static final String CONFIRMED_SOUND = "rappel/callback-confirmed";
    static final String SERVICE = "prestations";
    static final int TRIES = 3;

    private final AgiSimulator simulator;
    private final InetSocketAddress agi;
    private final IntSupplier run;
    private final Random random;
    private final Duration meanGap;
    private final ScheduledExecutorService owner = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "caller-crowd");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Promise> promises = new CopyOnWriteArrayList<>();
    private final Map<Integer, AtomicInteger> inFlightByRun = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger retriesPending = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger servedLive = new AtomicInteger();
    private final AtomicInteger gaveUp = new AtomicInteger();
    private final List<String> samples = new CopyOnWriteArrayList<>();
    private volatile boolean arriving;
    private final AtomicInteger citizens = new AtomicInteger();

    /**
     * @param run     the server's current run number (a promise records the run that made it)
     * @param seed    the seed of every decision: gaps between arrivals, delays before calling again
     * @param meanGap mean time between two new citizens
     */
    CallerCrowd(AgiSimulator simulator, InetSocketAddress agi, IntSupplier run, long seed, Duration meanGap) {
        this.simulator = simulator;
        this.agi = agi;
        this.run = run;
        this.random = new Random(seed);
        this.meanGap = meanGap;
    }

    /** The E.164 number of the {@code n}th citizen (0-based): a French mobile, distinct for each. */
    static String number(int n) {
        return "+3361" + String.format("%07d", n);
    }

    void start() {
        arriving = true;
        owner.execute(this::arrive);
    }

    void stopArrivals() {
        arriving = false;
    }

    private void arrive() {
        if (!arriving) {
            return;
        }
        call(number(citizens.getAndIncrement()), 1);
        long gap = Math.round(-Math.log(1 - random.nextDouble()) * meanGap.toMillis());
        owner.schedule(this::arrive, gap, TimeUnit.MILLISECONDS);
    }

    private void call(String number, int attempt) {
        int madeIn = run.getAsInt();
        AtomicInteger ofRun = inFlightByRun.computeIfAbsent(madeIn, r -> new AtomicInteger());
        ofRun.incrementAndGet();
        inFlight.incrementAndGet();
        calls.incrementAndGet();
        simulator.call(agi, script(number)).whenCompleteAsync((transcript, error) -> {
            try {
                ended(number, attempt, madeIn, transcript);
            } finally {
                ofRun.decrementAndGet();
                inFlight.decrementAndGet();
            }
        }, owner);
    }

    private static CallerScript script(String number) {
        CallerScript.Builder b = CallerScript.builder().script("hotline").language("fr").callerId(number)
                .hangUpAfter(Duration.ofMinutes(10)); // a safety net, scaled: a stuck call ends anyway
        for (int i = 0; i < 16; i++) {
            b.input(CallerInput.keys("1"));
        }
        return b.build();
    }

    private void ended(String number, int attempt, int madeIn, CallTranscript transcript) {
        if (transcript == null) {
            return;
        }
        boolean promised = transcript.commands().stream().anyMatch(c -> c.contains(CONFIRMED_SOUND));
        if (promised) {
            promises.add(new Promise(number, SERVICE, Optional.empty(), "phone", madeIn));
            if (samples.size() < 2) {
                samples.add(transcript.toString());
            }
            return;
        }
        if (transcript.outcome().map(o -> o.connectFailed()).orElse(false)) {
            refused.incrementAndGet();
        }
        if (transcript.dials().stream().anyMatch(d -> d.status().equals("ANSWER"))) {
            servedLive.incrementAndGet();
            return;
        }
        if (attempt >= TRIES) {
            gaveUp.incrementAndGet();
            return;
        }
        retriesPending.incrementAndGet();
        long delay = 300 + random.nextInt(1200);
        owner.schedule(() -> {
            retriesPending.decrementAndGet();
            call(number, attempt + 1);
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** No citizen is on the phone and none is about to call again. */
    boolean idle() {
        return !arriving && inFlight.get() == 0 && retriesPending.get() == 0;
    }

    /** Calls still up that reached (or tried to reach) the server's run {@code n}. */
    int inFlightOfRun(int n) {
        AtomicInteger count = inFlightByRun.get(n);
        return count == null ? 0 : count.get();
    }

    List<Promise> promises() {
        return new ArrayList<>(promises);
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

    @Override
    public void close() {
        arriving = false;
        owner.shutdownNow();
    }
}
