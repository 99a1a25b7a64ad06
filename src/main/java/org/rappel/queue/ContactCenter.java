package org.rappel.queue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contact-center core: per-service queues of contacts, the agents, and the dispatcher that matches them.
 * Every method may be called from any thread, never blocks, and returns a future.
 *
 * <h2>Threading</h2>
 * All state is owned by one thread, the {@code owner} executor: each method posts its command there and returns;
 * the future completes <em>on the owner thread</em>, so a stage chained before completion runs there and holds
 * up every other command. Callers on a Netty event loop chain with {@code thenAcceptAsync(..., channel.eventLoop())}
 * (or keep the stage tiny), and never {@code join()}.
 * No lock is taken on the way. The owner may be any single-threaded {@link ScheduledExecutorService},
 * e.g. a Netty {@code EventLoop} set aside for it.
 *
 * <h2>Errors</h2>
 * A refused command fails its future with a {@link ContactCenterException} naming the cause (unknown service,
 * agent or contact; duplicate contact; wrong contact or agent state), and has changed nothing. When more than
 * {@code maxPendingCommands} commands wait for the owner thread, new ones fail at once with
 * {@link ContactCenterException.Overloaded} (counted in {@code rappel_queue_commands_refused_total}, one warning
 * per overload episode) instead of piling up. Commands that settle what is already there — {@link #remove},
 * {@link #connected}, {@link #offerFailed}, {@link #callEnded} — are never refused: they are bounded by the
 * contacts and agents present, and refusing one would leave a contact in line or an agent reserved for good.
 *
 * <h2>Order in a service</h2>
 * Higher priority class first, then earlier virtual arrival, then enqueue order. A callback enqueued with its
 * caller's arrival time takes the caller's place. {@link #move} and {@link #changePriority} keep the virtual
 * arrival, so a contact lands where its arrival puts it. Positions are 1-based within the service.
 *
 * <h2>Dispatch</h2>
 * A contact is assigned as soon as a matching agent is {@link AgentState#AVAILABLE}:
 * <ul>
 *   <li><b>Which agent</b> gets a contact: among the available agents skilled for its service, the one available
 *       the longest; at the same moment, the higher skill level for that service; then the lower agent id.</li>
 *   <li><b>Which contact</b> an agent gets, when several of its services have contacts waiting (an agent coming
 *       back from wrap-up or pause): among the heads of those services, the higher priority class; then the
 *       longer wait since virtual arrival multiplied by the service's {@link ServiceConfig#weight() weight};
 *       then the service where the agent's level is higher; then the contact enqueued first.</li>
 * </ul>
 * The agent is then {@link AgentState#RESERVED} and every {@link AssignmentListener} is told, on the owner
 * thread. The call path reports how the offer went:
 * <ul>
 *   <li>{@link #connected}: agent {@link AgentState#ON_CALL}; the wait from first enqueue is recorded;</li>
 *   <li>{@link #offerFailed} (busy, no answer, unavailable): the contact goes back to exactly its place (same
 *       priority, virtual arrival and sequence, so the front if it was first) and the agent is
 *       {@link AgentState#PAUSED} with the outcome as reason, until unpaused (as Asterisk's autopause does);
 *       the contact is then offered to the next available agent, if any;</li>
 *   <li>{@link #remove} while offered (the caller hung up while the agent's phone rang): the agent is available
 *       again, keeping its place among available agents;</li>
 *   <li>{@link #callEnded}: agent {@link AgentState#WRAP_UP} for its wrap-up time, then available.</li>
 * </ul>
 * Logged-out and paused agents get nothing. An agent that pauses or logs out while reserved or on a call keeps
 * the call; the request is applied when the call is over ({@link AgentView#afterCall()}): paused after wrap-up,
 * or logged out at once. Pausing during wrap-up ends the wrap-up.
 */
public final class ContactCenter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ContactCenter.class);

    /** Enough for bursts of tens of thousands of callers; a queue that deep means the owner thread is stuck. */
    public static final int DEFAULT_MAX_PENDING_COMMANDS = 100_000;

    private final ScheduledExecutorService owner;
    private final boolean ownsExecutor;
    private final int maxPendingCommands;
    private final AtomicInteger pendingCommands = new AtomicInteger();
    private final AtomicBoolean overloadWarned = new AtomicBoolean();
    private final Counter refusedCommands;
    private final List<AssignmentListener> listeners = new CopyOnWriteArrayList<>();
    /** Built on the caller's thread, then touched only on {@link #owner} (published by the executor's hand-off). */
    private final Dispatcher dispatcher;

    /**
     * @param owner    single-threaded executor that will own all the state; not shut down by {@link #close()}
     * @param clock    time of arrivals, waits and wrap-ups
     * @param registry where the {@code rappel.queue.*} and {@code rappel.agents} meters go
     * @throws IllegalArgumentException a service or agent configured twice, or a skill for an unknown service
     */
    public ContactCenter(List<ServiceConfig> services, List<AgentConfig> agents, ScheduledExecutorService owner,
                         Clock clock, MeterRegistry registry) {
        this(services, agents, owner, false, clock, registry, DEFAULT_MAX_PENDING_COMMANDS);
    }

    /** As above, with the bound on commands waiting for the owner thread. */
    public ContactCenter(List<ServiceConfig> services, List<AgentConfig> agents, ScheduledExecutorService owner,
                         Clock clock, MeterRegistry registry, int maxPendingCommands) {
        this(services, agents, owner, false, clock, registry, maxPendingCommands);
    }

    private ContactCenter(List<ServiceConfig> services, List<AgentConfig> agents, ScheduledExecutorService owner,
                          boolean ownsExecutor, Clock clock, MeterRegistry registry, int maxPendingCommands) {
        if (maxPendingCommands < 1) {
            throw new IllegalArgumentException("maxPendingCommands must be positive, was " + maxPendingCommands);
        }
        this.owner = owner;
        this.ownsExecutor = ownsExecutor;
        this.maxPendingCommands = maxPendingCommands;
        this.refusedCommands = Counter.builder("rappel.queue.commands.refused")
                .description("Commands refused because too many were waiting for the contact center's thread")
                .register(registry);
        this.dispatcher = new Dispatcher(services, agents, clock, this::schedule, registry, this::tellListeners);
    }

    /** A contact center on its own thread, {@code rappel-queue}, stopped by {@link #close()}. */
    public static ContactCenter withOwnThread(List<ServiceConfig> services, List<AgentConfig> agents,
                                              Clock clock, MeterRegistry registry) {
        ScheduledExecutorService owner = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rappel-queue");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return new ContactCenter(services, agents, owner, true, clock, registry, DEFAULT_MAX_PENDING_COMMANDS);
        } catch (RuntimeException e) {
            owner.shutdownNow();
            throw e;
        }
    }

    /** Adds a listener told of every assignment from now on (see {@link AssignmentListener} for its duties). */
    public void addAssignmentListener(AssignmentListener listener) {
        listeners.add(listener);
    }

    // ---- contacts

    /** Puts a contact in its service's queue; it may be assigned at once. */
    public CompletableFuture<ContactStatus> enqueue(Contact contact) {
        return call(() -> dispatcher.enqueue(contact));
    }

    /**
     * Takes a contact out, waiting or offered to an agent (then the agent is freed); not once connected
     * (use {@link #callEnded}). Completes with the contact as it was.
     */
    public CompletableFuture<Contact> remove(String contactId, RemovalReason reason) {
        return settle(() -> dispatcher.remove(contactId, reason));
    }

    /** Where a contact stands: waiting (with its position), offered to an agent, or connected. */
    public CompletableFuture<ContactStatus> status(String contactId) {
        return call(() -> dispatcher.status(contactId));
    }

    /** Moves a waiting contact to another service, keeping its priority class and virtual arrival. */
    public CompletableFuture<ContactStatus> move(String contactId, String service) {
        return call(() -> dispatcher.move(contactId, service));
    }

    /** Changes a waiting contact's priority class, keeping its virtual arrival. */
    public CompletableFuture<ContactStatus> changePriority(String contactId, int priorityClass) {
        return call(() -> dispatcher.changePriority(contactId, priorityClass));
    }

    /** Contacts waiting for a service (not counting those offered to or with an agent). */
    public CompletableFuture<Integer> size(String service) {
        return call(() -> dispatcher.size(service));
    }

    /** The contact this agent would get if available now (rule in the class comment); takes nothing. */
    public CompletableFuture<Optional<Contact>> nextContactFor(String agentId) {
        return call(() -> dispatcher.nextContactFor(agentId));
    }

    /** Every service's waiting contacts in order, and every agent: the supervisor's view. O(contacts + agents). */
    public CompletableFuture<QueueSnapshot> snapshot() {
        return call(dispatcher::snapshot);
    }

    // ---- agents

    public CompletableFuture<AgentView> agent(String agentId) {
        return call(() -> dispatcher.agent(agentId));
    }

    /** Logs an agent in, available at once; no-op if logged in (but cancels a logout asked during a call). */
    public CompletableFuture<AgentView> login(String agentId) {
        return call(() -> dispatcher.login(agentId));
    }

    /** Logs an agent out now, or when its current call is over; no-op if logged out. */
    public CompletableFuture<AgentView> logout(String agentId) {
        return call(() -> dispatcher.logout(agentId));
    }

    /** Pauses a logged-in agent now, or after its current call and wrap-up; a new reason replaces the old. */
    public CompletableFuture<AgentView> pause(String agentId, String reason) {
        return call(() -> dispatcher.pause(agentId, reason));
    }

    /** Makes a paused agent available (or cancels a pause asked during a call); no-op if not paused. */
    public CompletableFuture<AgentView> unpause(String agentId) {
        return call(() -> dispatcher.unpause(agentId));
    }

    // ---- outcomes of an assignment, reported by the call path

    /** The agent answered: the contact is on a call with the agent. Idempotent. */
    public CompletableFuture<AgentView> connected(String contactId) {
        return settle(() -> dispatcher.connected(contactId));
    }

    /** The offer did not reach the agent: the contact is back at its place, the agent paused. */
    public CompletableFuture<ContactStatus> offerFailed(String contactId, OfferOutcome outcome) {
        return settle(() -> dispatcher.offerFailed(contactId, outcome));
    }

    /** The call with the agent is over (either side hung up): the agent wraps up; the contact is forgotten. */
    public CompletableFuture<AgentView> callEnded(String contactId) {
        return settle(() -> dispatcher.callEnded(contactId));
    }

    /** Stops the owner thread if this contact center made it ({@link #withOwnThread}); pending commands fail. */
    @Override
    public void close() {
        if (ownsExecutor) {
            owner.shutdownNow();
        }
    }

    /** New work: refused when the owner's backlog is full. */
    private <T> CompletableFuture<T> call(Supplier<T> command) {
        return post(command, true);
    }

    /** Settles existing contacts and agents: always taken, whatever the backlog. */
    private <T> CompletableFuture<T> settle(Supplier<T> command) {
        return post(command, false);
    }

    private <T> CompletableFuture<T> post(Supplier<T> command, boolean refusable) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (pendingCommands.incrementAndGet() > maxPendingCommands && refusable) {
            pendingCommands.decrementAndGet();
            refusedCommands.increment();
            if (overloadWarned.compareAndSet(false, true)) {
                log.warn("Contact center overloaded: {} commands waiting for its thread; refusing new ones",
                        maxPendingCommands);
            }
            result.completeExceptionally(new ContactCenterException.Overloaded(maxPendingCommands));
            return result;
        }
        try {
            owner.execute(() -> {
                if (pendingCommands.decrementAndGet() < maxPendingCommands / 2) {
                    overloadWarned.set(false);
                }
                try {
                    result.complete(command.get());
                } catch (ContactCenterException | IllegalArgumentException | NullPointerException e) {
                    result.completeExceptionally(e);
                } catch (RuntimeException e) {
                    log.error("Contact-center command failed unexpectedly", e);
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            pendingCommands.decrementAndGet();
            result.completeExceptionally(e);
        }
        return result;
    }

    private Scheduler.Cancellable schedule(java.time.Duration delay, Runnable task) {
        ScheduledFuture<?> future = owner.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("Contact-center timer failed", e);
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    private void tellListeners(Assignment assignment) {
        for (AssignmentListener listener : listeners) {
            listener.assigned(assignment);
        }
    }
}
