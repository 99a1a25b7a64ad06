package org.rappel.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Durable home of callback promises and their attempts.
 *
 * <p>Contract, common to every implementation:
 * <ul>
 * <li>Every method that changes something returns only once the change is committed durably (on SQLite: fsync'd
 * WAL; on PostgreSQL: committed with the server's own durability settings). A caller tells the citizen
 * "confirmed" only after {@link #save} returned; on failure it throws {@link StoreException} and nothing was
 * promised.</li>
 * <li>At most one active ({@code PENDING}, {@code CLAIMED}, {@code DIALING}) callback per (number, service): a
 * second request for the same pair updates the first and keeps its id, place (the earlier virtual arrival) and
 * the higher priority.</li>
 * <li>A claim belongs to one node until its lease ends; {@link #claimDue} never hands the same callback to two
 * nodes while a lease runs, and hands back callbacks whose lease ended (a crashed node's).</li>
 * <li>State changes by a node that no longer holds the claim (lease lost, cancelled meanwhile) are refused:
 * the methods return empty / false and change nothing.</li>
 * </ul>
 *
 * <p>Threads: every method may be called from any thread, and blocks until the database answered. Never call it
 * on a Netty event loop: hand the call to a worker and continue on its completion.
 */
public interface CallbackStore extends AutoCloseable {

    /** Stores a new request, or folds it into the active one for the same number and service. Durable on return. */
    SaveOutcome save(NewCallback request);

    Optional<CallbackRequest> find(UUID id);

    /** Cancels an active callback; returns it as cancelled, or empty if there was none active with this id. */
    Optional<CallbackRequest> cancel(UUID id);

    /** Cancels the active callback of this number for this service, if any. */
    Optional<CallbackRequest> cancel(String number, String service);

    /**
     * Claims up to {@code max} callbacks due at {@code now} for {@code node}, until {@code now + lease}: those
     * {@code PENDING} with their next attempt due, and those whose claim lease ended. Highest priority and
     * earliest virtual arrival first.
     */
    List<CallbackRequest> claimDue(Instant now, NodeId node, Duration lease, int max);

    /**
     * As {@link #claim}, but a {@code PENDING} callback only once its next attempt is due: what an agent reserved for
     * it takes, so that no stale view of the line (a retry's back-off, a slot not yet begun) can dial it early.
     */
    Optional<CallbackRequest> claimIfDue(UUID id, Instant now, NodeId node, Duration lease);

    /** Claims one given callback if it is {@code PENDING} (whatever its due time) or its lease ended. */
    Optional<CallbackRequest> claim(UUID id, Instant now, NodeId node, Duration lease);

    /** {@code CLAIMED} to {@code DIALING}, renewing the lease until {@code leaseUntil}; false if not this node's. */
    boolean markDialing(UUID id, NodeId node, Instant leaseUntil);

    /** Gives a claim back unused ({@code PENDING} again, no attempt counted); false if not this node's. */
    boolean release(UUID id, NodeId node);

    /**
     * Gives back every claim this node holds, for a restart: the previous run of the node died with them.
     * Returns how many. Call before {@link #loadPending()} on start.
     */
    int releaseClaims(NodeId node);

    /**
     * Records an attempt by the claiming node and applies the disposition, in one transaction: the attempt row,
     * the attempt count, the new state and next due time, and the end of the claim. Empty (and nothing written)
     * if the node no longer holds the claim.
     */
    Optional<AttemptRecorded> recordAttempt(UUID id, NodeId node, AttemptReport report, Disposition next);

    List<CallbackAttempt> attempts(UUID id);

    /** The active callbacks of one E.164 number, in serving order (the cancel menu of a new call). */
    List<CallbackRequest> activeFor(String number);

    /**
     * The {@code DIALING} callbacks this node holds: after a crash, their calls may have rung or been answered, so a
     * restarting node records an attempt of unknown outcome for each (the retry policy then applies) instead of
     * handing them back for an immediate redial. Call before {@link #releaseClaims}.
     */
    List<CallbackRequest> dialingOf(NodeId node);

    /**
     * Callbacks claimed ({@code CLAIMED} or {@code DIALING}) by any node whose lease ended before {@code now}: a node
     * that died for good, or a write that failed after a claim. A node takes them over with {@link #claim}.
     */
    List<CallbackRequest> expiredClaims(Instant now);

    /** Active callbacks of a service booked for a slot starting in {@code [from, to)}, counted per slot start. */
    Map<Instant, Integer> slotBookings(String service, Instant from, Instant to);

    /** Every {@code PENDING} callback, highest priority then earliest virtual arrival first, to refill queues. */
    List<CallbackRequest> loadPending();

    /** How many callbacks are in each state (every state present, zero included). */
    Map<CallbackState, Long> countByState();

    /** Stops accepting work, finishes what was accepted, and closes the connections. */
    @Override
    void close();
}
