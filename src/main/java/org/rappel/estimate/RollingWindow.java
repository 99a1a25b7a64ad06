package org.rappel.estimate;

/**
 * The last {@code capacity} values of a series, with their sum, so that recent behaviour wins over the
 * morning's. A fixed ring: no allocation per value.
 *
 * <p>Threading: owned by the estimator's owner thread.
 */
final class RollingWindow {

    private final double[] values;
    private int next;
    private int size;
    private double sum;

    RollingWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity < 1: " + capacity);
        }
        values = new double[capacity];
    }

    void add(double value) {
        if (size == values.length) {
            sum -= values[next];
        } else {
            size++;
        }
        values[next] = value;
        sum += value;
        next = (next + 1) % values.length;
        // Re-add from scratch now and then so rounding drift of the running sum cannot accumulate.
        if (next == 0) {
            double exact = 0;
            for (int i = 0; i < size; i++) {
                exact += values[i];
            }
            sum = exact;
        }
    }

    int size() {
        return size;
    }

    double sum() {
        return sum;
    }

    double mean() {
        return size == 0 ? Double.NaN : sum / size;
    }
}
