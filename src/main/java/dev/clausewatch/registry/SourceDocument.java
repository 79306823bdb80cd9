package dev.clausewatch.registry;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page (or PDF) that a document is extracted from: where it is, which parts to keep
 * ({@code select}), which to drop ({@code remove}), named filters to apply, how to fetch it, and
 * the language to ask for ({@code acceptLanguage}, empty for the configured default). A document
 * combining several pages has one of these per page, each with its own {@code id}.
 */
public record SourceDocument(String id, URI location, List<Selector> select, List<Selector> remove,
                             List<Filter> filters, FetchMode fetchMode, Optional<String> acceptLanguage) {

    public SourceDocument(String id, URI location, List<Selector> select, List<Selector> remove, List<Filter> filters, FetchMode fetchMode) {
        this(id, location, select, remove, filters, fetchMode, Optional.empty());
    }

    public SourceDocument {
        Objects.requireNonNull(location, "location");
        String scheme = location.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("source location " + location + " must be an http or https URL");
        }
        id = id == null ? idOf(location) : id;
        select = List.copyOf(select);
        remove = List.copyOf(remove);
        filters = List.copyOf(filters);
        Objects.requireNonNull(fetchMode, "fetchMode");
        acceptLanguage = acceptLanguage.filter(language -> !language.isBlank());
    }

    /**
     * OTA's source-document id: the URL path without its outer slashes, inner slashes made hyphens
     * ("/legal/terms/Meta-Global-Processor-Terms" → "legal-terms-Meta-Global-Processor-Terms"), or the
     * host when the path is empty.
     */
    static String idOf(URI location) {
        String path = location.getPath() == null ? "" : location.getPath().replaceAll("^/+|/+$", "");
        return path.isEmpty() ? location.getHost() : path.replace('/', '-');
    }
}
