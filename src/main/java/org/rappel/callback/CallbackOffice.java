package org.rappel.callback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.rappel.ami.OriginateReason;
import org.rappel.flow.QueueDesk;
import org.rappel.queue.Assignment;
import org.rappel.queue.Contact;
import org.rappel.queue.ContactKind;
import org.rappel.queue.OfferOutcome;
import org.rappel.queue.RemovalReason;
import org.rappel.store.AttemptOutcome;
import org.rappel.store.CallbackAttempt;
import org.rappel.store.CallbackRequest;
import org.rappel.store.CallbackState;
import org.rappel.store.CallbackStore;
import org.rappel.store.Disposition;
import org.rappel.store.NewCallback;
import org.rappel.store.NodeId;
import org.rappel.store.PhoneMask;
import org.rappel.store.SaveOutcome;
import org.rappel.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callback office: takes requests from every channel ({@link CallbackDesk}), keeps each promise durable in the
 * {@link CallbackStore}, puts it in its service's line as a {@link ContactKind#CALLBACK} contact keeping the
 * citizen's virtual arrival, and, when the contact center reserves an agent for it, claims it in the store and
 * has the {@link CallbackDialer} call (customer-first or agent-first, per service). The returned call runs
 * {@code AGI(agi://…/callback?id=<id>)}, served by {@link CallbackCall}, which reports back here.
 *
 * <p>Pacing: a callback is dialled only when an agent has been reserved for it, so callbacks go out no faster
 * than agents free up, and in the order of the line they share with the callers on hold.
 *
 * <p>The store is the truth; the line is rebuilt from it. Every {@link OfficeSettings#rescanEvery} the office
 * reads the pending callbacks: those due (first try, a retry whose back-off ended, a slot that began) and not yet
 * in line here enter it; those in line here that are no longer pending (cancelled, or taken by another node
 * sharing the database) leave it. On start, an attempt of unknown outcome is recorded for every callback this node
 * was dialling when it died (its call may have rung or been answered: the retry policy decides, never an
 * immediate redial), its other claims are handed back, then the first rescan fills the lines.
 *
 * <p>Threads: the office's state ({@code tracked}) belongs to {@code office}, a single thread; the store is only
 * called on {@code storeWorker} (it blocks); the queue desk has its own thread. Public methods may be called from
 * any thread and never block.
 */
public final class CallbackOffice implements CallbackDesk, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallbackOffice.class);

    /** Contact ids of callbacks in the contact center: the prefix and the store's id. */
    public static final String CONTACT_PREFIX = "cb-";
    /** Context keys the queue sees; never a phone number. */
    static final String LANGUAGE_KEY = "language";

    /** Where a callback known to this node stands. */
    enum Phase {
        /** In line, waiting for an agent. */
        WAITING,
        /** An agent is reserved: claimed in the store, being dialled. */
        DIALING,
        /** The returned call reached us: {@link CallbackCall} drives it. */
        ON_LINE
    }

    /** A callback in line or in progress on this node. Office thread only. */
    static final class Tracked {
        CallbackRequest callback;
        final ServiceCallbacks service;
        final Instant enteredAt;
        Phase phase = Phase.WAITING;
        Assignment assignment;
        /** Agent-first: when the Originate to the agent went out. */
        Instant agentRangAt;
        /** Customer-first: when the Originate to the citizen went out. */
        Instant dialedAt;
        ScheduledFuture<?> watchdog;
        /** Completed when an agent is reserved while the citizen is on the line (after an agent missed). */
        CompletableFuture<Assignment> nextAgent;

        Tracked(CallbackRequest callback, ServiceCallbacks service, Instant enteredAt) {
            this.callback = callback;
            this.service = service;
            this.enteredAt = enteredAt;
        }

        String contactId() {
            return CONTACT_PREFIX + callback.id();
        }
    }

    /**
     * What the callback script needs when the returned call reaches us.
     *
     * @param callback   the callback
     * @param assignment the agent reserved for it
     * @param mode       who was called first: the channel of the script is the citizen's or the agent's
     * @param citizenDialString agent-first: what the agent's call dials toward the citizen
     * @param hotlineCallerId   agent-first: the caller id the citizen's phone shows (the hotline's, never the
     *                          agent's extension)
     */
    public record Leg(CallbackRequest callback, Assignment assignment, CallbackMode mode, String citizenDialString,
                      String hotlineCallerId) {
    }

    private final CallbackStore store;
    private final QueueDesk desk;
    private final CallbackNumberPolicy numbers;
    private final CallbackRateLimiter limiter;
    private final Optional<CallbackDialer> dialer;
    private final Map<String, ServiceCallbacks> services;
    private final CallbackNotifier notifier;
    private final OfficeSettings settings;
    private final Clock clock;
    private final NodeId node;
    private final ScheduledExecutorService office;
    private final ExecutorService storeWorker;
    private final Map<UUID, Tracked> tracked = new HashMap<>();
    private final Set<String> surge = ConcurrentHashMap.newKeySet();
    private final Object slotBooking = new Object();
    private final Counter confirmed;
    private final Counter refused;
    private volatile int inLine;
    private ScheduledFuture<?> rescanTimer;
    /** The previous run's claims are settled: until then nothing is dialled (they could be this run's calls). */
    private volatile boolean recovered;
    /** Stopping: nothing new is dialled, so no answered call finds the FastAGI port closed. */
    private volatile boolean closing;
    private final AtomicBoolean rescanning = new AtomicBoolean();

    /**
     * @param dialer      empty when no AMI is configured: callbacks are taken and kept, and wait until a node that
     *                    can dial takes them
     * @param office      single-threaded; owns the office's state (not shut down here)
     * @param storeWorker runs the store's blocking calls (not shut down here)
     */
    public CallbackOffice(CallbackStore store, QueueDesk desk, CallbackNumberPolicy numbers,
                          CallbackRateLimiter limiter, Optional<CallbackDialer> dialer, List<ServiceCallbacks> services,
                          CallbackNotifier notifier, OfficeSettings settings, Clock clock, NodeId node,
                          ScheduledExecutorService office, ExecutorService storeWorker, MeterRegistry registry) {
        this.store = Objects.requireNonNull(store, "store");
        this.desk = Objects.requireNonNull(desk, "desk");
        this.numbers = Objects.requireNonNull(numbers, "numbers");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.dialer = Objects.requireNonNull(dialer, "dialer");
        Map<String, ServiceCallbacks> byName = new HashMap<>();
        services.forEach(s -> byName.put(s.service(), s));
        this.services = Map.copyOf(byName);
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.node = Objects.requireNonNull(node, "node");
        this.office = Objects.requireNonNull(office, "office");
        this.storeWorker = Objects.requireNonNull(storeWorker, "storeWorker");
        this.confirmed = Counter.builder("rappel.callback.requests").tag("result", "confirmed")
                .description("Callback requests, by result").register(registry);
        this.refused = Counter.builder("rappel.callback.requests").tag("result", "refused")
                .description("Callback requests, by result").register(registry);
        Gauge.builder("rappel.callback.in.line", () -> inLine)
                .description("Callbacks of this node in a service's line or being dialled").register(registry);
    }

    /**
     * Recovers what a previous run of this node left (dialling claims, other claims), then fills the lines from the
     * store and rescans periodically. The returned future completes when the first rescan is done; a store outage
     * at start is logged and retried by the periodic rescan.
     */
    public CompletableFuture<Void> start() {
        CompletableFuture<Void> recovery = CompletableFuture.runAsync(this::recover, storeWorker)
                .exceptionally(error -> {
                    log.error("callback recovery at start failed; retried at each rescan: {}", error.getMessage());
                    return null;
                });
        CompletableFuture<Void> first = recovery.thenCompose(v -> rescan());
        long period = settings.rescanEvery().toMillis();
        rescanTimer = office.scheduleWithFixedDelay(() -> rescan(), period, period, TimeUnit.MILLISECONDS);
        return first;
    }

    @Override
    public boolean setSurge(String service, boolean on) {
        if (!services.containsKey(service)) {
            return false;
        }
        if (on ? surge.add(service) : surge.remove(service)) {
            log.info("service {}: surge mode {}", service, on ? "on: every caller is offered a callback" : "off");
        }
        return true;
    }

    @Override
    public boolean inSurge(String service) {
        return surge.contains(service);
    }

    // ---- CallbackDesk

    @Override
    public OfferReason offerReason(String service, Optional<Duration> estimatedWait, Instant now) {
        ServiceCallbacks svc = services.get(service);
        if (svc == null) {
            return OfferReason.NONE;
        }
        if (!svc.openingHours().isOpen(now)) {
            return OfferReason.CLOSED;
        }
        if (surge.contains(service)) {
            return OfferReason.SURGE;
        }
        if (estimatedWait.isEmpty() || estimatedWait.get().compareTo(svc.threshold()) > 0) {
            return OfferReason.LONG_WAIT;
        }
        return closesAt(svc.openingHours(), now).filter(close -> now.plus(estimatedWait.get()).isAfter(close))
                .map(close -> OfferReason.LONG_WAIT).orElse(OfferReason.NONE);
    }

    @Override
    public NumberCheck checkNumber(String given) {
        return numbers.check(given);
    }

    @Override
    public CompletableFuture<CallbackReply> request(CallbackAsk ask) {
        ServiceCallbacks svc = services.get(ask.service());
        if (svc == null) {
            return refuse(CallbackReply.Refused.of(CallbackRefusal.UNKNOWN_SERVICE,
                    "unknown service: " + ask.service()));
        }
        NumberCheck check = numbers.check(ask.givenNumber());
        if (check instanceof NumberCheck.Refused r) {
            return refuse(new CallbackReply.Refused(CallbackRefusal.NUMBER,
                    "this number cannot be called back: " + r.reason().code(), Optional.of(r.reason()),
                    Optional.empty()));
        }
        String number = ((NumberCheck.Accepted) check).e164();
        Instant now = clock.instant();
        if (ask.slot().isPresent()) {
            Optional<CallbackReply.Refused> problem = slotProblem(svc, ask.slot().get(), now);
            if (problem.isPresent()) {
                return refuse(problem.get());
            }
            return limited(number, ask).map(this::refuse)
                    .orElseGet(() -> save(svc, ask, number, ask.slot(), now));
        }
        return desk.projectedWait(ask.service(), ask.priority())
                .exceptionally(error -> Optional.empty())
                .thenComposeAsync(wait -> {
                    Optional<CallbackReply.Refused> limit = limited(number, ask);
                    if (limit.isPresent()) {
                        return refuse(limit.get());
                    }
                    Optional<Instant> slot;
                    try {
                        slot = todayOrNextOpening(svc, wait, now);
                    } catch (StoreException e) {
                        log.error("callback request for service {}: slots not readable: {}", svc.service(),
                                e.toString());
                        return refuse(CallbackReply.Refused.of(CallbackRefusal.UNAVAILABLE,
                                "the callback could not be stored; nothing was promised"));
                    }
                    return save(svc, ask, number, slot, now);
                }, storeWorker);
    }

    @Override
    public CompletableFuture<Optional<CallbackRequest>> find(UUID id) {
        return CompletableFuture.supplyAsync(() -> store.find(id), storeWorker);
    }

    @Override
    public CompletableFuture<List<CallbackAttempt>> attempts(UUID id) {
        return CompletableFuture.supplyAsync(() -> store.attempts(id), storeWorker);
    }

    @Override
    public CompletableFuture<Optional<CallbackRequest>> cancel(UUID id) {
        return CompletableFuture.supplyAsync(() -> store.cancel(id), storeWorker).thenApplyAsync(cancelled -> {
            cancelled.ifPresent(c -> {
                Tracked t = tracked.get(c.id());
                if (t != null && t.phase == Phase.WAITING) {
                    forget(t);
                    desk.leave(t.contactId(), RemovalReason.ABANDONED);
                }
                log.info("callback {} to {} cancelled", c.id(), PhoneMask.mask(c.number()));
                notifier.notify(new CallbackNotice(CallbackNotice.Kind.CANCELLED, c, Optional.empty(),
                        clock.instant()));
            });
            return cancelled;
        }, office);
    }

    @Override
    public CompletableFuture<List<CallbackRequest>> activeFor(String e164) {
        return CompletableFuture.supplyAsync(() -> store.activeFor(e164), storeWorker);
    }

    @Override
    public CompletableFuture<List<CallbackSlot>> slots(String service, LocalDate from, int days) {
        ServiceCallbacks svc = services.get(service);
        if (svc == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unknown service: " + service));
        }
        if (days < 1 || days > settings.bookingHorizonDays()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "days must be 1 to " + settings.bookingHorizonDays()));
        }
        Instant now = clock.instant();
        List<Instant> starts = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            starts.addAll(slotStarts(svc, from.plusDays(d)));
        }
        starts.removeIf(start -> !start.plus(svc.slotLength()).isAfter(now));
        if (starts.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        Instant first = starts.get(0);
        Instant last = starts.get(starts.size() - 1).plus(svc.slotLength());
        return CompletableFuture.supplyAsync(() -> store.slotBookings(service, first, last), storeWorker)
                .thenApply(booked -> starts.stream().map(start -> new CallbackSlot(service, start,
                        start.plus(svc.slotLength()), svc.slotCapacity(), booked.getOrDefault(start, 0))).toList());
    }

    // ---- the callback script's side (CallbackCall)

    /**
     * The returned call of callback {@code id} reached us on {@code channel}. Empty when this node has no agent
     * reserved for it (unknown id, cancelled, another node's, or a call arriving after a restart): the script then
     * apologises and hangs up, and the store's record decides what happens next.
     */
    public CompletableFuture<Optional<Leg>> arrived(UUID id, String channel) {
        return onOffice(() -> {
            Tracked t = tracked.get(id);
            if (t == null || t.assignment == null || t.phase == Phase.WAITING) {
                return Optional.empty();
            }
            t.phase = Phase.ON_LINE;
            cancelWatchdog(t);
            CallbackMode mode = t.service.mode();
            if (mode == CallbackMode.CUSTOMER_FIRST) {
                desk.bindChannel(t.contactId(), channel);
                // The citizen is on the line: the promise is kept. Written now rather than at the
                // OriginateResponse, which may come later (or never, if this node dies meanwhile): a node restarted
                // after this write does not dial the citizen again. Whichever write comes second finds the claim
                // ended and changes nothing.
                if (t.callback.state() != CallbackState.DONE) {
                    dialer.ifPresent(d -> d.recordOutcome(t.callback, t.dialedAt == null ? clock.instant()
                            : t.dialedAt, AttemptOutcome.ANSWERED, "the call reached Rappel's callback script"));
                }
            }
            String citizen = dialer.map(d -> d.citizenChannel(t.callback)).orElse("");
            String callerId = dialer.map(d -> d.settings().callerId()).orElse("");
            return Optional.of(new Leg(t.callback, t.assignment, mode, citizen, callerId));
        });
    }

    /** A callback's call adopted by this node ({@link #adopt}): the next agent reserved for it completes the future. */
    public record Adopted(CallbackRequest callback, CompletableFuture<Assignment> nextAgent) {
    }

    /**
     * A customer-first callback's call reached us though no agent is reserved for it here: this node placed it
     * before it restarted (its restart recorded that attempt as of unknown outcome), or the node that placed it died.
     * The citizen answered, so the promise is kept now: the callback is claimed and recorded answered, and the
     * citizen waits on the line, in the callback's place, for the next agent (the returned future's
     * {@link Adopted#nextAgent}). Empty when the callback is not active any more, another node holds it, or the
     * service calls agents first.
     */
    public CompletableFuture<Optional<Adopted>> adopt(UUID id, String channel) {
        if (dialer.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CallbackDialer d = dialer.get();
        return CompletableFuture.supplyAsync(() -> {
            Optional<CallbackRequest> active = store.find(id).filter(c -> c.state().isActive())
                    .filter(c -> services.containsKey(c.service())
                            && services.get(c.service()).mode() == CallbackMode.CUSTOMER_FIRST);
            Optional<CallbackRequest> claimed = active.flatMap(c -> store.claim(id, clock.instant(), node,
                    d.settings().ringTimeout().plus(d.settings().leaseMargin())));
            if (claimed.isEmpty()) {
                return Optional.<CallbackRequest>empty();
            }
            DialResult recorded = d.record(claimed.get(), clock.instant(), AttemptOutcome.ANSWERED,
                    "answered a call placed before this node restarted");
            return recorded instanceof DialResult.Attempted a ? Optional.of(a.recorded().callback())
                    : Optional.<CallbackRequest>empty();
        }, storeWorker).thenComposeAsync(answered -> {
            if (answered.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.<Adopted>empty());
            }
            CallbackRequest callback = answered.get();
            Tracked existing = tracked.get(id);
            Tracked t = existing != null ? existing
                    : new Tracked(callback, services.get(callback.service()), clock.instant());
            t.callback = callback;
            t.phase = Phase.ON_LINE;
            CompletableFuture<Assignment> next = new CompletableFuture<>();
            if (existing != null && existing.assignment != null) {
                // An agent was reserved for it meanwhile (its claim found the callback answered): that agent it is.
                next.complete(existing.assignment);
            } else {
                t.nextAgent = next;
            }
            log.info("callback {} to {}: its call reached this node with no agent reserved; the citizen answered,"
                    + " so it is kept and they wait on the line in its place", id, PhoneMask.mask(callback.number()));
            if (existing != null) {
                desk.bindChannel(t.contactId(), channel);
                return CompletableFuture.completedFuture(Optional.of(new Adopted(callback, next)));
            }
            tracked.put(id, t);
            inLine = tracked.size();
            return desk.enterCallback(contact(callback), Optional.empty(), this::assignedOnDesk)
                    .handleAsync((info, error) -> {
                        if (error != null) {
                            log.warn("callback {}: adopted call not put in line: {}", id, error.getMessage());
                            forget(t);
                            return Optional.<Adopted>empty();
                        }
                        desk.bindChannel(t.contactId(), channel);
                        return Optional.of(new Adopted(callback, next));
                    }, office);
        }, office);
    }

    /** How a returned call ended, for the queue and the estimators. */
    public enum Ending {
        /** The citizen talked with the agent. */
        SERVED,
        /** The citizen hung up before an agent answered. */
        CITIZEN_LEFT,
        /** Agent-first: the citizen was not reached; the store's retry policy decides what follows. */
        NOT_REACHED
    }

    /** The returned call is over: the callback is finished on this node. */
    public void finished(UUID id, Ending ending) {
        office.execute(() -> {
            Tracked t = tracked.get(id);
            if (t == null) {
                return;
            }
            forget(t);
            switch (ending) {
                case SERVED -> desk.ended(t.contactId());
                case CITIZEN_LEFT -> desk.leave(t.contactId(), RemovalReason.ABANDONED);
                case NOT_REACHED -> desk.leave(t.contactId(), RemovalReason.WITHDRAWN);
            }
        });
    }

    /**
     * Customer-first: the reserved agent did not answer while the citizen is on the line. The contact goes back to
     * its place (the agent is paused) and the returned future completes with the next agent reserved for it; the
     * script holds the citizen meanwhile.
     */
    public CompletableFuture<Assignment> agentMissed(UUID id, OfferOutcome outcome) {
        return onOffice(() -> {
            Tracked t = tracked.get(id);
            if (t == null) {
                return CompletableFuture.<Assignment>failedFuture(new IllegalStateException("callback gone"));
            }
            t.assignment = null;
            t.nextAgent = new CompletableFuture<>();
            desk.offerFailed(t.contactId(), outcome);
            return t.nextAgent;
        }).thenCompose(f -> f);
    }

    /** Agent-first: the Dial toward the citizen ended with {@code outcome}; records the attempt. */
    public CompletableFuture<Void> citizenDialed(UUID id, AttemptOutcome outcome, String reason) {
        return onOffice(() -> {
            Tracked t = tracked.get(id);
            if (t == null || dialer.isEmpty()) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            Instant started = t.agentRangAt == null ? clock.instant() : t.agentRangAt;
            return dialer.get().recordOutcome(t.callback, started, outcome, reason)
                    .handleAsync((result, error) -> {
                        if (error != null) {
                            log.warn("callback {}: attempt not recorded: {}", id, error.getMessage());
                        } else if (result instanceof DialResult.Attempted a) {
                            noticeAttempt(a);
                        }
                        return (Void) null;
                    }, office);
        }).thenCompose(f -> f);
    }

    /** Keeps this node's claim alive during a long agent-first conversation. */
    public void renewLease(UUID id) {
        office.execute(() -> {
            Tracked t = tracked.get(id);
            if (t != null) {
                dialer.ifPresent(d -> d.renewLease(t.callback));
            }
        });
    }

    @Override
    public void close() {
        closing = true;
        if (rescanTimer != null) {
            rescanTimer.cancel(false);
        }
        // Callbacks waiting here leave the lines: the agents freed while calls drain go to the callers on hold, and
        // the callbacks stay pending in the store for the next run or another node.
        office.execute(() -> List.copyOf(tracked.values()).stream().filter(t -> t.phase == Phase.WAITING)
                .forEach(this::withdraw));
    }

    // ---- requests

    private Optional<CallbackReply.Refused> limited(String number, CallbackAsk ask) {
        RateDecision decision = limiter.tryAcquire(number, ask.callingLine());
        if (decision instanceof RateDecision.Limited l) {
            return Optional.of(new CallbackReply.Refused(CallbackRefusal.RATE_LIMITED,
                    "too many callback requests for this " + l.scope().code().replace('_', ' '), Optional.empty(),
                    Optional.of(l.retryAfter())));
        }
        return Optional.empty();
    }

    /**
     * Today, or the first free slot of the next opening when the service is closed or the callback could not be
     * made before it closes.
     */
    private Optional<Instant> todayOrNextOpening(ServiceCallbacks svc, Optional<Duration> wait, Instant now) {
        CallingHours hours = svc.openingHours();
        if (hours.isOpen(now)) {
            Optional<Instant> close = closesAt(hours, now);
            boolean fitsToday = close.isEmpty() || wait.isEmpty() || !now.plus(wait.get()).isAfter(close.get());
            if (fitsToday) {
                return Optional.empty();
            }
            return firstFreeSlot(svc, close.get());
        }
        return firstFreeSlot(svc, now);
    }

    private Optional<Instant> firstFreeSlot(ServiceCallbacks svc, Instant after) {
        LocalDate day = after.atZone(svc.openingHours().zone()).toLocalDate();
        for (int d = 0; d <= settings.bookingHorizonDays(); d++) {
            List<Instant> starts = slotStarts(svc, day.plusDays(d));
            starts.removeIf(start -> start.isBefore(after));
            if (starts.isEmpty()) {
                continue;
            }
            Map<Instant, Integer> booked = store.slotBookings(svc.service(), starts.get(0),
                    starts.get(starts.size() - 1).plus(svc.slotLength()));
            for (Instant start : starts) {
                if (booked.getOrDefault(start, 0) < svc.slotCapacity()) {
                    return Optional.of(start);
                }
            }
        }
        // Every slot of the horizon is full: the callback waits in line for the next opening all the same.
        return Optional.of(svc.openingHours().nextOpen(after));
    }

    private CompletableFuture<CallbackReply> save(ServiceCallbacks svc, CallbackAsk ask, String number,
                                                  Optional<Instant> slot, Instant now) {
        NewCallback request = new NewCallback(svc.service(), number, ask.callingLine(),
                ask.virtualArrival().orElse(now), ask.priority(), ask.language(), ask.ivrContext(), ask.origin(),
                slot);
        return CompletableFuture.supplyAsync(() -> {
            if (ask.slot().isPresent()) {
                // Capacity is checked and taken in one step on this node; nodes sharing a database may overbook a
                // slot by the requests they take at the same instant.
                synchronized (slotBooking) {
                    Map<Instant, Integer> booked = store.slotBookings(svc.service(), slot.get(),
                            slot.get().plusMillis(1));
                    if (booked.getOrDefault(slot.get(), 0) >= svc.slotCapacity()) {
                        return null;
                    }
                    return store.save(request);
                }
            }
            return store.save(request);
        }, storeWorker).handleAsync((outcome, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                log.error("callback request for service {} not stored: {}", svc.service(), cause.toString());
                return refuse(CallbackReply.Refused.of(CallbackRefusal.UNAVAILABLE,
                        cause instanceof StoreException ? "the callback could not be stored; nothing was promised"
                                : "the callback could not be taken: " + cause.getMessage()));
            }
            if (outcome == null) {
                return refuse(CallbackReply.Refused.of(CallbackRefusal.SLOT_FULL, "this slot is full"));
            }
            return stored(svc, ask, outcome, slot, now);
        }, office).thenCompose(f -> f);
    }

    /** Office thread: the request is durable; put it in line (or leave it for its slot) and answer. */
    private CompletableFuture<CallbackReply> stored(ServiceCallbacks svc, CallbackAsk ask, SaveOutcome outcome,
                                                    Optional<Instant> slot, Instant now) {
        CallbackRequest callback = outcome.callback();
        boolean updated = outcome instanceof SaveOutcome.Merged;
        confirmed.increment();
        log.info("callback {} for {} to {} {} ({})", callback.id(), svc.service(), PhoneMask.mask(callback.number()),
                updated ? "updated" : "stored", slot.map(s -> "slot " + s).orElse("in line now"));
        notifier.notify(new CallbackNotice(CallbackNotice.Kind.CONFIRMED, callback, Optional.empty(),
                clock.instant()));
        Optional<Instant> scheduled = slot.filter(s -> s.isAfter(now));
        Tracked waiting = tracked.get(callback.id());
        if (scheduled.isPresent() && waiting != null && waiting.phase == Phase.WAITING) {
            // An update moved a callback already in line to a later slot: it waits for that slot now.
            withdraw(waiting);
        }
        if (scheduled.isPresent() || tracked.containsKey(callback.id()) || !canDialNow()) {
            // Not in line here now: for its slot, already in line (an update), or no node can dial right now.
            // The caller who asked from hold leaves the line: the callback holds their promise.
            ask.heldContactId().ifPresent(held -> desk.leave(held, RemovalReason.WITHDRAWN));
            return CompletableFuture.completedFuture(new CallbackReply.Confirmed(callback, updated, Optional.empty(),
                    scheduled));
        }
        Tracked t = new Tracked(callback, svc, now);
        tracked.put(callback.id(), t);
        inLine = tracked.size();
        return desk.enterCallback(contact(callback), ask.heldContactId(), this::assignedOnDesk)
                .handleAsync((info, error) -> {
                    if (error != null) {
                        // Stored all the same: the next rescan puts it in line.
                        log.warn("callback {} stored but not yet in line: {}", callback.id(), error.getMessage());
                        forget(t);
                        return new CallbackReply.Confirmed(callback, updated, Optional.empty(), Optional.empty());
                    }
                    return new CallbackReply.Confirmed(callback, updated,
                            info.flatMap(QueueDesk.WaitInfo::expectedWait), Optional.empty());
                }, office);
    }

    private Optional<CallbackReply.Refused> slotProblem(ServiceCallbacks svc, Instant slot, Instant now) {
        if (!slot.plus(svc.slotLength()).isAfter(now)) {
            return Optional.of(CallbackReply.Refused.of(CallbackRefusal.SLOT_NOT_BOOKABLE, "this slot is over"));
        }
        LocalDate day = slot.atZone(svc.openingHours().zone()).toLocalDate();
        LocalDate today = now.atZone(svc.openingHours().zone()).toLocalDate();
        if (day.isAfter(today.plusDays(settings.bookingHorizonDays()))) {
            return Optional.of(CallbackReply.Refused.of(CallbackRefusal.SLOT_NOT_BOOKABLE,
                    "slots can be booked up to " + settings.bookingHorizonDays() + " days ahead"));
        }
        if (!slotStarts(svc, day).contains(slot)) {
            return Optional.of(CallbackReply.Refused.of(CallbackRefusal.SLOT_OUTSIDE_HOURS,
                    "not a slot of service " + svc.service() + ": slots start every "
                            + svc.slotLength().toMinutes() + " minutes within its opening hours"));
        }
        return Optional.empty();
    }

    /** The slot starts of one day: whole slots inside the day's opening window; a closed day has none. */
    private static List<Instant> slotStarts(ServiceCallbacks svc, LocalDate day) {
        CallingHours hours = svc.openingHours();
        List<Instant> starts = new ArrayList<>();
        Optional<CallingHours.Window> window = hours.windowOn(day);
        if (window.isEmpty()) {
            return starts;
        }
        Instant open = ZonedDateTime.of(day, window.get().open(), hours.zone()).toInstant();
        Instant close = closing(hours, day, window.get());
        for (Instant s = open; !s.plus(svc.slotLength()).isAfter(close); s = s.plus(svc.slotLength())) {
            starts.add(s);
        }
        return starts;
    }

    /** When today's opening window containing {@code now} closes; empty when closed now. */
    private static Optional<Instant> closesAt(CallingHours hours, Instant now) {
        if (!hours.isOpen(now)) {
            return Optional.empty();
        }
        LocalDate today = now.atZone(hours.zone()).toLocalDate();
        return hours.windowOn(today).map(window -> closing(hours, today, window));
    }

    private static Instant closing(CallingHours hours, LocalDate day, CallingHours.Window window) {
        return window.untilMidnight() ? day.plusDays(1).atStartOfDay(hours.zone()).toInstant()
                : ZonedDateTime.of(day, window.close(), hours.zone()).toInstant();
    }

    // ---- the line and the dialling

    private void recover() {
        if (dialer.isEmpty()) {
            // Without a dialer no attempt can be recorded: the claims end with their leases, and a node that can
            // dial settles them (takeOverExpiredClaims), never handing a call in doubt back for an immediate redial.
            recovered = true;
            return;
        }
        for (CallbackRequest dialing : store.dialingOf(node)) {
            DialResult result = dialer.get().record(dialing, clock.instant(), AttemptOutcome.FAILED,
                    "outcome unknown: node " + node + " restarted during the call");
            log.warn("callback {} to {} was being dialled when this node stopped: attempt of unknown outcome"
                    + " recorded ({})", dialing.id(), PhoneMask.mask(dialing.number()),
                    result instanceof DialResult.Attempted a ? a.next() : result.getClass().getSimpleName());
            if (result instanceof DialResult.Attempted a) {
                office.execute(() -> noticeAttempt(a));
            }
        }
        store.releaseClaims(node);
        recovered = true;
    }

    /**
     * Claims whose lease ended (a node that died for good, or a write that failed after a claim) are taken over:
     * a callback that was being dialled gets an attempt of unknown outcome (the retry policy decides), one only
     * claimed is handed back. Store worker; only with a dialer.
     */
    private void takeOverExpiredClaims() {
        CallbackDialer d = dialer.orElse(null);
        if (d == null) {
            return;
        }
        Instant now = clock.instant();
        for (CallbackRequest stale : store.expiredClaims(now)) {
            Optional<CallbackRequest> mine = store.claim(stale.id(), now, node,
                    d.settings().ringTimeout().plus(d.settings().leaseMargin()));
            if (mine.isEmpty()) {
                continue;
            }
            if (stale.state() == CallbackState.DIALING) {
                DialResult result = d.record(mine.get(), now, AttemptOutcome.FAILED, "outcome unknown: the claim of "
                        + stale.claimedBy().map(NodeId::value).orElse("a node") + " ended during the call");
                log.warn("callback {} to {}: a claim ended while it was being dialled; attempt of unknown outcome"
                        + " recorded", stale.id(), PhoneMask.mask(stale.number()));
                if (result instanceof DialResult.Attempted a) {
                    office.execute(() -> noticeAttempt(a));
                }
            } else {
                store.release(stale.id(), node);
            }
        }
    }

    /** Reads the pending callbacks and reconciles the lines with them. */
    CompletableFuture<Void> rescan() {
        if (!rescanning.compareAndSet(false, true)) {
            // One at a time: a slow store must not pile reads up on the store workers.
            return CompletableFuture.completedFuture(null);
        }
        Instant started = clock.instant();
        return CompletableFuture.supplyAsync(() -> {
                    if (!recovered) {
                        recover();
                    }
                    takeOverExpiredClaims();
                    return store.loadPending();
                }, storeWorker)
                .thenComposeAsync(pending -> reconcile(pending, started), office)
                .exceptionally(error -> {
                    log.warn("callback rescan failed: {}", error.getMessage());
                    return null;
                })
                .whenComplete((v, error) -> rescanning.set(false));
    }

    /** Completes once the callbacks it put in line are there. */
    private CompletableFuture<Void> reconcile(List<CallbackRequest> pending, Instant scanStarted) {
        Instant now = clock.instant();
        List<CompletableFuture<?>> entered = new ArrayList<>();
        Set<UUID> stillPending = new HashSet<>();
        boolean canDial = canDialNow();
        for (CallbackRequest callback : pending) {
            stillPending.add(callback.id());
            ServiceCallbacks svc = services.get(callback.service());
            if (svc == null || tracked.containsKey(callback.id()) || !canDial
                    || callback.nextAttemptAt().isAfter(now)) {
                continue;
            }
            Contact contact = contact(callback);
            Tracked t = new Tracked(callback, svc, now);
            tracked.put(callback.id(), t);
            entered.add(desk.enterCallback(contact, Optional.empty(), this::assignedOnDesk)
                    .whenCompleteAsync((info, error) -> {
                        if (error != null) {
                            log.warn("callback {} not put in line: {}", callback.id(), error.getMessage());
                            forget(t);
                        }
                    }, office));
        }
        for (Tracked t : List.copyOf(tracked.values())) {
            boolean goneFromStore = t.phase == Phase.WAITING && !stillPending.contains(t.callback.id())
                    && t.enteredAt.isBefore(scanStarted);
            if (goneFromStore || (t.phase == Phase.WAITING && !canDial)) {
                // Cancelled, or taken by another node; or this node cannot dial now: out of the line, so live
                // callers get the agents, and back in at a later rescan.
                forget(t);
                desk.leave(t.contactId(), RemovalReason.WITHDRAWN);
            }
        }
        inLine = tracked.size();
        return CompletableFuture.allOf(entered.toArray(CompletableFuture[]::new)).handle((v, error) -> null);
    }

    private boolean canDialNow() {
        if (!recovered || closing) {
            return false;
        }
        return dialer.map(d -> d.isReady() && d.settings().callingHours().isOpen(clock.instant())).orElse(false);
    }

    /** Desk owner thread: hop to the office at once. */
    private void assignedOnDesk(Assignment assignment) {
        office.execute(() -> assigned(assignment));
    }

    private void assigned(Assignment assignment) {
        UUID id = idOf(assignment.contact().id());
        Tracked t = id == null ? null : tracked.get(id);
        if (t == null) {
            desk.leave(assignment.contact().id(), RemovalReason.WITHDRAWN);
            return;
        }
        t.assignment = assignment;
        if (t.phase == Phase.ON_LINE) {
            if (t.nextAgent != null) {
                t.nextAgent.complete(assignment);
                t.nextAgent = null;
            }
            return;
        }
        if (dialer.isEmpty() || closing) {
            withdraw(t);
            return;
        }
        t.phase = Phase.DIALING;
        CallbackDialer d = dialer.get();
        Duration lease = d.settings().ringTimeout().plus(d.settings().leaseMargin());
        CompletableFuture.supplyAsync(() -> store.claimIfDue(id, clock.instant(), node, lease), storeWorker)
                .thenComposeAsync(claimed -> {
                    if (claimed.isEmpty()) {
                        return CompletableFuture.<DialResult>completedFuture(new DialResult.ClaimLost(false));
                    }
                    t.callback = claimed.get();
                    if (t.service.mode() == CallbackMode.AGENT_FIRST) {
                        t.agentRangAt = clock.instant();
                        return d.ringAgent(claimed.get(), assignment.dialString());
                    }
                    t.dialedAt = clock.instant();
                    return d.dial(claimed.get());
                }, office)
                .whenCompleteAsync((result, error) -> dialed(t, result, error), office);
    }

    private void dialed(Tracked t, DialResult result, Throwable error) {
        if (tracked.get(t.callback.id()) != t) {
            return;
        }
        if (error != null) {
            log.warn("callback {}: dialling failed: {}", t.callback.id(), error.getMessage());
            if (t.phase != Phase.ON_LINE) {
                // On the line, the call goes on: its script ends it.
                withdraw(t);
            }
            return;
        }
        if (result instanceof DialResult.Attempted a) {
            noticeAttempt(a);
            if (a.recorded().attempt().outcome() == AttemptOutcome.ANSWERED) {
                t.callback = a.recorded().callback();
                if (t.phase != Phase.ON_LINE) {
                    watchForCall(t);
                }
            } else if (t.phase != Phase.ON_LINE) {
                withdraw(t);
            }
        } else if (result instanceof DialResult.AgentAnswered) {
            if (t.phase != Phase.ON_LINE) {
                watchForCall(t);
            }
        } else if (result instanceof DialResult.AgentMissed missed) {
            if (t.phase == Phase.ON_LINE) {
                // The agent's call reached the script before the (lost or late) OriginateResponse: it is answered.
                return;
            }
            t.phase = Phase.WAITING;
            t.assignment = null;
            desk.offerFailed(t.contactId(), missed.reason() == OriginateReason.BUSY ? OfferOutcome.BUSY
                    : OfferOutcome.NO_ANSWER);
        } else if (t.phase != Phase.ON_LINE) {
            // Claim lost, outside calling hours, AMI down: out of the line until the store says it is due again.
            withdraw(t);
        }
    }

    /** The call was answered: its AGI must reach us soon, or the reserved agent is freed. */
    private void watchForCall(Tracked t) {
        cancelWatchdog(t);
        t.watchdog = office.schedule(() -> {
            if (tracked.get(t.callback.id()) == t && t.phase != Phase.ON_LINE) {
                log.warn("callback {}: answered but its call never reached Rappel (dialplan?); agent freed",
                        t.callback.id());
                withdraw(t);
            }
        }, settings.answeredCallDeadline().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void noticeAttempt(DialResult.Attempted a) {
        if (a.recorded().attempt().outcome() == AttemptOutcome.ANSWERED) {
            return;
        }
        CallbackNotice.Kind kind = a.next() instanceof Disposition.Failed ? CallbackNotice.Kind.FAILED
                : CallbackNotice.Kind.ATTEMPT_FAILED;
        notifier.notify(new CallbackNotice(kind, a.recorded().callback(), Optional.of(a.recorded().attempt()),
                clock.instant()));
    }

    /** Out of the line on this node; the store says when it comes back (retry, next window) or that it is over. */
    private void withdraw(Tracked t) {
        forget(t);
        desk.leave(t.contactId(), RemovalReason.WITHDRAWN);
    }

    private void forget(Tracked t) {
        cancelWatchdog(t);
        tracked.remove(t.callback.id(), t);
        if (t.nextAgent != null) {
            // A citizen holding on the line for an agent is not left waiting for one that will never come.
            t.nextAgent.completeExceptionally(new IllegalStateException("callback " + t.callback.id() + " ended"));
            t.nextAgent = null;
        }
        inLine = tracked.size();
    }

    private static void cancelWatchdog(Tracked t) {
        if (t.watchdog != null) {
            t.watchdog.cancel(false);
            t.watchdog = null;
        }
    }

    static Contact contact(CallbackRequest callback) {
        Map<String, String> context = new HashMap<>(callback.ivrContext());
        context.put(LANGUAGE_KEY, callback.language());
        return new Contact(CONTACT_PREFIX + callback.id(), ContactKind.CALLBACK, callback.service(),
                callback.priority(), callback.virtualArrival(), context);
    }

    static UUID idOf(String contactId) {
        if (!contactId.startsWith(CONTACT_PREFIX)) {
            return null;
        }
        try {
            return UUID.fromString(contactId.substring(CONTACT_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private CompletableFuture<CallbackReply> refuse(CallbackReply.Refused refusal) {
        refused.increment();
        return CompletableFuture.completedFuture(refusal);
    }

    private <T> CompletableFuture<T> onOffice(Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, office);
    }
}
