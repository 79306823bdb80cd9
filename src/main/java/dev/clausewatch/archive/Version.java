package dev.clausewatch.archive;

import dev.clausewatch.registry.DocumentId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One distinct text of a document, as extracted Markdown stored under {@code contentSha256}.
 * Versions are numbered in recording order ({@code recordSeq}, from 1) and chained: each names
 * the content hash of the version recorded before it and carries {@code chainHash}, the hash of
 * its own fields and the previous chain hash, so altering any stored version breaks the chain.
 * When a version was in force is told by its observations, not by recording order (histories
 * from several archives can be imported in any order).
 */
public record Version(DocumentId document, int recordSeq, String contentSha256, long bytes, VersionKind kind,
                     String extractorVersion, List<String> snapshotIds, Instant recordedAt,
                     String previousContentSha256, String chainHash) {
    public Version {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(kind, "kind");
        snapshotIds = List.copyOf(snapshotIds);
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    /** A short form of the content hash for people: the first 12 hex digits. */
    public String shortId() {
        return contentSha256.substring(0, 12);
    }

    /** The chain hash these fields give after {@code previousChainHash} (empty for the first version). */
    public String computeChainHash(String previousChainHash) {
        return Chain.link(previousChainHash, "version", document.toString(), Integer.toString(recordSeq),
                contentSha256, Long.toString(bytes), kind.name(), extractorVersion, String.join(",", snapshotIds),
                Chain.instant(recordedAt), Objects.requireNonNullElse(previousContentSha256, ""));
    }
}
