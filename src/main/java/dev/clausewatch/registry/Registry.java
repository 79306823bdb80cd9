package dev.clausewatch.registry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The registry's storage: platforms, documents and their declarations. Implementations live at
 * the edge (see {@code dev.clausewatch.storage}). Registering is idempotent: registering what is
 * already there changes nothing.
 */
public interface Registry {

    /** Adds the platform unless a platform with its id exists (the first name given is kept). */
    void register(Platform platform);

    /** Adds the document, and its platform when missing. */
    void register(Document document);

    /**
     * Records a declaration of a registered document, returning false when the same declaration
     * (same sources, same validity) was recorded before. {@code origin} says where it came from.
     */
    boolean declare(SourceDeclaration declaration, String origin);

    List<Platform> platforms();

    /**
     * When the first platform was registered: the registry's beginning, the one date it has before
     * anything is archived (what an empty feed is dated by). Empty while nothing is registered.
     */
    Optional<Instant> beginning();

    Optional<Platform> platform(PlatformId id);

    /** The platform someone named, or an {@link IllegalArgumentException} naming it: bad input from whoever asked. */
    default Platform existing(PlatformId id) {
        return platform(id).orElseThrow(() -> new IllegalArgumentException("platform \"" + id.value()
                + "\" is not in the registry (the platforms list names those that are)"));
    }

    List<Document> documents();

    List<Document> documents(PlatformId platform);

    Optional<Document> document(DocumentId id);

    /** The document's declarations: historical ones by {@code validUntil}, then current ones by recording order. */
    List<SourceDeclaration> declarations(DocumentId document);
}
