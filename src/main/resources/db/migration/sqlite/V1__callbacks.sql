-- Callback promises and their dial attempts. Times are epoch milliseconds (UTC).
CREATE TABLE callback_request (
    id                 TEXT    NOT NULL PRIMARY KEY,
    service            TEXT    NOT NULL,
    number             TEXT    NOT NULL,
    calling_line       TEXT    NOT NULL,
    virtual_arrival_ms INTEGER NOT NULL,
    priority           INTEGER NOT NULL,
    language           TEXT    NOT NULL,
    ivr_context        TEXT    NOT NULL,
    origin             TEXT    NOT NULL CHECK (origin IN ('PHONE', 'WEB')),
    requested_slot_ms  INTEGER,
    state              TEXT    NOT NULL
        CHECK (state IN ('PENDING', 'CLAIMED', 'DIALING', 'DONE', 'FAILED', 'CANCELLED')),
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms    INTEGER NOT NULL,
    claimed_by         TEXT,
    lease_until_ms     INTEGER,
    closed_reason      TEXT,
    created_ms         INTEGER NOT NULL,
    updated_ms         INTEGER NOT NULL
);

-- The dedupe rule: one active promise per number and service. Save relies on it (ON CONFLICT).
CREATE UNIQUE INDEX callback_request_one_active ON callback_request (number, service)
    WHERE state IN ('PENDING', 'CLAIMED', 'DIALING');

-- Claiming and reloading look at active rows only, in serving order.
CREATE INDEX callback_request_active_order ON callback_request (priority DESC, virtual_arrival_ms)
    WHERE state IN ('PENDING', 'CLAIMED', 'DIALING');

CREATE TABLE callback_attempt (
    callback_id TEXT    NOT NULL REFERENCES callback_request (id),
    attempt_no  INTEGER NOT NULL,
    started_ms  INTEGER NOT NULL,
    ended_ms    INTEGER NOT NULL,
    outcome     TEXT    NOT NULL
        CHECK (outcome IN ('ANSWERED', 'NO_ANSWER', 'BUSY', 'CONGESTION', 'MACHINE', 'FAILED')),
    reason      TEXT    NOT NULL,
    PRIMARY KEY (callback_id, attempt_no)
);
