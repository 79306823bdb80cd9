package dev.clausewatch.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a document is published and how to extract it, as declared at some time. A declaration
 * with {@code validUntil} is historical: it applied to captures made up to that instant. The one
 * without is the current declaration.
 */
public record SourceDeclaration(DocumentId document, List<SourceDocument> sources, Optional<Instant> validUntil) {
    public SourceDeclaration {
        Objects.requireNonNull(document, "document");
        if (sources == null || sources.isEmpty()) {
            throw new IllegalArgumentException("the declaration of " + document + " names no source");
        }
        sources = List.copyOf(sources);
        Objects.requireNonNull(validUntil, "validUntil");
    }

    public boolean isCurrent() {
        return validUntil.isEmpty();
    }

    public boolean combinesSeveralSources() {
        return sources.size() > 1;
    }
}
