-- The direction of a binding reference (SQLite dialect; kept in step with
-- ../postgresql/V7__incorporation_direction_and_watch_kinds.sql): "This Policy supplements the AWS
-- Acceptable Use Policy" makes the referring document part of the target's rules, the reverse of
-- "you must comply with". Rows derived before this column existed are derived again (the structure
-- deriver's version changed with it). Also: topic and regulation watches, Slack channels, and when
-- each organisation's weekly digest goes out.
ALTER TABLE derived_references ADD COLUMN part_of_target BOOLEAN NOT NULL DEFAULT 0;

CREATE TABLE watches_v7 (
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    kind             TEXT NOT NULL CHECK (kind IN ('PLATFORM', 'DOCUMENT', 'PROVISION', 'TOPIC', 'REGULATION')),
    target           TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    PRIMARY KEY (organisation_id, kind, target)
);
INSERT INTO watches_v7 SELECT organisation_id, kind, target, created_at FROM watches;
DROP TABLE watches;
ALTER TABLE watches_v7 RENAME TO watches;

CREATE TABLE channels_v7 (
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    id               TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('EMAIL', 'WEBHOOK', 'SLACK')),
    address          TEXT NOT NULL,
    secret           TEXT,
    created_at       TEXT NOT NULL,
    PRIMARY KEY (organisation_id, id)
);
INSERT INTO channels_v7 SELECT organisation_id, id, kind, address, secret, created_at FROM channels;
DROP TABLE channels;
ALTER TABLE channels_v7 RENAME TO channels;

-- The weekly digest: on this day of the week, at this hour, in this time zone; and the end of the
-- last period sent, so a digest covers "since you last heard from us" even after downtime.
ALTER TABLE organisations ADD COLUMN digest_day TEXT NOT NULL DEFAULT 'MONDAY'
    CHECK (digest_day IN ('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'));
ALTER TABLE organisations ADD COLUMN digest_hour INTEGER NOT NULL DEFAULT 8 CHECK (digest_hour BETWEEN 0 AND 23);
ALTER TABLE organisations ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
ALTER TABLE organisations ADD COLUMN digested_until TEXT;

-- A weekly digest lists alerts kept for it; a delivery carries one alert or one digest.
CREATE TABLE digests (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    period_start     TEXT NOT NULL,
    period_end       TEXT NOT NULL,
    alert_ids        TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX digests_by_organisation ON digests (organisation_id, period_end);

CREATE TABLE deliveries_v7 (
    idempotency_key  TEXT PRIMARY KEY,
    alert_id         TEXT REFERENCES alerts (id),
    digest_id        TEXT REFERENCES digests (id),
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    channel_id       TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'DEAD')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    last_error       TEXT,
    delivered_at     TEXT,
    claimed_by       TEXT,
    claimed_until    TEXT,
    CHECK ((alert_id IS NULL) <> (digest_id IS NULL))
);
INSERT INTO deliveries_v7 (idempotency_key, alert_id, digest_id, organisation_id, channel_id, state, attempts, next_attempt_at, last_error,
                           delivered_at, claimed_by, claimed_until)
    SELECT idempotency_key, alert_id, NULL, organisation_id, channel_id, state, attempts, next_attempt_at, last_error, delivered_at,
           claimed_by, claimed_until FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_v7 RENAME TO deliveries;
CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);
CREATE INDEX deliveries_by_organisation ON deliveries (organisation_id);
