-- The direction of a binding reference (PostgreSQL dialect; kept in step with
-- ../sqlite/V7__incorporation_direction_and_watch_kinds.sql): "This Policy supplements the AWS
-- Acceptable Use Policy" makes the referring document part of the target's rules, the reverse of
-- "you must comply with". Rows derived before this column existed are derived again (the structure
-- deriver's version changed with it). Also: topic and regulation watches, Slack channels, and when
-- each organisation's weekly digest goes out.
ALTER TABLE derived_references ADD COLUMN part_of_target BOOLEAN NOT NULL DEFAULT FALSE;

ALTER TABLE watches DROP CONSTRAINT watches_kind_check;
ALTER TABLE watches ADD CONSTRAINT watches_kind_check CHECK (kind IN ('PLATFORM', 'DOCUMENT', 'PROVISION', 'TOPIC', 'REGULATION'));

ALTER TABLE channels DROP CONSTRAINT channels_kind_check;
ALTER TABLE channels ADD CONSTRAINT channels_kind_check CHECK (kind IN ('EMAIL', 'WEBHOOK', 'SLACK'));

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

ALTER TABLE deliveries ALTER COLUMN alert_id DROP NOT NULL;
ALTER TABLE deliveries ADD COLUMN digest_id TEXT REFERENCES digests (id);
ALTER TABLE deliveries ADD CONSTRAINT deliveries_one_notice CHECK ((alert_id IS NULL) <> (digest_id IS NULL));
CREATE INDEX deliveries_by_organisation ON deliveries (organisation_id);
