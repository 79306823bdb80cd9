-- The outbox and the derived records (PostgreSQL dialect; kept in step with ../sqlite/V4__outbox_and_derived_records.sql).
-- Events are announced in the transaction that wrote what they announce; derived rows are written
-- once by the processor, keyed by what they were derived from, and never updated.

CREATE TABLE events (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    type         TEXT NOT NULL,
    document_id  TEXT NOT NULL REFERENCES documents (id),
    payload      TEXT NOT NULL,
    occurred_at  TEXT NOT NULL
);
CREATE INDEX events_by_document ON events (document_id, seq);
CREATE TRIGGER events_are_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_evidence();

-- Per document: the last event the processor handled, the lineage key of the current version as
-- derived, and who holds the document now (a claim with a lease).
CREATE TABLE derivation_heads (
    document_id    TEXT PRIMARY KEY REFERENCES documents (id),
    handled_seq    BIGINT NOT NULL DEFAULT 0,
    head_key       TEXT,
    deriver        TEXT,
    claimed_by     TEXT,
    claimed_until  TEXT,
    derived_at     TEXT
);

-- One version as placed in its document's timeline: the lineage key names the whole chain of texts
-- before it (lasting ids depend on it); provisions and references as JSON.
CREATE TABLE derived_versions (
    document_id     TEXT NOT NULL REFERENCES documents (id),
    lineage_key     TEXT NOT NULL,
    deriver         TEXT NOT NULL,
    number          INTEGER NOT NULL,
    content_sha256  TEXT NOT NULL,
    previous_key    TEXT,
    effective_date  TEXT,
    provisions      TEXT NOT NULL,
    refs            TEXT NOT NULL,
    PRIMARY KEY (document_id, lineage_key, deriver)
);

-- The change set from the version before (from_key) to version number `number` (to_key).
CREATE TABLE derived_changes (
    document_id    TEXT NOT NULL REFERENCES documents (id),
    to_key         TEXT NOT NULL,
    deriver        TEXT NOT NULL,
    from_key       TEXT NOT NULL,
    number         INTEGER NOT NULL,
    substantive    BOOLEAN NOT NULL,
    substantive_count INTEGER NOT NULL,
    technical      BOOLEAN NOT NULL,
    observed_at    TEXT NOT NULL,
    change_set     TEXT NOT NULL,
    PRIMARY KEY (document_id, to_key, deriver)
);

-- The references of each derived version that resolve to a registered document, binding
-- (incorporated: the edges ReferencedDocumentChanged follows) or mentioned.
CREATE TABLE derived_references (
    document_id         TEXT NOT NULL REFERENCES documents (id),
    lineage_key         TEXT NOT NULL,
    deriver             TEXT NOT NULL,
    target_document_id  TEXT NOT NULL,
    provision_id        TEXT NOT NULL,
    binding             BOOLEAN NOT NULL,
    PRIMARY KEY (document_id, lineage_key, deriver, target_document_id, provision_id)
);
CREATE INDEX derived_references_by_target ON derived_references (target_document_id);

-- Topics of each distinct provision text, by the SHA-256 of the text.
CREATE TABLE derived_texts (
    text_sha256  TEXT NOT NULL,
    deriver      TEXT NOT NULL,
    topics       TEXT NOT NULL,
    PRIMARY KEY (text_sha256, deriver)
);
