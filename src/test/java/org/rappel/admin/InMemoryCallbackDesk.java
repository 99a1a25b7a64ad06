package org.rappel.admin;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.rappel.callback.CallbackAsk;
import org.rappel.callback.CallbackDesk;
import org.rappel.callback.CallbackNumberPolicy;
import org.rappel.callback.CallbackRateLimiter;
import org.rappel.callback.CallbackRefusal;
import org.rappel.callback.CallbackReply;
import org.rappel.callback.CallbackSlot;
import org.rappel.callback.NumberCheck;
import org.rappel.callback.NumberingPlanSettings;
import org.rappel.callback.OfferReason;
import org.rappel.callback.RateDecision;
import org.rappel.callback.RateLimitSettings;
import org.rappel.store.AttemptOutcome;
import org.rappel.store.CallbackAttempt;
import org.rappel.store.CallbackRequest;
import org.rappel.store.CallbackState;

/**
 * A callback office held in memory, following {@link CallbackDesk}'s contract, for the API's tests while the real
 * office is written: the real numbering plan ({@link CallbackNumberPolicy}) and rate limiter, one active callback
 * per number and service (a second request updates), slots from a fixed plan with capacity, and futures completed
 * on its own worker thread as the real office does. {@link #failStore} makes every request end
 * {@link CallbackRefusal#UNAVAILABLE}, as a store outage would.
 */
final class InMemoryCallbackDesk implements CallbackDesk, AutoCloseable {
    /** Window of a service's bookable slots: start, length, capacity, every day from {@code firstDay}. */
    record SlotPlan(int startHourUtc, int slots, Duration length, int capacity) {
    }

    private final Map<String, SlotPlan> services;
    private final Clock clock;
    private final CallbackNumberPolicy numbers;
    private final CallbackRateLimiter rateLimiter;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "test-office");
        thread.setDaemon(true);
        return thread;
    });
    /** Touched on {@link #worker} only. */
    private final Map<UUID, CallbackRequest> callbacks = new LinkedHashMap<>();
    private final Map<UUID, List<CallbackAttempt>> attempts = new LinkedHashMap<>();
    final AtomicBoolean failStore = new AtomicBoolean();

    InMemoryCallbackDesk(Map<String, SlotPlan> services, Clock clock, RateLimitSettings limits,
                         MeterRegistry registry) {
        this.services = Map.copyOf(services);
        this.clock = clock;
        this.numbers = new CallbackNumberPolicy(NumberingPlanSettings.france(), registry);
        this.rateLimiter = new CallbackRateLimiter(limits, clock, registry);
    }

    @Override
    public OfferReason offerReason(String service, Optional<Duration> estimatedWait, Instant now) {
        return OfferReason.NONE;
    }

    @Override
    public NumberCheck checkNumber(String given) {
        return numbers.check(given);
    }

    @Override
    public CompletableFuture<CallbackReply> request(CallbackAsk ask) {
        return onWorker(() -> decide(ask));
    }

    private CallbackReply decide(CallbackAsk ask) {
        if (!services.containsKey(ask.service())) {
            return CallbackReply.Refused.of(CallbackRefusal.UNKNOWN_SERVICE, "no service " + ask.service());
        }
        NumberCheck check = numbers.check(ask.givenNumber());
        if (check instanceof NumberCheck.Refused refused) {
            return new CallbackReply.Refused(CallbackRefusal.NUMBER, "this number cannot be called back",
                    Optional.of(refused.reason()), Optional.empty());
        }
        String e164 = ((NumberCheck.Accepted) check).e164();
        if (ask.slot().isPresent()) {
            Instant start = ask.slot().get();
            if (start.isBefore(clock.instant())) {
                return CallbackReply.Refused.of(CallbackRefusal.SLOT_NOT_BOOKABLE, "this slot is in the past");
            }
            Optional<CallbackSlot> slot = slotsOn(ask.service(), LocalDate.ofInstant(start, ZoneOffset.UTC), 1)
                    .stream().filter(s -> s.start().equals(start)).findFirst();
            if (slot.isEmpty()) {
                return CallbackReply.Refused.of(CallbackRefusal.SLOT_OUTSIDE_HOURS,
                        "no slot starts at " + start + " for " + ask.service());
            }
            if (slot.get().isFull()) {
                return CallbackReply.Refused.of(CallbackRefusal.SLOT_FULL, "this slot is full");
            }
        }
        if (rateLimiter.tryAcquire(e164, ask.callingLine()) instanceof RateDecision.Limited limited) {
            return new CallbackReply.Refused(CallbackRefusal.RATE_LIMITED, "too many callback requests",
                    Optional.empty(), Optional.of(limited.retryAfter()));
        }
        if (failStore.get()) {
            return CallbackReply.Refused.of(CallbackRefusal.UNAVAILABLE, "the request could not be saved");
        }
        Optional<CallbackRequest> active = callbacks.values().stream()
                .filter(c -> c.state().isActive() && c.number().equals(e164) && c.service().equals(ask.service()))
                .findFirst();
        UUID id = active.map(CallbackRequest::id).orElseGet(UUID::randomUUID);
        Instant now = clock.instant();
        CallbackRequest stored = new CallbackRequest(id, ask.service(), e164, ask.callingLine(),
                ask.virtualArrival().orElse(now), ask.priority(), ask.language(), ask.ivrContext(), ask.origin(),
                ask.slot(), CallbackState.PENDING, 0, ask.slot().orElse(now), Optional.empty(), Optional.empty());
        callbacks.put(id, stored);
        return new CallbackReply.Confirmed(stored, active.isPresent(),
                ask.slot().isPresent() ? Optional.empty() : Optional.of(Duration.ofMinutes(12)), ask.slot());
    }

    /** A failed attempt, as the dialer would record it, so the API has attempts to show. */
    void recordFailedAttempt(UUID id, AttemptOutcome outcome) {
        onWorker(() -> {
            CallbackRequest c = callbacks.get(id);
            List<CallbackAttempt> list = attempts.computeIfAbsent(id, k -> new ArrayList<>());
            list.add(new CallbackAttempt(id, list.size() + 1, clock.instant(), clock.instant(), outcome, "17"));
            callbacks.put(id, new CallbackRequest(c.id(), c.service(), c.number(), c.callingLine(),
                    c.virtualArrival(), c.priority(), c.language(), c.ivrContext(), c.origin(), c.requestedSlot(),
                    c.state(), list.size(), c.nextAttemptAt(), c.claimedBy(), c.leaseUntil()));
            return null;
        }).join();
    }

    @Override
    public CompletableFuture<Optional<CallbackRequest>> find(UUID id) {
        return onWorker(() -> Optional.ofNullable(callbacks.get(id)));
    }

    @Override
    public CompletableFuture<List<CallbackAttempt>> attempts(UUID id) {
        return onWorker(() -> List.copyOf(attempts.getOrDefault(id, List.of())));
    }

    @Override
    public CompletableFuture<Optional<CallbackRequest>> cancel(UUID id) {
        return onWorker(() -> {
            CallbackRequest c = callbacks.get(id);
            if (c == null || !c.state().isActive()) {
                return Optional.empty();
            }
            CallbackRequest cancelled = new CallbackRequest(c.id(), c.service(), c.number(), c.callingLine(),
                    c.virtualArrival(), c.priority(), c.language(), c.ivrContext(), c.origin(), c.requestedSlot(),
                    CallbackState.CANCELLED, c.attempts(), c.nextAttemptAt(), Optional.empty(), Optional.empty());
            callbacks.put(id, cancelled);
            return Optional.of(cancelled);
        });
    }

    @Override
    public CompletableFuture<List<CallbackRequest>> activeFor(String e164) {
        return onWorker(() -> callbacks.values().stream()
                .filter(c -> c.state().isActive() && c.number().equals(e164)).toList());
    }

    @Override
    public CompletableFuture<List<CallbackSlot>> slots(String service, LocalDate from, int days) {
        return onWorker(() -> {
            if (!services.containsKey(service)) {
                throw new IllegalArgumentException("unknown service: " + service);
            }
            return slotsOn(service, from, days);
        });
    }

    private List<CallbackSlot> slotsOn(String service, LocalDate from, int days) {
        SlotPlan plan = services.get(service);
        List<CallbackSlot> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            Instant dayStart = from.plusDays(d).atStartOfDay(ZoneOffset.UTC).toInstant()
                    .plus(Duration.ofHours(plan.startHourUtc()));
            for (int i = 0; i < plan.slots(); i++) {
                Instant start = dayStart.plus(plan.length().multipliedBy(i));
                int booked = (int) callbacks.values().stream()
                        .filter(c -> c.state().isActive() && c.service().equals(service)
                                && c.requestedSlot().equals(Optional.of(start)))
                        .count();
                out.add(new CallbackSlot(service, start, start.plus(plan.length()), plan.capacity(), booked));
            }
        }
        return out;
    }

    private <T> CompletableFuture<T> onWorker(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, worker);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
