package org.rappel.estimate;

/**
 * How well one estimator has done on one service: over {@code scored} answered contacts, the announced wait
 * (the estimate when the contact joined) against the wait it really had.
 *
 * @param rase                     root of the mean squared error divided by the mean actual wait; NaN while
 *                                 every actual wait was zero
 * @param meanAbsoluteErrorSeconds mean of |announced - actual|
 * @param biasSeconds              mean of (announced - actual): positive when the estimator over-announces
 * @param meanActualSeconds        mean actual wait of the scored contacts
 */
public record AccuracySummary(String service, String estimator, long scored, double rase,
                              double meanAbsoluteErrorSeconds, double biasSeconds, double meanActualSeconds) {
}
