-- Tracking: what each capture attempt did, and when each document is due (PostgreSQL dialect).

CREATE TABLE tracking_events (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id   TEXT NOT NULL REFERENCES documents (id),
    occurred_at   TEXT NOT NULL,
    outcome       TEXT NOT NULL CHECK (outcome IN ('RECORDED', 'VERIFIED', 'REAPPEARED', 'FAILED', 'UNCHANGED')),
    failure_kind  TEXT,
    message       TEXT NOT NULL,
    technical     BOOLEAN NOT NULL,
    snapshot_ids  TEXT NOT NULL
);
CREATE INDEX tracking_events_by_document ON tracking_events (document_id, occurred_at);

CREATE TABLE schedule (
    document_id      TEXT PRIMARY KEY REFERENCES documents (id),
    cadence_seconds  INTEGER NOT NULL,
    next_run_at      TEXT NOT NULL,
    claimed_by       TEXT,
    claimed_until    TEXT
);
CREATE INDEX schedule_by_due ON schedule (next_run_at);
