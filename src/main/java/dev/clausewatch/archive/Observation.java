package dev.clausewatch.archive;

import dev.clausewatch.registry.DocumentId;
import java.time.Instant;
import java.util.Objects;

/**
 * One time a document's text was seen, at {@code observedAt}, with where it came from. Numbered
 * per document in recording order ({@code seq}, from 1) and chained by hash like versions.
 */
public record Observation(DocumentId document, int seq, ObservationKind kind, String contentSha256,
                          Instant observedAt, Instant recordedAt, Provenance provenance, String chainHash) {
    public Observation {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(provenance, "provenance");
    }

    public String computeChainHash(String previousChainHash) {
        return Chain.link(previousChainHash, "observation", document.toString(), Integer.toString(seq), kind.name(),
                contentSha256, Chain.instant(observedAt), Chain.instant(recordedAt), provenance.archive(),
                provenance.reference(), Chain.canonical(provenance.details()));
    }
}
