-- Blobs in the database (PostgreSQL only; the embedded store keeps them as files, see
-- docs/decisions/0004-blobs-in-postgresql.md). Content-addressed like the files: the key is the
-- SHA-256 of the bytes, written in its own committed transaction before any row names it, and
-- never updated or deleted. Verification re-hashes the bytes, so a change made by someone who
-- disables the trigger is still caught.
CREATE TABLE blobs (
    sha256     TEXT PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    bytes      BYTEA NOT NULL,
    size       BIGINT NOT NULL,
    stored_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TRIGGER blobs_are_append_only BEFORE UPDATE OR DELETE ON blobs
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_evidence();
