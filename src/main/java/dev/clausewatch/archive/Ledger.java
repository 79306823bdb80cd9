package dev.clausewatch.archive;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tamper evidence with an anchor: every archived record (platform, document, declaration,
 * snapshot, version, observation) is a leaf of an append-only Merkle log in the manner of
 * Certificate Transparency, and after each batch a tree head is signed with a key kept outside
 * the database. Editing or deleting a record, or editing it and recomputing its chain, no longer
 * matches its leaf; rewriting the leaves no longer matches the signed head; cutting the log back
 * (deleting the newest records, leaves and heads) shows against any head a user kept.
 */
public final class Ledger {
    private final LedgerStore store;
    private final HeadSigner signer;
    private final Clock clock;

    public Ledger(LedgerStore store, HeadSigner signer, Clock clock) {
        this.store = store;
        this.signer = signer;
        this.clock = clock;
    }

    /** Logs the records written since the last head and signs a new head; empty when there was nothing new. */
    public Optional<TreeHead> seal() {
        for (int attempt = 0; attempt < 3; attempt++) {
            List<LedgerStore.Leaf> logged = store.leaves();
            Set<String> names = new HashSet<>();
            logged.forEach(l -> names.add(l.name()));
            List<byte[]> hashes = new ArrayList<>();
            logged.forEach(l -> hashes.add(HexFormat.of().parseHex(l.leafHash())));
            List<LedgerStore.Leaf> added = new ArrayList<>();
            for (LedgerStore.Entry record : store.records()) {
                if (names.contains(record.name())) continue;
                byte[] leaf = MerkleTree.leafHash(record.canonical());
                added.add(new LedgerStore.Leaf(logged.size() + added.size(), record.kind(), record.key(), HexFormat.of().formatHex(leaf)));
                hashes.add(leaf);
            }
            if (added.isEmpty()) return Optional.empty();
            TreeHead head = signer.sign(hashes.size(), root(hashes), Chain.truncate(clock.instant()));
            if (store.append(added, head)) return Optional.of(head);
        }
        throw new IllegalStateException("other writers kept appending to the log; seal again later");
    }

    public Optional<TreeHead> newestHead() {
        List<TreeHead> heads = store.heads();
        return heads.isEmpty() ? Optional.empty() : Optional.of(heads.getLast());
    }

    /** The inclusion proof of a record in the newest head (hex hashes), with its leaf index; empty when it is not logged. */
    public Optional<Inclusion> inclusion(String kind, String key) {
        return Optional.ofNullable(inclusions(List.of(kind + " " + key)).get(kind + " " + key));
    }

    /**
     * The inclusion proofs of several records (by {@link LedgerStore.Leaf#name()}: {@link #versionName},
     * {@link #snapshotName}) in the newest head, reading the log once; records no head covers yet are absent.
     */
    public Map<String, Inclusion> inclusions(List<String> names) {
        Optional<TreeHead> head = newestHead();
        if (head.isEmpty()) return Map.of();
        List<LedgerStore.Leaf> leaves = store.leaves();
        List<byte[]> hashes = leaves.stream().map(l -> HexFormat.of().parseHex(l.leafHash())).toList();
        Map<String, Inclusion> found = new HashMap<>();
        for (LedgerStore.Leaf leaf : leaves) {
            if (leaf.index() >= head.get().size() || !names.contains(leaf.name()) || found.containsKey(leaf.name())) continue;
            found.put(leaf.name(), new Inclusion(leaf, head.get(), MerkleTree.inclusionProof(hashes, leaf.index(), head.get().size()).stream()
                    .map(HexFormat.of()::formatHex).toList()));
        }
        return found;
    }

    /** How the log names a version (its row, as archived). */
    public static String versionName(Version version) {
        return "versions " + version.document() + "#" + version.recordSeq();
    }

    /** How the log names a snapshot (its row: address, status, headers, time, content hash). */
    public static String snapshotName(String snapshotId) {
        return "snapshots " + snapshotId;
    }

    /** A logged record, the head it is proven under, and the audit path from its leaf to that head's root. */
    public record Inclusion(LedgerStore.Leaf leaf, TreeHead head, List<String> path) {
        public boolean verifies() {
            return MerkleTree.verifyInclusion(HexFormat.of().parseHex(leaf.leafHash()), leaf.index(), head.size(),
                    path.stream().map(HexFormat.of()::parseHex).toList(), head.root());
        }
    }

    /**
     * Checks every logged record against the archive as it is now, the leaves against every signed
     * head, and, when given, a head the user kept against the log (it must be a prefix of it).
     */
    public List<ArchiveVerifier.Finding> verify(Optional<TreeHead> kept) {
        List<ArchiveVerifier.Finding> findings = new ArrayList<>();
        List<LedgerStore.Leaf> leaves = store.leaves();
        Map<String, byte[]> current = new HashMap<>();
        for (LedgerStore.Entry record : store.records()) current.put(record.name(), record.canonical());
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            LedgerStore.Leaf leaf = leaves.get(i);
            if (leaf.index() != i) findings.add(new ArchiveVerifier.Finding("log leaf " + i, "the log has a gap or a repeat here"));
            hashes.add(HexFormat.of().parseHex(leaf.leafHash()));
            byte[] now = current.get(leaf.name());
            if (now == null) {
                findings.add(new ArchiveVerifier.Finding(leaf.name(), "logged as record " + i + " of the log but no longer in the archive (deleted)"));
            } else if (!HexFormat.of().formatHex(MerkleTree.leafHash(now)).equals(leaf.leafHash())) {
                findings.add(new ArchiveVerifier.Finding(leaf.name(), "differs from what the log holds for it (edited after it was logged)"));
            }
        }
        checkHeads(hashes, findings);
        kept.ifPresent(head -> checkKept(head, hashes, findings));
        return findings;
    }

    /** Records in the archive that no head covers yet (written since the last seal). */
    public int unlogged() {
        Set<String> names = new HashSet<>();
        store.leaves().forEach(l -> names.add(l.name()));
        return (int) store.records().stream().filter(r -> !names.contains(r.name())).count();
    }

    private void checkHeads(List<byte[]> hashes, List<ArchiveVerifier.Finding> findings) {
        List<TreeHead> heads = store.heads();
        MerkleTree.Frontier frontier = new MerkleTree.Frontier();
        int next = 0;
        for (TreeHead head : heads.stream().sorted(java.util.Comparator.comparingInt(TreeHead::size)).toList()) {
            String object = "tree head of " + head.size() + " records (" + Chain.instant(head.signedAt()) + ")";
            if (!signer.signed(head)) findings.add(new ArchiveVerifier.Finding(object, "its signature is not this archive's key's"));
            if (head.size() > hashes.size()) {
                findings.add(new ArchiveVerifier.Finding(object, "covers " + head.size() + " records but the log holds " + hashes.size() + " (cut back)"));
                continue;
            }
            while (next < head.size()) frontier.add(hashes.get(next++));
            if (!HexFormat.of().formatHex(frontier.root()).equals(head.rootHash())) {
                findings.add(new ArchiveVerifier.Finding(object, "the log's first " + head.size() + " leaves no longer hash to its root (leaves rewritten)"));
            }
        }
    }

    private void checkKept(TreeHead kept, List<byte[]> hashes, List<ArchiveVerifier.Finding> findings) {
        String object = "the kept tree head of " + kept.size() + " records (" + Chain.instant(kept.signedAt()) + ")";
        if (!HeadSigner.selfConsistent(kept)) findings.add(new ArchiveVerifier.Finding(object, "its signature does not verify"));
        if (!signer.signed(kept)) findings.add(new ArchiveVerifier.Finding(object, "was signed by another key than this archive's"));
        if (kept.size() > hashes.size()) {
            findings.add(new ArchiveVerifier.Finding(object, "the log now holds only " + hashes.size() + " records: it was cut back"));
            return;
        }
        List<byte[]> proof = MerkleTree.consistencyProof(hashes, kept.size(), hashes.size());
        if (!MerkleTree.verifyConsistency(kept.size(), kept.root(), hashes.size(), root(hashes), proof)) {
            findings.add(new ArchiveVerifier.Finding(object, "the log is no extension of it: records it covered were rewritten"));
        }
    }

    private static byte[] root(List<byte[]> hashes) {
        MerkleTree.Frontier frontier = new MerkleTree.Frontier();
        hashes.forEach(frontier::add);
        return frontier.root();
    }
}
