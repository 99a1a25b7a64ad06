package org.rappel.estimate;

/**
 * Running sums of one estimator's errors on one service. {@link #add} is called by one owner thread; the
 * summary is republished after each add through a volatile field, so a metrics scrape on another thread
 * reads a consistent set of figures.
 */
final class AccuracyTally {

    private final String service;
    private final String estimator;
    private long count;
    private double sumError;
    private double sumAbsoluteError;
    private double sumSquaredError;
    private double sumActual;
    private volatile AccuracySummary summary;

    AccuracyTally(String service, String estimator) {
        this.service = service;
        this.estimator = estimator;
        this.summary = new AccuracySummary(service, estimator, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    void add(double announcedSeconds, double actualSeconds) {
        double error = announcedSeconds - actualSeconds;
        count++;
        sumError += error;
        sumAbsoluteError += Math.abs(error);
        sumSquaredError += error * error;
        sumActual += actualSeconds;
        double meanActual = sumActual / count;
        double rootMeanSquare = Math.sqrt(sumSquaredError / count);
        double rase = meanActual > 0 ? rootMeanSquare / meanActual : Double.NaN;
        summary = new AccuracySummary(service, estimator, count, rase, sumAbsoluteError / count,
                sumError / count, meanActual);
    }

    AccuracySummary summary() {
        return summary;
    }
}
