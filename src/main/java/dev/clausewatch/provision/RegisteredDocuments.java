package dev.clausewatch.provision;

import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.KnownPlatforms;
import dev.clausewatch.registry.Platform;
import dev.clausewatch.registry.Registry;
import dev.clausewatch.registry.SourceDeclaration;
import dev.clausewatch.registry.SourceDocument;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves references against the registry: a URL to the document declared at it, a name such as
 * "AWS Acceptable Use Policy" to the platform it starts with and the document type it names, when
 * that document is registered. The platform of the referring document is tried for bare names
 * ("our Usage Policy").
 */
public final class RegisteredDocuments implements References.Resolver {
    private final Registry registry;
    private final Optional<Platform> referrer;
    private final Map<String, DocumentId> byUrl = new HashMap<>();

    public RegisteredDocuments(Registry registry, Optional<Platform> referrer) {
        this.registry = registry;
        this.referrer = referrer;
        for (Document d : registry.documents()) {
            for (SourceDeclaration declaration : registry.declarations(d.id())) {
                for (SourceDocument source : declaration.sources()) byUrl.put(normalised(source.location().toString()), d.id());
            }
        }
    }

    @Override
    public Optional<DocumentId> apply(Optional<String> url, String name) {
        Optional<DocumentId> declared = url.map(u -> byUrl.get(normalised(u)));
        if (declared.isPresent()) return declared;
        Optional<Platform> platform = KnownPlatforms.byTitle(name).or(() -> url.flatMap(RegisteredDocuments::host).flatMap(KnownPlatforms::byUrl))
                .or(() -> referrer);
        return platform.flatMap(p -> KnownPlatforms.documentTypeIn(name).map(type -> new DocumentId(p.id(), type)))
                .filter(id -> registry.document(id).isPresent());
    }

    private static Optional<URI> host(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() == null ? Optional.empty() : Optional.of(uri);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String normalised(String url) {
        String trimmed = url.replaceAll("[#?].*$", "");
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
