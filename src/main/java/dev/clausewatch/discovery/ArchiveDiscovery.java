package dev.clausewatch.discovery;

import dev.clausewatch.archive.Archive;
import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.capture.Snapshot;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.DocumentType;
import dev.clausewatch.registry.FetchMode;
import dev.clausewatch.registry.Platform;
import dev.clausewatch.registry.PlatformId;
import dev.clausewatch.registry.Registry;
import dev.clausewatch.registry.SourceDeclaration;
import dev.clausewatch.registry.SourceDocument;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Discovery over what the archive holds: the snapshots of each document's current version and the
 * version's own text (its links survive extraction), against the registry's declarations; and the
 * acceptance of a proposal, which declares it and nothing more (the schedule captures it from then).
 */
public final class ArchiveDiscovery {
    private final Registry registry;
    private final Archive archive;

    public ArchiveDiscovery(Registry registry, Archive archive) {
        this.registry = registry;
        this.archive = archive;
    }

    public List<Proposal> proposals(PlatformId platform) {
        registry.existing(platform);
        List<URI> declared = new ArrayList<>();
        List<Discovery.Page> pages = new ArrayList<>();
        for (Document document : registry.documents(platform)) {
            List<URI> own = new ArrayList<>();
            registry.declarations(document.id()).forEach(d -> d.sources().forEach(s -> own.add(s.location())));
            declared.addAll(own);
            List<TimelineEntry> timeline = archive.timeline(document.id());
            if (timeline.isEmpty()) continue;
            TimelineEntry current = timeline.getLast();
            // Where the version's text was: its declared address, else the address its provenance names (a clipped page's source).
            Optional<URI> where = own.stream().findFirst().or(() -> current.provenances().stream()
                    .map(p -> p.details().get("source")).filter(java.util.Objects::nonNull).findFirst().flatMap(ArchiveDiscovery::uri));
            if (where.isPresent()) {
                pages.add(new Discovery.Page(document.id() + " version " + current.number(), where.get(), archive.text(current.version()), false));
            }
            for (String id : current.version().snapshotIds()) {
                archive.snapshot(id).filter(s -> s.mediaType().contains("html")).ifPresent(s -> pages.add(page(document.id(), s)));
            }
        }
        return Discovery.propose(platform.value(), declared, pages);
    }

    private static Optional<URI> uri(String text) {
        try {
            return Optional.of(new URI(text));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    private Discovery.Page page(DocumentId document, Snapshot snapshot) {
        URI url = snapshot.metadata().finalUrl() == null ? snapshot.metadata().url() : snapshot.metadata().finalUrl();
        return new Discovery.Page(document + " snapshot " + snapshot.id(), url, new String(archive.bytes(snapshot), StandardCharsets.UTF_8), true);
    }

    /**
     * Accepts a proposal: registers {@code platform/type} (a new document) with {@code url} as its
     * one source, fetched over HTTP with the whole page as the text until someone declares
     * selectors. Returns the document's id. Refuses a type that is already declared for the platform.
     */
    public DocumentId accept(PlatformId platform, String typeName, URI url) {
        Platform p = registry.existing(platform);
        DocumentId id = new DocumentId(platform, DocumentType.named(typeName));
        if (!registry.declarations(id).isEmpty()) {
            throw new IllegalArgumentException(id + " is already declared: accepting would replace its sources; edit its declaration instead");
        }
        registry.register(new Document(id, p.name()));
        registry.declare(new SourceDeclaration(id, List.of(new SourceDocument(null, url, List.of(), List.of(), List.of(), FetchMode.HTTP)), Optional.empty()),
                "discovery: accepted " + url);
        return id;
    }
}
