package dev.clausewatch.archive;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A text of a document as seen at some time, to be archived: the extracted Markdown, when it was
 * observed, whether it comes from a re-extraction ({@code technical}), which extractor made it,
 * the local snapshots it came from, and its provenance.
 */
public record Observed(byte[] markdown, Instant observedAt, boolean technical, String extractorVersion,
                       List<String> snapshotIds, Provenance provenance) {
    public Observed {
        Objects.requireNonNull(markdown, "markdown");
        observedAt = Chain.truncate(Objects.requireNonNull(observedAt, "observedAt"));
        Objects.requireNonNull(extractorVersion, "extractorVersion");
        snapshotIds = List.copyOf(snapshotIds);
        Objects.requireNonNull(provenance, "provenance");
    }
}
