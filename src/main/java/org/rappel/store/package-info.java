/**
 * Durable callback promises: {@link org.rappel.store.CallbackStore} and its two implementations, opened by
 * {@link org.rappel.store.CallbackStores}.
 *
 * <p>SQLite (default, one node): the file {@code <data>/callbacks.db}, WAL journal, {@code synchronous=FULL};
 * every write goes through one writer thread that commits queued writes together (group commit, one fsync per
 * group, a savepoint per write). PostgreSQL (several nodes): one pool per node, claims with
 * {@code FOR UPDATE SKIP LOCKED} and a lease per claim. The schema is migrated by Flyway from
 * {@code db/migration/sqlite} or {@code db/migration/postgresql}; times are stored as epoch milliseconds.
 *
 * <p>Lifecycle of a promise, as the callback package drives it: {@code save} (PENDING) -> {@code claimDue} or
 * {@code claim} (CLAIMED, leased to a node) -> {@code markDialing} (DIALING; call again to renew the lease) ->
 * {@code recordAttempt} with a {@link org.rappel.store.Disposition}: Retry (PENDING again, due later), Done or
 * Failed. {@code cancel} ends an active promise at any point. On start a node calls {@code releaseClaims(self)}
 * then {@code loadPending()}.
 *
 * <p>Meters: {@code rappel_callback_store_writes_total{operation,outcome}},
 * {@code rappel_callback_store_write_duration_seconds{operation}}, {@code rappel_callback_pending{backend}},
 * and for SQLite {@code rappel_callback_store_commit_group} and {@code rappel_callback_store_write_queue}.
 */
package org.rappel.store;
