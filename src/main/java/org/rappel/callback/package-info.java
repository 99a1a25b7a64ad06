/**
 * Callback requests before they are stored: {@link org.rappel.callback.CallbackNumberPolicy} decides whether a
 * number may be called back (national numbering plan, {@link org.rappel.callback.NumberingPlanSettings} for the
 * defaults), {@link org.rappel.callback.CallbackRateLimiter} stops callback flooding per number and per calling
 * line. Typical order for a request: policy check, rate limit, then {@code CallbackStore.save}, and only then
 * "confirmed" to the citizen.
 *
 * <p>Meters: {@code rappel_callback_refused_total{reason}}, {@code rappel_callback_rate_limited_total{scope}}.
 */
package org.rappel.callback;
