package dev.clausewatch.archive;

import dev.clausewatch.capture.Sha256;
import dev.clausewatch.capture.Snapshot;
import dev.clausewatch.registry.DocumentId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Re-checks the whole archive: re-hashes every blob, checks that every version and snapshot has
 * its blob, and recomputes both chains of every document. Reports each problem with the exact
 * object it concerns; an empty report means the archive is intact.
 */
public final class ArchiveVerifier {

    /** One problem: the object ({@code version 3 of x/y}, {@code blob 1a2b…}) and what is wrong with it. */
    public record Finding(String object, String problem) {
        @Override
        public String toString() {
            return object + ": " + problem;
        }
    }

    /** What was checked and what was found. */
    public record Report(int blobs, int versions, int observations, int snapshots, List<Finding> findings) {
        public boolean intact() {
            return findings.isEmpty();
        }
    }

    private final ArchiveStore store;
    private final BlobStore blobs;
    private final Optional<Ledger> ledger;

    public ArchiveVerifier(ArchiveStore store, BlobStore blobs) {
        this(store, blobs, Optional.empty());
    }

    /** Also checks every record against the log and the log against its signed heads. */
    public ArchiveVerifier(ArchiveStore store, BlobStore blobs, Optional<Ledger> ledger) {
        this.store = store;
        this.blobs = blobs;
        this.ledger = ledger;
    }

    public Report verify() {
        return verify(Optional.empty());
    }

    /** {@link #verify()}, and {@code kept} (a tree head a user kept) must be a prefix of the log. */
    public Report verify(Optional<TreeHead> kept) {
        List<Finding> findings = new ArrayList<>();
        int blobCount = verifyBlobs(findings);
        int versions = 0, observations = 0;
        for (DocumentId document : store.archivedDocuments()) {
            versions += verifyVersions(document, findings);
            observations += verifyObservations(document, findings);
        }
        List<Snapshot> snapshots = store.snapshots();
        for (Snapshot snapshot : snapshots) {
            if (!blobs.contains(snapshot.contentSha256())) {
                findings.add(new Finding("snapshot " + snapshot.id(), "its blob " + snapshot.contentSha256() + " is missing"));
            }
        }
        ledger.ifPresent(log -> findings.addAll(log.verify(kept)));
        return new Report(blobCount, versions, observations, snapshots.size(), List.copyOf(findings));
    }

    private int verifyBlobs(List<Finding> findings) {
        int[] count = {0};
        try (var hashes = blobs.all()) {
            hashes.forEach(hash -> {
                count[0]++;
                byte[] bytes = blobs.get(hash).orElse(null);
                String actual = bytes == null ? "nothing (unreadable)" : Sha256.of(bytes);
                if (!hash.equals(actual)) {
                    findings.add(new Finding("blob " + hash, "its content hashes to " + actual));
                }
            });
        }
        return count[0];
    }

    private int verifyVersions(DocumentId document, List<Finding> findings) {
        List<Version> versions = store.versions(document);
        Version previous = null;
        for (Version v : versions) {
            String object = "version " + v.recordSeq() + " (" + v.shortId() + ") of " + document;
            int expectedSeq = previous == null ? 1 : previous.recordSeq() + 1;
            if (v.recordSeq() != expectedSeq) {
                findings.add(new Finding(object, "recorded as number " + v.recordSeq() + " where " + expectedSeq + " was expected (a version is missing)"));
            }
            String expectedPrevious = previous == null ? null : previous.contentSha256();
            if (!Objects.equals(v.previousContentSha256(), expectedPrevious)) {
                findings.add(new Finding(object, "names " + v.previousContentSha256() + " as the previous version, but the previous version is " + expectedPrevious));
            }
            String expectedHash = v.computeChainHash(previous == null ? "" : previous.chainHash());
            if (!expectedHash.equals(v.chainHash())) {
                findings.add(new Finding(object, "chain hash is " + v.chainHash() + " but its fields give " + expectedHash + " (the row was altered)"));
            }
            if (!blobs.contains(v.contentSha256())) {
                findings.add(new Finding(object, "its blob " + v.contentSha256() + " is missing"));
            }
            previous = v;
        }
        return versions.size();
    }

    private int verifyObservations(DocumentId document, List<Finding> findings) {
        Set<String> versionContents = new HashSet<>();
        store.versions(document).forEach(v -> versionContents.add(v.contentSha256()));
        List<Observation> observations = store.observations(document);
        Observation previous = null;
        for (Observation o : observations) {
            String object = "observation " + o.seq() + " of " + document;
            int expectedSeq = previous == null ? 1 : previous.seq() + 1;
            if (o.seq() != expectedSeq) {
                findings.add(new Finding(object, "numbered " + o.seq() + " where " + expectedSeq + " was expected (an observation is missing)"));
            }
            String expectedHash = o.computeChainHash(previous == null ? "" : previous.chainHash());
            if (!expectedHash.equals(o.chainHash())) {
                findings.add(new Finding(object, "chain hash is " + o.chainHash() + " but its fields give " + expectedHash + " (the row was altered)"));
            }
            if (!versionContents.contains(o.contentSha256())) {
                findings.add(new Finding(object, "saw content " + o.contentSha256() + " that no version of the document has"));
            }
            previous = o;
        }
        return observations.size();
    }
}
