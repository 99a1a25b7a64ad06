package org.rappel.e2e.crash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.sqlite.SQLiteConfig;

/**
 * The callback tables as they are on disk, read over plain JDBC from outside the server (the test never asks the
 * server what it stored): {@code callback_request} and {@code callback_attempt} of the schema in
 * {@code db/migration}. On SQLite the reader opens the file read-only for each snapshot and closes it at once, so
 * it never stands in the way of a server starting on the same file.
 *
 * @param callbacks every callback row, oldest first
 * @param attempts  every attempt row
 */
record StoreSnapshot(List<Callback> callbacks, List<Attempt> attempts) {

    /** The states a kept promise may be in: still to do, or done. */
    static final List<String> KEPT = List.of("PENDING", "CLAIMED", "DIALING", "DONE");

    record Callback(String id, String service, String number, String origin, String state, int attempts,
                    long createdMs, long updatedMs, String closedReason) {
        boolean isActive() {
            return state.equals("PENDING") || state.equals("CLAIMED") || state.equals("DIALING");
        }
    }

    record Attempt(String callbackId, int attemptNo, long startedMs, long endedMs, String outcome, String reason) {
    }

    StoreSnapshot {
        callbacks = List.copyOf(callbacks);
        attempts = List.copyOf(attempts);
    }

    /** How the test reaches a store. */
    interface Source {
        StoreSnapshot read();

        /** The SQLite file of a node ({@code <data-dir>/callbacks.db}); empty tables while it does not exist. */
        static Source sqlite(Path file) {
            return () -> {
                if (!Files.exists(file)) {
                    return new StoreSnapshot(List.of(), List.of());
                }
                SQLiteConfig config = new SQLiteConfig();
                config.setReadOnly(true);
                config.setBusyTimeout(10_000);
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(),
                        config.toProperties())) {
                    return StoreSnapshot.read(c);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
                }
            };
        }

        static Source postgres(String url, String user, String password) {
            return () -> {
                try (Connection c = DriverManager.getConnection(url, user, password)) {
                    return StoreSnapshot.read(c);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot read " + url + ": " + e.getMessage(), e);
                }
            };
        }
    }

    private static StoreSnapshot read(Connection c) throws SQLException {
        if (!hasTable(c)) {
            return new StoreSnapshot(List.of(), List.of());
        }
        // One read transaction, so the two tables agree with each other.
        c.setAutoCommit(false);
        try {
            List<Callback> callbacks = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, service, number, origin, state, attempts,"
                    + " created_ms, updated_ms, closed_reason FROM callback_request ORDER BY created_ms, id");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    callbacks.add(new Callback(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), r.getInt(6), r.getLong(7), r.getLong(8),
                            Optional.ofNullable(r.getString(9)).orElse("")));
                }
            }
            List<Attempt> attempts = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT callback_id, attempt_no, started_ms, ended_ms,"
                    + " outcome, reason FROM callback_attempt ORDER BY callback_id, attempt_no");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    attempts.add(new Attempt(r.getString(1), r.getInt(2), r.getLong(3), r.getLong(4),
                            r.getString(5), r.getString(6)));
                }
            }
            c.commit();
            return new StoreSnapshot(callbacks, attempts);
        } finally {
            c.rollback();
        }
    }

    private static boolean hasTable(Connection c) throws SQLException {
        try (ResultSet tables = c.getMetaData().getTables(null, null, "callback_request", null)) {
            return tables.next();
        }
    }

    Map<String, Callback> byId() {
        return callbacks.stream().collect(Collectors.toMap(Callback::id, Function.identity()));
    }

    /** Whether a restarting server recorded an attempt of unknown outcome for this callback. */
    boolean hasUnknownOutcome(String callbackId) {
        return attempts.stream().anyMatch(a -> a.callbackId().equals(callbackId)
                && a.reason().startsWith("outcome unknown"));
    }

    /** How many callbacks are in each state (only states present). */
    Map<String, Long> countByState() {
        return callbacks.stream().collect(Collectors.groupingBy(Callback::state, TreeMap::new,
                Collectors.counting()));
    }
}
