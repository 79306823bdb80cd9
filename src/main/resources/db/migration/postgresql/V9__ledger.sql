-- The log of archived records (issue 13): one leaf per record, and the signed tree heads over them.
-- Both are append-only, like the records they cover.

CREATE TABLE ledger_leaves (
    leaf_index  INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    record_key  TEXT NOT NULL,
    leaf_hash   TEXT NOT NULL,
    UNIQUE (kind, record_key)
);

CREATE TABLE ledger_heads (
    tree_size   INTEGER PRIMARY KEY,
    root_hash   TEXT NOT NULL,
    signed_at   TEXT NOT NULL,
    key_id      TEXT NOT NULL,
    public_key  TEXT NOT NULL,
    signature   TEXT NOT NULL
);

CREATE TRIGGER ledger_leaves_are_append_only BEFORE UPDATE OR DELETE ON ledger_leaves
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_evidence();
CREATE TRIGGER ledger_heads_are_append_only BEFORE UPDATE OR DELETE ON ledger_heads
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_evidence();
