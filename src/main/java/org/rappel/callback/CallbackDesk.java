package org.rappel.callback;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.rappel.store.CallbackAttempt;
import org.rappel.store.CallbackRequest;

/**
 * The callback office as the channels see it: the IVR (a caller on hold or entering a queue), the web portal
 * (REST), and the supervisors. Every channel asks through here, so the same rules hold whatever the door: the
 * numbering plan, the rate limits, one active callback per number and service, opening hours and slot capacity.
 *
 * <p>Promise: a {@link CallbackReply.Confirmed} completes only after the request is durably stored and has taken
 * its place in the service's line. The IVR plays its confirmation sound ({@code rappel/callback-confirmed}) only
 * then, never before.
 *
 * <p>Threads: any; nothing blocks the caller. Futures complete on the office's own worker threads: continue on
 * your executor with an {@code ...Async} stage.
 */
public interface CallbackDesk {

    /** Whether to offer a callback to a caller entering {@code service}, given the wait we would announce. */
    OfferReason offerReason(String service, Optional<Duration> estimatedWait, Instant now);

    /**
     * Switches a service to surge mode (every caller entering it is offered a callback) or back; false, and nothing
     * changed, for a service the office does not know. Supervisors switch it during a peak.
     */
    boolean setSurge(String service, boolean on);

    /** Whether the service is in surge mode. */
    boolean inSurge(String service);

    /** The numbering-plan verdict on a number as the caller gave it (keys or caller id); cheap, any thread. */
    NumberCheck checkNumber(String given);

    /**
     * Validates, rate-limits, stores durably, and puts the callback in its service's line (at once, or at its slot).
     * A refusal changes nothing. Never fails exceptionally for a citizen's mistake: a store outage completes with
     * {@link CallbackRefusal#UNAVAILABLE}.
     */
    CompletableFuture<CallbackReply> request(CallbackAsk ask);

    CompletableFuture<Optional<CallbackRequest>> find(UUID id);

    /** Every attempt made for a callback, oldest first. */
    CompletableFuture<List<CallbackAttempt>> attempts(UUID id);

    /** Cancels an active callback (citizen or supervisor); empty when there was none active with this id. */
    CompletableFuture<Optional<CallbackRequest>> cancel(UUID id);

    /** The active callbacks (pending, claimed, dialing) of this E.164 number, for the cancel menu on a new call. */
    CompletableFuture<List<CallbackRequest>> activeFor(String e164);

    /**
     * The bookable slots of a service from day {@code from} (the service's time zone) for {@code days} days: each
     * window inside the service's opening hours, with its capacity and how many callbacks already hold it.
     * Completes exceptionally with {@link IllegalArgumentException} for an unknown service.
     */
    CompletableFuture<List<CallbackSlot>> slots(String service, LocalDate from, int days);
}
