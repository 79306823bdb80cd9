-- Organisations, what they watch, where they are told, and every alert and delivery (PostgreSQL
-- dialect; kept in step with ../sqlite/V6__organisations_and_alerts.sql). Alerts are derived from the
-- outbox's events once per organisation; a delivery is one alert to one channel, keyed by both so
-- that a retried or restarted dispatcher never delivers twice.
CREATE TABLE organisations (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    plan        TEXT NOT NULL CHECK (plan IN ('FREE', 'WATCHER', 'PROFESSIONAL')),
    created_at  TEXT NOT NULL
);

CREATE TABLE watches (
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    kind             TEXT NOT NULL CHECK (kind IN ('PLATFORM', 'DOCUMENT', 'PROVISION')),
    target           TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    PRIMARY KEY (organisation_id, kind, target)
);

CREATE TABLE channels (
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    id               TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('EMAIL', 'WEBHOOK')),
    address          TEXT NOT NULL,
    secret           TEXT,
    created_at       TEXT NOT NULL,
    PRIMARY KEY (organisation_id, id)
);

-- How far a consumer of the outbox got.
CREATE TABLE event_cursors (
    consumer  TEXT PRIMARY KEY,
    seq       BIGINT NOT NULL
);

CREATE TABLE alerts (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    event_id         TEXT NOT NULL,
    document_id      TEXT NOT NULL,
    cadence          TEXT NOT NULL CHECK (cadence IN ('SAME_DAY', 'DIGEST')),
    message          TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX alerts_by_organisation ON alerts (organisation_id, created_at);

CREATE TABLE deliveries (
    idempotency_key  TEXT PRIMARY KEY,
    alert_id         TEXT NOT NULL REFERENCES alerts (id),
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    channel_id       TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'DEAD')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    last_error       TEXT,
    delivered_at     TEXT,
    claimed_by       TEXT,
    claimed_until    TEXT
);
CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);
