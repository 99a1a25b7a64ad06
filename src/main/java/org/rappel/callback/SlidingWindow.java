package org.rappel.callback;

/**
 * The times of the last requests of one key, at most {@code max}, oldest first (a ring). A request is allowed
 * when fewer than {@code max} of them fall within the window ending now.
 *
 * <p>Not thread-safe: only touched inside the cache's atomic {@code compute} for its key.
 */
final class SlidingWindow {
    private final long[] times;
    private int head;
    private int size;

    SlidingWindow(int max) {
        this.times = new long[max];
    }

    /**
     * Counts a request at {@code now} if the window has room. Returns 0 when counted, otherwise the milliseconds
     * until the oldest request leaves the window.
     */
    long tryAcquire(long now, long windowMillis) {
        while (size > 0 && times[head] <= now - windowMillis) {
            head = (head + 1) % times.length;
            size--;
        }
        if (size == times.length) {
            return Math.max(1, times[head] + windowMillis - now);
        }
        times[(head + size) % times.length] = now;
        size++;
        return 0;
    }

    /** Takes back the latest counted request (its other limit refused the request). */
    void undoLatest() {
        if (size > 0) {
            size--;
        }
    }
}
