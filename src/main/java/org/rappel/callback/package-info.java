/**
 * Callback requests before they are stored: {@link org.rappel.callback.CallbackNumberPolicy} decides whether a
 * number may be called back (national numbering plan, {@link org.rappel.callback.NumberingPlanSettings} for the
 * defaults), {@link org.rappel.callback.CallbackRateLimiter} stops callback flooding per number and per calling
 * line. Typical order for a request: policy check, rate limit, then {@code CallbackStore.save}, and only then
 * "confirmed" to the citizen.
 *
 * <p>{@link org.rappel.callback.CallingHours} says when citizens may be called (weekly windows, closed dates,
 * {@link org.rappel.callback.PublicHolidays}); {@link org.rappel.callback.WebhookNotifier} tells them about their
 * callback through an HTTP gateway (SMS), best effort and never in the way of the callback itself.
 *
 * <p>Meters: {@code rappel_callback_refused_total{reason}}, {@code rappel_callback_rate_limited_total{scope}},
 * {@code rappel_callback_notifications_total{kind,result}}, {@code rappel_callback_notification_delivery_seconds},
 * {@code rappel_callback_notifications_held}.
 */
package org.rappel.callback;
