-- Registry and archive, PostgreSQL dialect (kept in step with ../sqlite/V1__registry_and_archive.sql).
-- Instants are TEXT in one fixed UTC form (2024-01-02T03:04:05.000Z), as in SQLite, so that both
-- stores hash and compare the very same strings.

CREATE TABLE platforms (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE documents (
    id             TEXT PRIMARY KEY,
    platform_id    TEXT NOT NULL REFERENCES platforms (id),
    document_type  TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    UNIQUE (platform_id, document_type)
);

CREATE TABLE declarations (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id     TEXT NOT NULL REFERENCES documents (id),
    valid_until     TEXT,
    validity        TEXT NOT NULL,
    sources         TEXT NOT NULL,
    sources_sha256  TEXT NOT NULL,
    origin          TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    UNIQUE (document_id, validity, sources_sha256)
);

CREATE TABLE snapshots (
    id              TEXT PRIMARY KEY,
    document_id     TEXT NOT NULL REFERENCES documents (id),
    content_sha256  TEXT NOT NULL,
    bytes           BIGINT NOT NULL,
    media_type      TEXT NOT NULL,
    url             TEXT NOT NULL,
    final_url       TEXT NOT NULL,
    status          INTEGER NOT NULL,
    headers         TEXT NOT NULL,
    fetched_at      TEXT NOT NULL
);

CREATE TABLE versions (
    document_id              TEXT NOT NULL REFERENCES documents (id),
    record_seq               INTEGER NOT NULL,
    content_sha256           TEXT NOT NULL,
    bytes                    BIGINT NOT NULL,
    kind                     TEXT NOT NULL CHECK (kind IN ('FIRST', 'CHANGE', 'TECHNICAL_UPGRADE')),
    extractor_version        TEXT NOT NULL,
    snapshot_ids             TEXT NOT NULL,
    recorded_at              TEXT NOT NULL,
    previous_content_sha256  TEXT,
    chain_hash               TEXT NOT NULL,
    PRIMARY KEY (document_id, record_seq),
    UNIQUE (document_id, content_sha256)
);

CREATE TABLE observations (
    document_id           TEXT NOT NULL REFERENCES documents (id),
    seq                   INTEGER NOT NULL,
    kind                  TEXT NOT NULL CHECK (kind IN ('RECORDED', 'VERIFIED', 'REAPPEARED')),
    content_sha256        TEXT NOT NULL,
    observed_at           TEXT NOT NULL,
    recorded_at           TEXT NOT NULL,
    provenance_archive    TEXT NOT NULL,
    provenance_reference  TEXT NOT NULL,
    provenance_details    TEXT NOT NULL,
    chain_hash            TEXT NOT NULL,
    PRIMARY KEY (document_id, seq),
    UNIQUE (document_id, provenance_archive, provenance_reference),
    FOREIGN KEY (document_id, content_sha256) REFERENCES versions (document_id, content_sha256)
);

CREATE INDEX observations_by_date ON observations (document_id, observed_at);

-- Archived rows are evidence: the database itself refuses to change or delete them.
CREATE FUNCTION refuse_change_of_evidence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER versions_are_append_only BEFORE UPDATE OR DELETE ON versions
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_evidence();
CREATE TRIGGER observations_are_append_only BEFORE UPDATE OR DELETE ON observations
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_evidence();
CREATE TRIGGER snapshots_are_append_only BEFORE UPDATE OR DELETE ON snapshots
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_evidence();
