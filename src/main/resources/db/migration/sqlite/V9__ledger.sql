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

CREATE TRIGGER ledger_leaves_are_append_only_update BEFORE UPDATE ON ledger_leaves
BEGIN SELECT RAISE(ABORT, 'ledger_leaves are append-only'); END;
CREATE TRIGGER ledger_leaves_are_append_only_delete BEFORE DELETE ON ledger_leaves
BEGIN SELECT RAISE(ABORT, 'ledger_leaves are append-only'); END;
CREATE TRIGGER ledger_heads_are_append_only_update BEFORE UPDATE ON ledger_heads
BEGIN SELECT RAISE(ABORT, 'ledger_heads are append-only'); END;
CREATE TRIGGER ledger_heads_are_append_only_delete BEFORE DELETE ON ledger_heads
BEGIN SELECT RAISE(ABORT, 'ledger_heads are append-only'); END;
