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

    /**
     * The declaration that applied at an instant, as OTA reads its history: the earliest
     * historical declaration still valid then ({@code validUntil} on or after it), else the
     * current one (the last given).
     */
    public static Optional<SourceDeclaration> applicableAt(List<SourceDeclaration> declarations, Instant at) {
        Optional<SourceDeclaration> historical = declarations.stream()
                .filter(d -> d.validUntil().isPresent() && !d.validUntil().get().isBefore(at))
                .min(java.util.Comparator.comparing(d -> d.validUntil().get()));
        if (historical.isPresent()) return historical;
        return declarations.stream().filter(SourceDeclaration::isCurrent).reduce((first, second) -> second);
    }

    /** The source document with this OTA id ("en-articles-9528712-…"), or the only one when there is one. */
    public Optional<SourceDocument> source(String id) {
        if (id == null) return sources.size() == 1 ? Optional.of(sources.getFirst()) : Optional.empty();
        return sources.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public boolean combinesSeveralSources() {
        return sources.size() > 1;
    }
}
