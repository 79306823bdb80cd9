-- A saved use-case check is a watch of its own kind (SQLite dialect; kept in step with
-- ../postgresql/V10__use_watches.sql): SQLite changes a CHECK constraint by rebuilding the table.
CREATE TABLE watches_v10 (
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    kind             TEXT NOT NULL CHECK (kind IN ('PLATFORM', 'DOCUMENT', 'PROVISION', 'TOPIC', 'REGULATION', 'USE')),
    target           TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    PRIMARY KEY (organisation_id, kind, target)
);
INSERT INTO watches_v10 SELECT organisation_id, kind, target, created_at FROM watches;
DROP TABLE watches;
ALTER TABLE watches_v10 RENAME TO watches;
