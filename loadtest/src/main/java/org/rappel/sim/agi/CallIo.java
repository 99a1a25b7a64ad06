package org.rappel.sim.agi;

/**
 * What a simulated call needs from its connection: a clock, writes, timers, closing. Every method is called
 * on, and every timer runs on, the one thread that owns the call (its Netty event loop).
 */
public interface CallIo {

    long nanoTime();

    /** Writes and flushes {@code text} as is (the caller adds the {@code \n}). */
    void write(String text);

    /** Asterisk closing its end (only with AGIEXITONHANGUP=yes). */
    void close();

    /** Runs {@code task} on the owning thread soon; unlike the other methods, callable from any thread. */
    void execute(Runnable task);

    /** Runs {@code task} on the owning thread after {@code delayNanos}. */
    Timer schedule(long delayNanos, Runnable task);

    /** A scheduled task that can be called off. */
    interface Timer {
        void cancel();
    }
}
