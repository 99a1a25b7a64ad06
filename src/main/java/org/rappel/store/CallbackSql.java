package org.rappel.store;

/**
 * Every statement of the store, resolved for one dialect. The active states ({@code PENDING}, {@code CLAIMED},
 * {@code DIALING}) are spelled exactly as in the partial unique index, so that {@code ON CONFLICT} finds it.
 */
final class CallbackSql {
    static final String ACTIVE = "state IN ('PENDING', 'CLAIMED', 'DIALING')";
    private static final String ORDER = "ORDER BY priority DESC, virtual_arrival_ms, created_ms, id";
    private static final String END_CLAIM = "claimed_by = NULL, lease_until_ms = NULL";
    /** A claim can be taken from a {@code PENDING} row, or from a claimed row whose lease ended. */
    private static final String CLAIMABLE_NOW =
            "(state = 'PENDING' OR (state IN ('CLAIMED', 'DIALING') AND lease_until_ms <= ?))";

    final String upsert;
    final String findById;
    final String cancelById;
    final String cancelByNumber;
    final String claimDue;
    final String claimOne;
    final String claimOneDue;
    final String markDialing;
    final String release;
    final String releaseAll;
    final String closeAttempt;
    final String insertAttempt;
    final String attempts;
    final String loadPending;
    final String countByState;
    final String countActive;
    final String activeByNumber;
    final String dialingOf;
    final String slotBookings;
    final String expiredClaims;

    CallbackSql(SqlDialect dialect) {
        upsert = dialect.resolve("""
                INSERT INTO callback_request (id, service, number, calling_line, virtual_arrival_ms, priority,
                    language, ivr_context, origin, requested_slot_ms, state, attempts, next_attempt_ms,
                    created_ms, updated_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, {json}, ?, ?, 'PENDING', 0, ?, ?, ?)
                ON CONFLICT (number, service) WHERE %s DO UPDATE SET
                    calling_line = excluded.calling_line,
                    virtual_arrival_ms = {least}(callback_request.virtual_arrival_ms, excluded.virtual_arrival_ms),
                    priority = {greatest}(callback_request.priority, excluded.priority),
                    language = excluded.language,
                    ivr_context = excluded.ivr_context,
                    origin = excluded.origin,
                    requested_slot_ms = excluded.requested_slot_ms,
                    next_attempt_ms = CASE WHEN callback_request.state = 'PENDING'
                        THEN excluded.next_attempt_ms ELSE callback_request.next_attempt_ms END,
                    updated_ms = excluded.updated_ms
                RETURNING *""".formatted(ACTIVE));
        findById = "SELECT * FROM callback_request WHERE id = ?";
        String cancel = "UPDATE callback_request SET state = 'CANCELLED', " + END_CLAIM
                + ", closed_reason = ?, updated_ms = ? WHERE ";
        cancelById = cancel + "id = ? AND " + ACTIVE + " RETURNING *";
        cancelByNumber = cancel + "number = ? AND service = ? AND " + ACTIVE + " RETURNING *";
        // On PostgreSQL the CTE locks the chosen rows and skips rows another node is claiming right now, so two
        // nodes never take the same one; on SQLite the single writer thread gives the same guarantee.
        claimDue = dialect.resolve("""
                WITH due AS (
                    SELECT id FROM callback_request
                    WHERE (state = 'PENDING' AND next_attempt_ms <= ?)
                       OR (state IN ('CLAIMED', 'DIALING') AND lease_until_ms <= ?)
                    %s LIMIT ? {lock})
                UPDATE callback_request SET state = 'CLAIMED', claimed_by = ?, lease_until_ms = ?, updated_ms = ?
                WHERE id IN (SELECT id FROM due)
                RETURNING *""".formatted(ORDER));
        claimOne = "UPDATE callback_request SET state = 'CLAIMED', claimed_by = ?, lease_until_ms = ?, updated_ms = ?"
                + " WHERE id = ? AND " + CLAIMABLE_NOW + " RETURNING *";
        claimOneDue = "UPDATE callback_request SET state = 'CLAIMED', claimed_by = ?, lease_until_ms = ?, updated_ms = ?"
                + " WHERE id = ? AND " + CLAIMABLE_NOW + " AND (state <> 'PENDING' OR next_attempt_ms <= ?) RETURNING *";
        String owned = " AND claimed_by = ? AND state IN ('CLAIMED', 'DIALING')";
        markDialing = "UPDATE callback_request SET state = 'DIALING', lease_until_ms = ?, updated_ms = ?"
                + " WHERE id = ?" + owned;
        release = "UPDATE callback_request SET state = 'PENDING', " + END_CLAIM + ", updated_ms = ?"
                + " WHERE id = ?" + owned;
        releaseAll = "UPDATE callback_request SET state = 'PENDING', " + END_CLAIM + ", updated_ms = ?"
                + " WHERE claimed_by = ? AND state IN ('CLAIMED', 'DIALING')";
        closeAttempt = "UPDATE callback_request SET attempts = attempts + 1, state = ?,"
                + " next_attempt_ms = COALESCE(?, next_attempt_ms), " + END_CLAIM + ", closed_reason = ?,"
                + " updated_ms = ? WHERE id = ?" + owned + " RETURNING *";
        insertAttempt = "INSERT INTO callback_attempt (callback_id, attempt_no, started_ms, ended_ms, outcome, reason)"
                + " VALUES (?, ?, ?, ?, ?, ?)";
        attempts = "SELECT * FROM callback_attempt WHERE callback_id = ? ORDER BY attempt_no";
        loadPending = "SELECT * FROM callback_request WHERE state = 'PENDING' " + ORDER;
        countByState = "SELECT state, COUNT(*) AS n FROM callback_request GROUP BY state";
        countActive = "SELECT COUNT(*) FROM callback_request WHERE " + ACTIVE;
        activeByNumber = "SELECT * FROM callback_request WHERE number = ? AND " + ACTIVE + " " + ORDER;
        dialingOf = "SELECT * FROM callback_request WHERE claimed_by = ? AND state = 'DIALING' " + ORDER;
        expiredClaims = "SELECT * FROM callback_request WHERE state IN ('CLAIMED', 'DIALING') AND lease_until_ms <= ? "
                + ORDER;
        slotBookings = "SELECT requested_slot_ms, COUNT(*) AS n FROM callback_request WHERE service = ? AND "
                + ACTIVE + " AND requested_slot_ms >= ? AND requested_slot_ms < ? GROUP BY requested_slot_ms";
    }
}
