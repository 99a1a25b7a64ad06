/**
 * Estimated wait time (EWT) for contacts waiting in a service's line, and the server's own record of how
 * accurate its announcements are.
 *
 * <h2>Use from the queue</h2>
 * The queue's owner thread builds one {@link org.rappel.estimate.WaitTimeEstimation} (every estimator, an
 * {@link org.rappel.estimate.EstimatorChoice} per service, a {@code MeterRegistry}), sends it every
 * {@link org.rappel.estimate.QueueEvent} as it happens, and asks
 * {@code estimate(service, contactId, position, priority, now)} once the contact is in line;
 * {@link org.rappel.estimate.AnnouncementRounding} turns the answer into an
 * {@link org.rappel.estimate.Announcement} for the IVR. Times are always passed in: nothing here reads a clock.
 *
 * <h2>Estimators</h2>
 * All answer zero when a free agent will take the contact (position at most the free agents).
 * <ul>
 *   <li>{@code app_queue}: Asterisk's smoothed hold time, {@code (3 old + wait)/4} per answered call; baseline.</li>
 *   <li>{@code ql}: queue length, Erlang-A: {@code sum_{k<n} 1/(s mu + k theta - lambda_higher)} with recent
 *       handling times, the patience rate of recent exits and overtaking by higher priorities. Default.</li>
 *   <li>{@code ql_plain}: {@code n/(s mu)}, blind to abandonment (exact for M/M/s; over-announces when callers
 *       hang up).</li>
 *   <li>{@code hol}: the elapsed wait of the head of the line; {@code hol_scaled}: {@code n w/(q - 1)}, the
 *       head's wait scaled by the departures still needed (Ibrahim and Whitt's refined HOL).</li>
 *   <li>{@code les}: the wait of the last contact to enter service; {@code les_scaled}: seconds per place in
 *       line of the last few contacts that waited, times the places still to go — follows a growing or
 *       shrinking line at once.</li>
 * </ul>
 * An estimate is {@link org.rappel.estimate.Reliability#RELIABLE} only with agents logged in and at least
 * five answered (or, for QL, completed) contacts seen in the service.
 *
 * <h2>Accuracy</h2>
 * For every answered contact, each estimator's first announced figure is scored against the actual wait:
 * gauges {@code rappel_estimate_rase{service,estimator}} (root mean squared error over mean actual wait),
 * {@code rappel_estimate_mae_seconds}, {@code rappel_estimate_bias_seconds} and the counter
 * {@code rappel_estimate_scored_total}.
 *
 * <h2>Offline</h2>
 * {@code rappel ewt-replay --trace FILE.csv [--json]} ({@link org.rappel.estimate.replay.EwtReplayCommand})
 * replays a recorded day through every estimator and prints the same figures; see
 * {@link org.rappel.estimate.replay.TraceParser} for the format and
 * {@code replay.StaffingInference} for how staffing is guessed from a trace.
 */
package org.rappel.estimate;
