package org.rappel.flow;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.rappel.callback.CallbackAsk;
import org.rappel.callback.CallbackDesk;
import org.rappel.callback.CallbackNumberPolicy;
import org.rappel.callback.CallbackRefusal;
import org.rappel.callback.CallbackReply;
import org.rappel.callback.CallbackSlot;
import org.rappel.callback.NumberCheck;
import org.rappel.callback.NumberingPlanSettings;
import org.rappel.callback.OfferReason;
import org.rappel.store.CallbackAttempt;
import org.rappel.store.CallbackRequest;
import org.rappel.store.CallbackState;

/**
 * A callback office in memory for the IVR's tests, keeping {@link CallbackDesk}'s promise: a {@code Confirmed}
 * completes only after the request is "saved" (in {@link #saved}). Numbers are checked by the real
 * {@link CallbackNumberPolicy} (France), unless a test overrides the verdict for one input. By default a request
 * waits ({@link #pendingRequests()}) until the test saves and confirms it ({@link #confirmNext}), refuses it, or
 * fails it: so a test sees what the caller hears before and after the office answers. One test thread.
 */
final class InMemoryCallbackDesk implements CallbackDesk {

    private record Pending(CallbackAsk ask, CompletableFuture<CallbackReply> reply) {
    }

    private final CallbackNumberPolicy policy = new CallbackNumberPolicy(NumberingPlanSettings.france(),
            new SimpleMeterRegistry());
    private final Map<String, NumberCheck> verdicts = new HashMap<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    /** Every request asked, in order, answered or not. */
    final List<CallbackAsk> asked = new ArrayList<>();
    /** Stored callbacks, by id order of saving. */
    final List<CallbackRequest> saved = new ArrayList<>();
    final List<UUID> cancelled = new ArrayList<>();
    OfferReason offerReason = OfferReason.NONE;
    final List<Optional<Duration>> offerWaitsAsked = new ArrayList<>();
    /** When set, {@link #activeFor} and {@link #cancel} fail with it (a store outage). */
    RuntimeException outage;

    /** The verdict on {@code given}, instead of the numbering plan's. */
    void verdict(String given, NumberCheck check) {
        verdicts.put(given, check);
    }

    @Override
    public OfferReason offerReason(String service, Optional<Duration> estimatedWait, Instant now) {
        offerWaitsAsked.add(estimatedWait);
        return offerReason;
    }

    @Override
    public NumberCheck checkNumber(String given) {
        NumberCheck override = verdicts.get(given);
        return override != null ? override : policy.check(given);
    }

    @Override
    public CompletableFuture<CallbackReply> request(CallbackAsk ask) {
        asked.add(ask);
        CompletableFuture<CallbackReply> reply = new CompletableFuture<>();
        pending.add(new Pending(ask, reply));
        return reply;
    }

    int pendingRequests() {
        return pending.size();
    }

    /** Saves the oldest pending request, then confirms it with the given wait and slot. */
    CallbackRequest confirmNext(Optional<Duration> expectedWait, Optional<Instant> scheduledFor) {
        Pending next = pending.remove();
        CallbackAsk ask = next.ask();
        NumberCheck check = checkNumber(ask.givenNumber());
        if (!(check instanceof NumberCheck.Accepted accepted)) {
            throw new IllegalStateException("the IVR asked with a number the plan refuses");
        }
        Instant arrival = ask.virtualArrival().orElseThrow();
        CallbackRequest stored = new CallbackRequest(UUID.randomUUID(), ask.service(), accepted.e164(),
                ask.callingLine(), arrival, ask.priority(), ask.language(), ask.ivrContext(), ask.origin(),
                ask.slot(), CallbackState.PENDING, 0, scheduledFor.orElse(arrival), Optional.empty(),
                Optional.empty());
        saved.add(stored); // saved first: only then confirmed
        next.reply().complete(new CallbackReply.Confirmed(stored, false, expectedWait, scheduledFor));
        return stored;
    }

    void refuseNext(CallbackReply.Refused refusal) {
        pending.remove().reply().complete(refusal);
    }

    void refuseNext(CallbackRefusal reason) {
        refuseNext(CallbackReply.Refused.of(reason, "refused by the test"));
    }

    void failNext(Throwable error) {
        pending.remove().reply().completeExceptionally(error);
    }

    /** A callback already stored for {@code e164}, as if asked on an earlier call. */
    CallbackRequest store(String e164, String service) {
        Instant at = Instant.parse("2026-11-26T07:00:00Z");
        CallbackRequest stored = new CallbackRequest(UUID.randomUUID(), service, e164, e164, at, 0, "fr", Map.of(),
                org.rappel.store.ChannelOrigin.PHONE, Optional.empty(), CallbackState.PENDING, 0, at,
                Optional.empty(), Optional.empty());
        saved.add(stored);
        return stored;
    }

    @Override
    public CompletableFuture<Optional<CallbackRequest>> find(UUID id) {
        return CompletableFuture.completedFuture(saved.stream().filter(c -> c.id().equals(id)).findFirst());
    }

    @Override
    public CompletableFuture<List<CallbackAttempt>> attempts(UUID id) {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletableFuture<Optional<CallbackRequest>> cancel(UUID id) {
        if (outage != null) {
            return CompletableFuture.failedFuture(outage);
        }
        for (int i = 0; i < saved.size(); i++) {
            CallbackRequest c = saved.get(i);
            if (c.id().equals(id) && c.state().isActive()) {
                CallbackRequest done = new CallbackRequest(c.id(), c.service(), c.number(), c.callingLine(),
                        c.virtualArrival(), c.priority(), c.language(), c.ivrContext(), c.origin(),
                        c.requestedSlot(), CallbackState.CANCELLED, c.attempts(), c.nextAttemptAt(),
                        Optional.empty(), Optional.empty());
                saved.set(i, done);
                cancelled.add(id);
                return CompletableFuture.completedFuture(Optional.of(done));
            }
        }
        return CompletableFuture.completedFuture(Optional.empty());
    }

    @Override
    public CompletableFuture<List<CallbackRequest>> activeFor(String e164) {
        if (outage != null) {
            return CompletableFuture.failedFuture(outage);
        }
        return CompletableFuture.completedFuture(saved.stream()
                .filter(c -> c.number().equals(e164) && c.state().isActive()).toList());
    }

    @Override
    public CompletableFuture<List<CallbackSlot>> slots(String service, LocalDate from, int days) {
        return CompletableFuture.completedFuture(List.of());
    }
}
