package dev.clausewatch.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.archive.Chain;
import dev.clausewatch.archive.LedgerStore;
import dev.clausewatch.archive.TreeHead;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The log in SQL, beside the records it covers. A record's canonical bytes are a JSON object of its
 * kind and every column, in the order listed here, as the database returns them as text: the same
 * row always gives the same bytes, and any edited column gives others.
 */
public final class JdbiLedgerStore implements LedgerStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A kind of archived record: its table, the columns of its key, and every column, in a fixed order. */
    private record Kind(String table, List<String> key, List<String> columns) {}

    private static final List<Kind> KINDS = List.of(
            new Kind("platforms", List.of("id"), List.of("id", "name", "created_at")),
            new Kind("documents", List.of("id"), List.of("id", "platform_id", "document_type", "created_at")),
            new Kind("declarations", List.of("id"), List.of("id", "document_id", "valid_until", "validity", "sources", "sources_sha256",
                    "origin", "recorded_at")),
            new Kind("snapshots", List.of("id"), List.of("id", "document_id", "content_sha256", "bytes", "media_type", "url", "final_url",
                    "status", "headers", "fetched_at")),
            new Kind("versions", List.of("document_id", "record_seq"), List.of("document_id", "record_seq", "content_sha256", "bytes", "kind",
                    "extractor_version", "snapshot_ids", "recorded_at", "previous_content_sha256", "chain_hash")),
            new Kind("observations", List.of("document_id", "seq"), List.of("document_id", "seq", "kind", "content_sha256", "observed_at",
                    "recorded_at", "provenance_archive", "provenance_reference", "provenance_details", "chain_hash")));

    private final Jdbi jdbi;
    private final boolean postgres;

    public JdbiLedgerStore(Database database) {
        this.jdbi = database.jdbi();
        this.postgres = database.isPostgres();
    }

    @Override
    public List<Entry> records() {
        List<Entry> entries = new ArrayList<>();
        jdbi.useHandle(handle -> {
            for (Kind kind : KINDS) {
                String order = String.join(", ", kind.key());
                handle.createQuery("select " + String.join(", ", kind.columns()) + " from " + kind.table() + " order by " + order)
                        .map((rs, ctx) -> {
                            Map<String, String> row = new LinkedHashMap<>();
                            row.put("kind", kind.table());
                            for (String column : kind.columns()) row.put(column, rs.getString(column));
                            List<String> key = new ArrayList<>();
                            for (String column : kind.key()) key.add(rs.getString(column));
                            return new Entry(kind.table(), String.join("#", key), canonical(row));
                        })
                        .forEach(entries::add);
            }
        });
        return entries;
    }

    private static byte[] canonical(Map<String, String> row) {
        try {
            return JSON.writeValueAsBytes(row);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<Leaf> leaves() {
        return jdbi.withHandle(handle -> handle.createQuery("select leaf_index, kind, record_key, leaf_hash from ledger_leaves order by leaf_index")
                .map((rs, ctx) -> new Leaf(rs.getInt("leaf_index"), rs.getString("kind"), rs.getString("record_key"), rs.getString("leaf_hash")))
                .list());
    }

    @Override
    public List<TreeHead> heads() {
        return jdbi.withHandle(handle -> handle.createQuery("select * from ledger_heads order by tree_size")
                .map((rs, ctx) -> new TreeHead(rs.getInt("tree_size"), rs.getString("root_hash"), Chain.parseInstant(rs.getString("signed_at")),
                        rs.getString("key_id"), rs.getString("public_key"), rs.getString("signature")))
                .list());
    }

    @Override
    public boolean append(List<Leaf> leaves, TreeHead head) {
        try {
            return appendOnce(leaves, head);
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException anotherWriterFirst) {
            return false;
        }
    }

    private boolean appendOnce(List<Leaf> leaves, TreeHead head) {
        return jdbi.inTransaction(handle -> {
            // One writer at a time: the leaves must continue the log exactly where it ends.
            if (postgres) handle.execute("select pg_advisory_xact_lock(6962)");
            Integer size = handle.createQuery("select count(*) from ledger_leaves").mapTo(Integer.class).one();
            if (leaves.isEmpty() || size != leaves.getFirst().index()) return false;
            var batch = handle.prepareBatch("insert into ledger_leaves (leaf_index, kind, record_key, leaf_hash) values (?, ?, ?, ?)");
            for (Leaf leaf : leaves) batch.add(leaf.index(), leaf.kind(), leaf.key(), leaf.leafHash());
            batch.execute();
            handle.createUpdate("insert into ledger_heads (tree_size, root_hash, signed_at, key_id, public_key, signature)"
                            + " values (:size, :root, :at, :key, :publicKey, :signature)")
                    .bind("size", head.size()).bind("root", head.rootHash()).bind("at", Chain.instant(head.signedAt()))
                    .bind("key", head.keyId()).bind("publicKey", head.publicKey()).bind("signature", head.signature()).execute();
            return true;
        });
    }
}
