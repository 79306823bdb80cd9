package dev.clausewatch.archive;

import java.util.List;

/** Where the log of archived records lives, beside the records (implemented at the edge, in storage). */
public interface LedgerStore {
    /** One archived record as the log sees it: its kind (table), its key, and its canonical bytes (every field, in a fixed order). */
    record Entry(String kind, String key, byte[] canonical) {
        public String name() {
            return kind + " " + key;
        }
    }

    /** One logged record: its place in the log, what it is, and its leaf hash (hex). */
    record Leaf(int index, String kind, String key, String leafHash) {
        public String name() {
            return kind + " " + key;
        }
    }

    /** Every archived record now: platforms, documents, declarations, snapshots, versions, observations, each kind by key. */
    List<Entry> records();

    /** The log's leaves, in order. */
    List<Leaf> leaves();

    /** The signed heads, oldest first. */
    List<TreeHead> heads();

    /** Appends the leaves (which continue the log) and the head that covers them, at once; false when another writer appended first. */
    boolean append(List<Leaf> leaves, TreeHead head);
}
