package org.rappel.store;

import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CallbackStore} over JDBC, for SQLite and PostgreSQL alike: the dialect supplies the few SQL differences,
 * the {@link Transactions} how writes are serialised and committed. Thread-safe; see the interface for the
 * contract. Numbers appear in logs masked only.
 */
final class JdbcCallbackStore implements CallbackStore {
    private static final Logger log = LoggerFactory.getLogger(JdbcCallbackStore.class);
    private static final Comparator<CallbackRequest> SERVING_ORDER =
            Comparator.comparingInt(CallbackRequest::priority).reversed()
                    .thenComparing(CallbackRequest::virtualArrival);

    private final SqlDialect dialect;
    private final CallbackSql sql;
    private final Transactions transactions;
    private final Clock clock;
    private final StoreMetrics metrics;

    JdbcCallbackStore(SqlDialect dialect, Transactions transactions, Clock clock, StoreMetrics metrics) {
        this.dialect = dialect;
        this.sql = new CallbackSql(dialect);
        this.transactions = transactions;
        this.clock = clock;
        this.metrics = metrics;
        metrics.resyncPending(countActive());
    }

    @Override
    public SaveOutcome save(NewCallback request) {
        UUID freshId = UUID.randomUUID();
        long now = clock.millis();
        CallbackRequest stored = write("save", connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(sql.upsert)) {
                dialect.bindId(upsert, 1, freshId);
                upsert.setString(2, request.service());
                upsert.setString(3, request.number());
                upsert.setString(4, request.callingLine());
                upsert.setLong(5, request.virtualArrival().toEpochMilli());
                upsert.setInt(6, request.priority());
                upsert.setString(7, request.language());
                upsert.setString(8, CallbackRows.json(request.ivrContext()));
                upsert.setString(9, request.origin().name());
                CallbackRows.setOptionalMillis(upsert, 10, request.requestedSlot());
                upsert.setLong(11, request.firstAttemptDue().toEpochMilli());
                upsert.setLong(12, now);
                upsert.setLong(13, now);
                return single(upsert).orElseThrow(() -> new SQLException("upsert returned no row"));
            }
        });
        // The fresh id comes back only when the row was inserted; a merge returns the existing row's id.
        if (stored.id().equals(freshId)) {
            metrics.pendingChanged(1);
            log.debug("callback {} stored for {} on {}", stored.id(), PhoneMask.mask(stored.number()),
                    stored.service());
            return new SaveOutcome.Created(stored);
        }
        log.debug("callback request for {} on {} merged into {}", PhoneMask.mask(stored.number()),
                stored.service(), stored.id());
        return new SaveOutcome.Merged(stored);
    }

    @Override
    public Optional<CallbackRequest> find(UUID id) {
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.findById)) {
                dialect.bindId(select, 1, id);
                return single(select);
            }
        });
    }

    @Override
    public Optional<CallbackRequest> cancel(UUID id) {
        Optional<CallbackRequest> cancelled = write("cancel", connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql.cancelById)) {
                update.setString(1, "cancelled");
                update.setLong(2, clock.millis());
                dialect.bindId(update, 3, id);
                return single(update);
            }
        });
        cancelled.ifPresent(c -> metrics.pendingChanged(-1));
        return cancelled;
    }

    @Override
    public Optional<CallbackRequest> cancel(String number, String service) {
        Optional<CallbackRequest> cancelled = write("cancel", connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql.cancelByNumber)) {
                update.setString(1, "cancelled");
                update.setLong(2, clock.millis());
                update.setString(3, number);
                update.setString(4, service);
                return single(update);
            }
        });
        cancelled.ifPresent(c -> metrics.pendingChanged(-1));
        return cancelled;
    }

    @Override
    public List<CallbackRequest> claimDue(Instant now, NodeId node, Duration lease, int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("max must be positive");
        }
        requirePositive(lease);
        long nowMillis = now.toEpochMilli();
        List<CallbackRequest> claimed = write("claim", connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql.claimDue)) {
                update.setLong(1, nowMillis);
                update.setLong(2, nowMillis);
                update.setInt(3, max);
                update.setString(4, node.value());
                update.setLong(5, now.plus(lease).toEpochMilli());
                update.setLong(6, clock.millis());
                try (ResultSet rows = update.executeQuery()) {
                    return CallbackRows.requests(rows);
                }
            }
        });
        // RETURNING gives no order; the caller gets serving order.
        return claimed.stream().sorted(SERVING_ORDER).toList();
    }

    @Override
    public Optional<CallbackRequest> claim(UUID id, Instant now, NodeId node, Duration lease) {
        return claimOne(false, id, now, node, lease);
    }

    @Override
    public Optional<CallbackRequest> claimIfDue(UUID id, Instant now, NodeId node, Duration lease) {
        return claimOne(true, id, now, node, lease);
    }

    /** {@code dueOnly}: the statement that also checks the due time, which binds {@code now} once more, last. */
    private Optional<CallbackRequest> claimOne(boolean dueOnly, UUID id, Instant now, NodeId node, Duration lease) {
        requirePositive(lease);
        return write("claim", connection -> {
            try (PreparedStatement update = connection.prepareStatement(dueOnly ? sql.claimOneDue : sql.claimOne)) {
                update.setString(1, node.value());
                update.setLong(2, now.plus(lease).toEpochMilli());
                update.setLong(3, clock.millis());
                dialect.bindId(update, 4, id);
                update.setLong(5, now.toEpochMilli());
                if (dueOnly) {
                    update.setLong(6, now.toEpochMilli());
                }
                return single(update);
            }
        });
    }

    @Override
    public boolean markDialing(UUID id, NodeId node, Instant leaseUntil) {
        return write("dialing", connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql.markDialing)) {
                update.setLong(1, leaseUntil.toEpochMilli());
                update.setLong(2, clock.millis());
                dialect.bindId(update, 3, id);
                update.setString(4, node.value());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean release(UUID id, NodeId node) {
        return write("release", connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql.release)) {
                update.setLong(1, clock.millis());
                dialect.bindId(update, 2, id);
                update.setString(3, node.value());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int releaseClaims(NodeId node) {
        int released = write("release", connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql.releaseAll)) {
                update.setLong(1, clock.millis());
                update.setString(2, node.value());
                return update.executeUpdate();
            }
        });
        if (released > 0) {
            log.warn("{} callback claims of node {} left by a previous run handed back", released, node);
        }
        return released;
    }

    @Override
    public Optional<AttemptRecorded> recordAttempt(UUID id, NodeId node, AttemptReport report, Disposition next) {
        Optional<AttemptRecorded> recorded = write("attempt", connection -> {
            Optional<CallbackRequest> after = closeAttempt(connection, id, node, next);
            if (after.isEmpty()) {
                return Optional.<AttemptRecorded>empty();
            }
            CallbackAttempt attempt = new CallbackAttempt(id, after.get().attempts(), report.started(),
                    report.ended(), report.outcome(), report.reason());
            try (PreparedStatement insert = connection.prepareStatement(sql.insertAttempt)) {
                dialect.bindId(insert, 1, id);
                insert.setInt(2, attempt.attemptNo());
                insert.setLong(3, attempt.started().toEpochMilli());
                insert.setLong(4, attempt.ended().toEpochMilli());
                insert.setString(5, attempt.outcome().name());
                insert.setString(6, attempt.reason());
                insert.executeUpdate();
            }
            return Optional.of(new AttemptRecorded(after.get(), attempt));
        });
        if (recorded.isEmpty()) {
            // The caller says whether this matters: an answer told twice (the callback script and the
            // OriginateResponse) is expected; a claim lost to its lease is warned about by the dialer.
            log.debug("attempt on callback {} by node {} refused: the node no longer holds the claim", id, node);
        } else if (!recorded.get().callback().state().isActive()) {
            metrics.pendingChanged(-1);
        }
        return recorded;
    }

    private Optional<CallbackRequest> closeAttempt(Connection connection, UUID id, NodeId node, Disposition next)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql.closeAttempt)) {
            CallbackState state;
            Optional<Instant> due = Optional.empty();
            String reason = null;
            if (next instanceof Disposition.Retry retry) {
                state = CallbackState.PENDING;
                due = Optional.of(retry.at());
            } else if (next instanceof Disposition.Failed failed) {
                state = CallbackState.FAILED;
                reason = failed.reason();
            } else {
                state = CallbackState.DONE;
            }
            update.setString(1, state.name());
            CallbackRows.setOptionalMillis(update, 2, due);
            if (reason == null) {
                update.setNull(3, Types.VARCHAR);
            } else {
                update.setString(3, reason);
            }
            update.setLong(4, clock.millis());
            dialect.bindId(update, 5, id);
            update.setString(6, node.value());
            return single(update);
        }
    }

    @Override
    public List<CallbackAttempt> attempts(UUID id) {
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.attempts)) {
                dialect.bindId(select, 1, id);
                try (ResultSet rows = select.executeQuery()) {
                    List<CallbackAttempt> list = new java.util.ArrayList<>();
                    while (rows.next()) {
                        list.add(CallbackRows.attempt(rows));
                    }
                    return list;
                }
            }
        });
    }

    @Override
    public List<CallbackRequest> activeFor(String number) {
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.activeByNumber)) {
                select.setString(1, number);
                try (ResultSet rows = select.executeQuery()) {
                    return CallbackRows.requests(rows);
                }
            }
        });
    }

    @Override
    public List<CallbackRequest> dialingOf(NodeId node) {
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.dialingOf)) {
                select.setString(1, node.value());
                try (ResultSet rows = select.executeQuery()) {
                    return CallbackRows.requests(rows);
                }
            }
        });
    }

    @Override
    public List<CallbackRequest> expiredClaims(Instant now) {
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.expiredClaims)) {
                select.setLong(1, now.toEpochMilli());
                try (ResultSet rows = select.executeQuery()) {
                    return CallbackRows.requests(rows);
                }
            }
        });
    }

    @Override
    public Map<Instant, Integer> slotBookings(String service, Instant from, Instant to) {
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.slotBookings)) {
                select.setString(1, service);
                select.setLong(2, from.toEpochMilli());
                select.setLong(3, to.toEpochMilli());
                Map<Instant, Integer> bookings = new TreeMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        bookings.put(Instant.ofEpochMilli(rows.getLong(1)), rows.getInt(2));
                    }
                }
                return bookings;
            }
        });
    }

    @Override
    public List<CallbackRequest> loadPending() {
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.loadPending);
                    ResultSet rows = select.executeQuery()) {
                return CallbackRows.requests(rows);
            }
        });
    }

    @Override
    public Map<CallbackState, Long> countByState() {
        Map<CallbackState, Long> counts = transactions.read(connection -> {
            Map<CallbackState, Long> byState = new EnumMap<>(CallbackState.class);
            for (CallbackState state : CallbackState.values()) {
                byState.put(state, 0L);
            }
            try (PreparedStatement select = connection.prepareStatement(sql.countByState);
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    byState.put(CallbackState.valueOf(rows.getString("state")), rows.getLong("n"));
                }
            }
            return byState;
        });
        metrics.resyncPending(counts.entrySet().stream()
                .filter(e -> e.getKey().isActive()).mapToLong(Map.Entry::getValue).sum());
        return Map.copyOf(counts);
    }

    @Override
    public void close() {
        transactions.close();
    }

    /** A read on the store's own connections, for tests that check connection settings. */
    <T> T read(Transactions.Work<T> work) {
        return transactions.read(work);
    }

    private long countActive() {
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.countActive);
                    ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private <T> T write(String operation, Transactions.Work<T> work) {
        Timer.Sample sample = metrics.start();
        try {
            T result = transactions.write(work);
            metrics.written(sample, operation, "committed");
            return result;
        } catch (StoreException e) {
            metrics.written(sample, operation, "failed");
            throw e;
        }
    }

    private static void requirePositive(Duration lease) {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("a claim lease must be positive");
        }
    }

    private static Optional<CallbackRequest> single(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(CallbackRows.request(rows)) : Optional.empty();
        }
    }
}
