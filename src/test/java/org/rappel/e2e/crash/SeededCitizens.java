package org.rappel.e2e.crash;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Citizens asking for a callback through one channel, the skeleton {@link CallerCrowd} and {@link WebPortal}
 * share: they arrive at seeded exponential gaps until {@link #stopArrivals}; each makes a try (a call, a request)
 * and, when it ended with no promise for a reason worth another go, tries again after a seeded pause, up to
 * {@link #TRIES} times with the same number. The sequence of decisions is the seed's, their timing the machine's.
 *
 * <p>Threads: one scheduler thread owns the random source and starts every try; completions hop back onto it.
 * Figures and promises are read from any thread.
 *
 * @param <R> what a try ends with (a call's transcript, an HTTP response); null when it failed outright
 */
abstract class SeededCitizens<R> implements AutoCloseable {
    static final int TRIES = 3;

    /** What an ended try means. */
    enum Verdict {
        /** Nothing more to do for this citizen (promised, or served otherwise). */
        DONE,
        /** No promise, for a reason worth another try (server down, cut by a crash). */
        TRY_AGAIN,
        /** No promise, and trying again would not help. */
        GIVE_UP
    }

    final Random random;
    final AtomicInteger citizens = new AtomicInteger();
    final AtomicInteger gaveUp = new AtomicInteger();
    final List<Promise> promises = new CopyOnWriteArrayList<>();
    private final IntSupplier run;
    private final Duration meanGap;
    private final ScheduledExecutorService owner;
    private final Map<Integer, AtomicInteger> inFlightByRun = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger retriesPending = new AtomicInteger();
    private volatile boolean arriving;

    /**
     * @param run     the server's current run number (a promise records the run that made it)
     * @param seed    the seed of every decision: gaps between arrivals, pauses before trying again
     * @param meanGap mean time between two new citizens
     */
    SeededCitizens(String threadName, IntSupplier run, long seed, Duration meanGap) {
        this.run = run;
        this.random = new Random(seed);
        this.meanGap = meanGap;
        this.owner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts citizen {@code n}'s try (on the owner thread); the stage completes when it has ended. */
    abstract CompletableFuture<R> tryOnce(int n);

    /** On the owner thread: what citizen {@code n}'s try, made during run {@code madeIn}, ended with. */
    abstract Verdict ended(int n, int madeIn, R result);

    final void start() {
        arriving = true;
        owner.execute(this::arrive);
    }

    final void stopArrivals() {
        arriving = false;
    }

    /** No citizen is trying and none is about to try again. */
    final boolean idle() {
        return !arriving && inFlight.get() == 0 && retriesPending.get() == 0;
    }

    /** Tries still going that reached (or tried to reach) the server's run {@code n}. */
    final int inFlightOfRun(int n) {
        AtomicInteger count = inFlightByRun.get(n);
        return count == null ? 0 : count.get();
    }

    final List<Promise> promises() {
        return List.copyOf(promises);
    }

    @Override
    public final void close() {
        arriving = false;
        owner.shutdownNow();
    }

    private void arrive() {
        if (!arriving) {
            return;
        }
        attempt(citizens.getAndIncrement(), 1);
        long gap = Math.round(-Math.log(1 - random.nextDouble()) * meanGap.toMillis());
        owner.schedule(this::arrive, gap, TimeUnit.MILLISECONDS);
    }

    private void attempt(int n, int attempt) {
        int madeIn = run.getAsInt();
        AtomicInteger ofRun = inFlightByRun.computeIfAbsent(madeIn, r -> new AtomicInteger());
        ofRun.incrementAndGet();
        inFlight.incrementAndGet();
        tryOnce(n).handle((result, error) -> result).thenAcceptAsync(result -> {
            try {
                Verdict verdict = ended(n, madeIn, result);
                if (verdict == Verdict.GIVE_UP || (verdict == Verdict.TRY_AGAIN && attempt >= TRIES)) {
                    gaveUp.incrementAndGet();
                } else if (verdict == Verdict.TRY_AGAIN) {
                    retriesPending.incrementAndGet();
                    owner.schedule(() -> {
                        retriesPending.decrementAndGet();
                        attempt(n, attempt + 1);
                    }, 300 + random.nextInt(1200), TimeUnit.MILLISECONDS);
                }
            } finally {
                ofRun.decrementAndGet();
                inFlight.decrementAndGet();
            }
        }, owner);
    }
}
