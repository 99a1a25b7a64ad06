-- Callback promises and their dial attempts, shared by every Rappel node. Times are epoch milliseconds (UTC),
-- as on SQLite, so both stores share one row mapping.
CREATE TABLE callback_request (
    id                 UUID    NOT NULL PRIMARY KEY,
    service            TEXT    NOT NULL,
    number             TEXT    NOT NULL,
    calling_line       TEXT    NOT NULL,
    virtual_arrival_ms BIGINT  NOT NULL,
    priority           INTEGER NOT NULL,
    language           TEXT    NOT NULL,
    ivr_context        JSONB   NOT NULL,
    origin             TEXT    NOT NULL CHECK (origin IN ('PHONE', 'WEB')),
    requested_slot_ms  BIGINT,
    state              TEXT    NOT NULL
        CHECK (state IN ('PENDING', 'CLAIMED', 'DIALING', 'DONE', 'FAILED', 'CANCELLED')),
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms    BIGINT  NOT NULL,
    claimed_by         TEXT,
    lease_until_ms     BIGINT,
    closed_reason      TEXT,
    created_ms         BIGINT  NOT NULL,
    updated_ms         BIGINT  NOT NULL
);

-- The dedupe rule: one active promise per number and service. Save relies on it (ON CONFLICT).
CREATE UNIQUE INDEX callback_request_one_active ON callback_request (number, service)
    WHERE state IN ('PENDING', 'CLAIMED', 'DIALING');

-- Claiming and reloading look at active rows only, in serving order.
CREATE INDEX callback_request_active_order ON callback_request (priority DESC, virtual_arrival_ms)
    WHERE state IN ('PENDING', 'CLAIMED', 'DIALING');

CREATE TABLE callback_attempt (
    callback_id UUID    NOT NULL REFERENCES callback_request (id),
    attempt_no  INTEGER NOT NULL,
    started_ms  BIGINT  NOT NULL,
    ended_ms    BIGINT  NOT NULL,
    outcome     TEXT    NOT NULL
        CHECK (outcome IN ('ANSWERED', 'NO_ANSWER', 'BUSY', 'CONGESTION', 'MACHINE', 'FAILED')),
    reason      TEXT    NOT NULL,
    PRIMARY KEY (callback_id, attempt_no)
);
