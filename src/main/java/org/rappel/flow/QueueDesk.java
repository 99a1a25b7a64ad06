package org.rappel.flow;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.rappel.estimate.Announcement;
import org.rappel.estimate.AnnouncementRounding;
import org.rappel.estimate.Estimate;
import org.rappel.estimate.QueueEvent;
import org.rappel.estimate.WaitTimeEstimation;
import org.rappel.queue.AgentConfig;
import org.rappel.queue.AgentState;
import org.rappel.queue.AgentView;
import org.rappel.queue.Assignment;
import org.rappel.queue.Contact;
import org.rappel.queue.ContactCenter;
import org.rappel.queue.ContactStatus;
import org.rappel.queue.OfferOutcome;
import org.rappel.queue.QueueSnapshot;
import org.rappel.queue.RemovalReason;
import org.rappel.queue.ServiceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call path's side of the contact center: puts live callers in the {@link ContactCenter}, tells the
 * {@link WaitTimeEstimation} every fact about them (entered, abandoned, service started and ended, staffing), hands
 * each {@link Assignment} to the caller it is for, and reconciles what the caller's AGI session and the agent's
 * channel on AMI say about the offer.
 *
 * <p>Every contact entered here leaves exactly once, reported to both: abandoned ({@code remove(ABANDONED)} and
 * {@code ContactAbandoned}), or served ({@code connected} and {@code ServiceStarted}, then {@code callEnded} and
 * {@code ServiceEnded}). The reports are idempotent, because the AGI session (Dial's return) and AMI
 * ({@code BridgeEnter}, {@code Hangup} of the agent's channel) may both tell the same fact, in either order, and
 * AMI may not be there at all.
 *
 * <p>Thread: all state, the contact center's and the estimation's included, is owned by {@code owner}, the
 * contact center's owner executor. Public methods may be called from any thread: they post there and return a
 * future that completes there (chain with an {@code ...Async} variant onto your own executor). Nothing blocks.
 */
public final class QueueDesk implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueueDesk.class);

    /** How often staffing is re-read for the estimators (pauses and logins made elsewhere show up within it). */
    static final Duration STAFFING_REFRESH = Duration.ofSeconds(10);

    /**
     * What to tell a waiting caller: their place in line, the wait as a person would say it, and the estimate it
     * was rounded from (empty when the estimate is not reliable enough to promise anything).
     */
    public record WaitInfo(int position, Announcement announcement, Optional<Duration> expectedWait) {

        public WaitInfo {
            Objects.requireNonNull(announcement, "announcement");
            Objects.requireNonNull(expectedWait, "expectedWait");
        }

        /** For announcements alone (tests of the prompts): no raw figure. */
        public WaitInfo(int position, Announcement announcement) {
            this(position, announcement, Optional.empty());
        }
    }

    /** One contact (a live caller, or a callback) this desk put in the contact center. Owner thread only. */
    private static final class Live {
        final Contact contact;
        /** The citizen's channel: the held call's, or a callback's once its call reached us; null before that. */
        String callerChannel;
        final Consumer<Assignment> onAssigned;
        /**
         * Who the estimators know this contact as: its own id, or, for a callback asked from hold, the held call's
         * id, since the contact kept its place and never left the line for them.
         */
        String estimatorId;
        Assignment assignment;
        String agentChannel;
        boolean started;
        /** The contact center took the contact and the estimators were told it entered. */
        boolean enqueued;

        Live(Contact contact, String callerChannel, Consumer<Assignment> onAssigned) {
            this.contact = contact;
            this.callerChannel = callerChannel;
            this.onAssigned = onAssigned;
            this.estimatorId = contact.id();
        }
    }

    private final ContactCenter center;
    private final WaitTimeEstimation estimation;
    private final ScheduledExecutorService owner;
    private final Clock clock;
    private final List<ServiceConfig> services;
    private final List<AgentConfig> agents;
    private final Map<String, Live> live = new HashMap<>();
    private final Map<String, String> byCallerChannel = new HashMap<>();
    private final Map<String, String> byAgentChannel = new HashMap<>();
    private final Map<String, Integer> staffing = new HashMap<>();
    private ScheduledFuture<?> staffingTimer;

    private QueueDesk(List<ServiceConfig> services, List<AgentConfig> agents, ScheduledExecutorService owner,
                      Clock clock, MeterRegistry registry, WaitTimeEstimation estimation, int maxPendingCommands) {
        this.services = List.copyOf(services);
        this.agents = List.copyOf(agents);
        this.owner = owner;
        this.clock = clock;
        this.estimation = estimation;
        this.center = new ContactCenter(services, agents, owner, clock, registry, maxPendingCommands);
        center.addAssignmentListener(this::assigned);
    }

    /**
     * A desk and its contact center on {@code owner} (single-threaded; not shut down here). Logs in
     * {@code loggedIn} agents and tells the estimators each service's staffing.
     *
     * @throws IllegalArgumentException a service or agent configured twice, a skill for an unknown service
     */
    public static QueueDesk open(List<ServiceConfig> services, List<AgentConfig> agents, List<String> loggedIn,
                                 ScheduledExecutorService owner, Clock clock, MeterRegistry registry,
                                 WaitTimeEstimation estimation) {
        return open(services, agents, loggedIn, owner, clock, registry, estimation,
                ContactCenter.DEFAULT_MAX_PENDING_COMMANDS);
    }

    /** As above, with the contact center's bound on commands waiting for its thread. */
    static QueueDesk open(List<ServiceConfig> services, List<AgentConfig> agents, List<String> loggedIn,
                          ScheduledExecutorService owner, Clock clock, MeterRegistry registry,
                          WaitTimeEstimation estimation, int maxPendingCommands) {
        QueueDesk desk = new QueueDesk(services, agents, owner, clock, registry, estimation, maxPendingCommands);
        for (String agent : loggedIn) {
            desk.center.login(agent).whenComplete((view, error) -> {
                if (error != null) {
                    log.warn("agent {} could not be logged in at start: {}", agent, error.getMessage());
                }
            });
        }
        owner.execute(desk::refreshStaffing);
        long period = STAFFING_REFRESH.toMillis();
        desk.staffingTimer = owner.scheduleWithFixedDelay(desk::refreshStaffing, period, period,
                TimeUnit.MILLISECONDS);
        return desk;
    }

    /** The contact center, for agents' and supervisors' commands. */
    public ContactCenter center() {
        return center;
    }

    // ---- the caller's side (AGI session)

    /**
     * Puts a live caller in line. {@code onAssigned} is called on the owner thread when an agent is reserved for
     * them (it must hop to the call's executor at once). Completes with what to announce, or empty when the
     * contact was assigned at once.
     */
    public CompletableFuture<Optional<WaitInfo>> enter(Contact contact, String callerChannel,
                                                       Consumer<Assignment> onAssigned) {
        return onOwner(() -> {
            Live entry = new Live(contact, callerChannel, onAssigned);
            if (live.putIfAbsent(contact.id(), entry) != null) {
                return CompletableFuture.failedFuture(
                        new IllegalStateException("contact " + contact.id() + " entered twice"));
            }
            byCallerChannel.put(callerChannel, contact.id());
            // The command runs on this same thread after this task: its future completes here, stages run here.
            return center.enqueue(contact).handle((status, error) -> {
                if (error != null) {
                    forget(entry);
                    throw new IllegalStateException("the contact center refused the caller: " + error.getMessage(),
                            error);
                }
                if (live.get(contact.id()) != entry) {
                    // The caller left before the contact center took them: the removal posted by leave() follows
                    // this command; the estimators hear of neither, so they keep no ghost in line.
                    return Optional.<WaitInfo>empty();
                }
                entry.enqueued = true;
                estimation.onEvent(new QueueEvent.ContactEntered(contact.service(), contact.id(),
                        contact.priorityClass(), clock.instant()));
                return waitInfo(status);
            });
        });
    }

    /** What to announce now; empty when the contact is no longer waiting (offered to an agent, or gone). */
    public CompletableFuture<Optional<WaitInfo>> waitInfo(String contactId) {
        return onOwner(() -> live.containsKey(contactId)
                ? center.status(contactId).handle((status, error) -> error == null ? waitInfo(status)
                        : Optional.<WaitInfo>empty())
                : CompletableFuture.completedFuture(Optional.empty()));
    }

    /** The Dial to the agent did not connect: the caller goes back to their place, the agent is paused. */
    public CompletableFuture<Void> offerFailed(String contactId, OfferOutcome outcome) {
        return onOwner(() -> {
            Live entry = live.get(contactId);
            if (entry == null || entry.started) {
                return done();
            }
            entry.assignment = null;
            dropAgentChannel(entry);
            CompletableFuture<Void> reported = center.offerFailed(contactId, outcome)
                    .handle((status, error) -> logFailure(error, "offerFailed", contactId));
            refreshStaffing();
            return reported;
        });
    }

    /** The agent answered (AMI {@code BridgeEnter}, or Dial's {@code ANSWER}); idempotent. */
    public CompletableFuture<Void> answered(String contactId) {
        return onOwner(() -> {
            Live entry = live.get(contactId);
            return entry == null ? done() : start(entry);
        });
    }

    /** The conversation with the agent is over (Dial returned after {@code ANSWER}, or AMI saw the agent hang up). */
    public CompletableFuture<Void> ended(String contactId) {
        return onOwner(() -> {
            Live entry = live.get(contactId);
            return entry == null ? done() : end(entry);
        });
    }

    /**
     * The caller is gone, whatever the state: a waiting or offered contact is abandoned, a connected one ended.
     * Idempotent; the way every held call leaves.
     */
    public CompletableFuture<Void> leave(String contactId, RemovalReason reason) {
        return onOwner(() -> {
            Live entry = live.get(contactId);
            if (entry == null) {
                return done();
            }
            if (entry.started) {
                return end(entry);
            }
            forget(entry);
            if (entry.enqueued) {
                estimation.onEvent(new QueueEvent.ContactAbandoned(entry.contact.service(), entry.estimatorId,
                        clock.instant()));
            }
            return center.remove(contactId, reason).handle((c, error) -> logFailure(error, "remove", contactId));
        });
    }

    /**
     * The caller hung up during the Dial to the agent and {@code DIALSTATUS} could not be read: served if AMI saw
     * the agent answer, or if {@code likelyAnswered} (the Dial outlasted the ring time); else abandoned.
     * Completes with whether the caller was served.
     */
    public CompletableFuture<Boolean> leaveAfterDial(String contactId, boolean likelyAnswered) {
        return onOwner(() -> {
            Live entry = live.get(contactId);
            if (entry == null) {
                return CompletableFuture.completedFuture(false);
            }
            if (entry.started || likelyAnswered) {
                return end(entry).thenApply(v -> true);
            }
            return leave(contactId, RemovalReason.ABANDONED).thenApply(v -> false);
        });
    }

    // ---- callbacks (the callback office's side)

    /**
     * Puts a callback in line, with {@code onAssigned} called on the owner thread when an agent is reserved for it.
     * When {@code replacing} names a caller still holding here (who asked to be called back), that caller leaves
     * the line in the same step, and the estimators are told nothing: the contact keeps its place, so for them it
     * never left. Completes with the callback's place and wait, or empty when it was assigned at once.
     */
    public CompletableFuture<Optional<WaitInfo>> enterCallback(Contact callback, Optional<String> replacing,
                                                               Consumer<Assignment> onAssigned) {
        return onOwner(() -> {
            if (live.containsKey(callback.id())) {
                return CompletableFuture.failedFuture(
                        new IllegalStateException("contact " + callback.id() + " entered twice"));
            }
            Live entry = new Live(callback, null, onAssigned);
            Live held = replacing.map(live::get).filter(h -> !h.started).orElse(null);
            boolean keepsPlace = held != null && held.enqueued;
            if (held != null) {
                forget(held);
                if (keepsPlace) {
                    entry.estimatorId = held.estimatorId;
                }
                // Posted before the enqueue below: an agent reserved for the held caller is freed first.
                center.remove(held.contact.id(), RemovalReason.WITHDRAWN)
                        .handle((c, error) -> logFailure(error, "remove", held.contact.id()));
            }
            live.put(callback.id(), entry);
            return center.enqueue(callback).handle((status, error) -> {
                if (error != null) {
                    forget(entry);
                    if (keepsPlace) {
                        estimation.onEvent(new QueueEvent.ContactAbandoned(callback.service(), entry.estimatorId,
                                clock.instant()));
                    }
                    throw new IllegalStateException("the contact center refused the callback: " + error.getMessage(),
                            error);
                }
                if (live.get(callback.id()) != entry) {
                    return Optional.<WaitInfo>empty();
                }
                entry.enqueued = true;
                if (!keepsPlace) {
                    estimation.onEvent(new QueueEvent.ContactEntered(callback.service(), entry.estimatorId,
                            callback.priorityClass(), clock.instant()));
                }
                return waitInfo(status);
            });
        });
    }

    /**
     * The channel that now carries a contact's citizen (a callback's call reached us), so that AMI's view of the
     * agent's leg dialled from it ({@link #agentDialed}) is matched to the contact.
     */
    public void bindChannel(String contactId, String channel) {
        owner.execute(() -> {
            Live entry = live.get(contactId);
            if (entry != null) {
                if (entry.callerChannel != null) {
                    byCallerChannel.remove(entry.callerChannel, contactId);
                }
                entry.callerChannel = channel;
                byCallerChannel.put(channel, contactId);
            }
        });
    }

    /**
     * The wait a contact entering {@code service} now at the end of its priority class would be told, or empty
     * when unreliable. For deciding whether a callback could still be made before the service closes.
     */
    public CompletableFuture<Optional<Duration>> projectedWait(String service, int priorityClass) {
        return onOwner(() -> center.size(service).thenApply(size -> {
            Estimate estimate = estimation.estimateAll(service, size + 1, priorityClass, clock.instant())
                    .get(estimation.chosenEstimator(service));
            return estimate != null && estimate.reliable() ? Optional.of(estimate.expectedWait())
                    : Optional.<Duration>empty();
        }));
    }

    // ---- the agent's side (AMI)

    /** AMI {@code DialBegin}: {@code callerChannel} rings {@code agentChannel}; kept if it is the assigned agent. */
    public void agentDialed(String callerChannel, String agentChannel) {
        owner.execute(() -> {
            String id = byCallerChannel.get(callerChannel);
            Live entry = id == null ? null : live.get(id);
            if (entry != null && entry.assignment != null
                    && agentChannel.startsWith(entry.assignment.dialString() + "-")) {
                dropAgentChannel(entry);
                entry.agentChannel = agentChannel;
                byAgentChannel.put(agentChannel, id);
            }
        });
    }

    /** AMI {@code BridgeEnter} of a channel: if it is an agent's leg we dialled, the agent answered. */
    public void agentBridged(String agentChannel) {
        owner.execute(() -> {
            String id = byAgentChannel.get(agentChannel);
            if (id != null && live.containsKey(id)) {
                start(live.get(id));
            }
        });
    }

    /** AMI {@code Hangup} of a channel: if it is an agent's leg in conversation, the call is over. */
    public void agentHungUp(String agentChannel) {
        owner.execute(() -> {
            String id = byAgentChannel.remove(agentChannel);
            Live entry = id == null ? null : live.get(id);
            if (entry != null) {
                entry.agentChannel = null;
                if (entry.started) {
                    end(entry);
                }
            }
        });
    }

    /** Stops the staffing timer; the owner executor belongs to the caller. */
    @Override
    public void close() {
        if (staffingTimer != null) {
            staffingTimer.cancel(false);
        }
    }

    // ---- owner thread

    private void assigned(Assignment assignment) {
        Live entry = live.get(assignment.contact().id());
        if (entry != null) {
            entry.assignment = assignment;
            try {
                entry.onAssigned.accept(assignment);
            } catch (RuntimeException e) {
                // The call's executor is gone (server stopping): its session ends and leave() frees the agent,
                // rather than the contact center pausing an agent who did nothing wrong.
                log.debug("assignment of contact {} not delivered: {}", assignment.contact().id(), e.toString());
            }
        }
    }

    private Optional<WaitInfo> waitInfo(ContactStatus status) {
        if (!(status instanceof ContactStatus.Waiting waiting)) {
            return Optional.empty();
        }
        Contact contact = waiting.contact();
        Estimate estimate = estimation.estimate(contact.service(), estimatorId(contact.id()), waiting.position(),
                contact.priorityClass(), clock.instant());
        return Optional.of(new WaitInfo(waiting.position(), AnnouncementRounding.announce(estimate),
                estimate.reliable() ? Optional.of(estimate.expectedWait()) : Optional.empty()));
    }

    private CompletableFuture<Void> start(Live entry) {
        if (entry.started) {
            return done();
        }
        entry.started = true;
        String agent = entry.assignment == null ? null : entry.assignment.agentId();
        estimation.onEvent(new QueueEvent.ServiceStarted(entry.contact.service(), entry.estimatorId,
                Optional.ofNullable(agent), clock.instant()));
        return center.connected(entry.contact.id())
                .handle((view, error) -> logFailure(error, "connected", entry.contact.id()));
    }

    private CompletableFuture<Void> end(Live entry) {
        CompletableFuture<Void> started = start(entry);
        forget(entry);
        String agent = entry.assignment == null ? null : entry.assignment.agentId();
        estimation.onEvent(new QueueEvent.ServiceEnded(entry.contact.service(), entry.estimatorId,
                Optional.ofNullable(agent), clock.instant()));
        return started.thenCompose(v -> center.callEnded(entry.contact.id())
                .handle((view, error) -> logFailure(error, "callEnded", entry.contact.id())));
    }

    private String estimatorId(String contactId) {
        Live entry = live.get(contactId);
        return entry == null ? contactId : entry.estimatorId;
    }

    private void forget(Live entry) {
        live.remove(entry.contact.id());
        if (entry.callerChannel != null) {
            byCallerChannel.remove(entry.callerChannel, entry.contact.id());
        }
        dropAgentChannel(entry);
    }

    private void dropAgentChannel(Live entry) {
        if (entry.agentChannel != null) {
            byAgentChannel.remove(entry.agentChannel);
            entry.agentChannel = null;
        }
    }

    /** Agents logged in and not paused, per service, sent to the estimators when it changes. */
    private void refreshStaffing() {
        center.snapshot().thenAccept(this::staffing).exceptionally(error -> {
            log.debug("staffing not refreshed: {}", error.getMessage());
            return null;
        });
    }

    private void staffing(QueueSnapshot snapshot) {
        Map<String, AgentConfig> configs = new HashMap<>();
        agents.forEach(a -> configs.put(a.id(), a));
        Map<String, Integer> counts = new HashMap<>();
        services.forEach(s -> counts.put(s.name(), 0));
        for (AgentView view : snapshot.agents()) {
            if (view.state() == AgentState.LOGGED_OUT || view.state() == AgentState.PAUSED) {
                continue;
            }
            AgentConfig config = configs.get(view.id());
            if (config != null) {
                config.skills().keySet().forEach(service -> counts.computeIfPresent(service, (s, n) -> n + 1));
            }
        }
        counts.forEach((service, n) -> {
            if (!Integer.valueOf(n).equals(staffing.put(service, n))) {
                estimation.onEvent(new QueueEvent.StaffingChanged(service, n, clock.instant()));
            }
        });
    }

    private <T> CompletableFuture<T> onOwner(Supplier<CompletableFuture<T>> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            owner.execute(() -> {
                try {
                    task.get().whenComplete((value, error) -> {
                        if (error != null) {
                            result.completeExceptionally(error);
                        } else {
                            result.complete(value);
                        }
                    });
                } catch (RuntimeException e) {
                    log.error("queue desk command failed", e);
                    result.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }

    private static Void logFailure(Throwable error, String command, String contactId) {
        if (error != null) {
            log.warn("contact center refused {} for contact {}: {}", command, contactId, error.getMessage());
        }
        return null;
    }
}
