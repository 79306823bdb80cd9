package dev.clausewatch.web;

import dev.clausewatch.analysis.Analyzer;
import dev.clausewatch.analysis.Peers;
import dev.clausewatch.analysis.ProvisionAnalysis;
import dev.clausewatch.archive.Archive;
import dev.clausewatch.archive.ArchiveState;
import dev.clausewatch.change.DocumentChanges;
import dev.clausewatch.change.DocumentChanges.Event;
import dev.clausewatch.change.DocumentChanges.VersionProvisions;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.Reference;
import dev.clausewatch.provision.References;
import dev.clausewatch.provision.RegisteredDocuments;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.Registry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the pages and the API read of the archive: current provisions of every document, the
 * references between current versions (both ways), governance events, and analyses. Results that
 * depend only on versions already archived are kept per state of the archive, so a page view does
 * not redo the parsing; a new version or a new registered document changes the state.
 */
final class ArchiveView {
    private static final int PEERS = 3;

    private final Registry registry;
    private final Archive archive;
    private final DocumentChanges changes;
    private final Analyzer analyzer;
    private final Map<String, Optional<ProvisionAnalysis.Level>> exposures = new ConcurrentHashMap<>();

    private final ArchiveState state;
    private record Kept(Object state, Object value) {}
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    /** {@code state}: when the archive counts as changed, shared with the search so it is read once per interval. */
    ArchiveView(Registry registry, Archive archive, DocumentChanges changes, Analyzer analyzer, ArchiveState state) {
        this.registry = registry;
        this.archive = archive;
        this.changes = changes;
        this.analyzer = analyzer;
        this.state = state;
    }

    /**
     * A value computed over many documents (the home page's events, a platform's timeline), kept
     * until the archive's state changes (see {@link ArchiveState}: such pages may lag a new version
     * by its recheck interval, as search does).
     */
    @SuppressWarnings("unchecked")
    <T> T keep(String key, java.util.function.Supplier<T> compute) {
        Object now = state.current();
        Kept value = kept.get(key);
        if (value != null && value.state() == now) return (T) value.value();
        T computed = compute.get();
        kept.put(key, new Kept(now, computed));
        return computed;
    }

    Registry registry() {
        return registry;
    }

    Archive archive() {
        return archive;
    }

    DocumentChanges changes() {
        return changes;
    }

    Analyzer analyzer() {
        return analyzer;
    }

    /** The document's versions with provisions, oldest first; a sentence as 404 when nothing is archived. */
    List<VersionProvisions> history(Document document) {
        List<VersionProvisions> history = changes.history(document.id());
        if (history.isEmpty()) throw new WebServer.NotFound("No version of " + document.id() + " is archived yet.");
        return history;
    }

    /** The provisions of the latest version of every document that has one, in registry order (kept per state of the archive). */
    Map<Document, List<Provision>> current() {
        return keep("current", () -> {
            Map<Document, List<Provision>> current = new LinkedHashMap<>();
            for (Document d : registry.documents()) {
                List<VersionProvisions> history = changes.history(d.id());
                if (!history.isEmpty()) current.put(d, history.getLast().provisions());
            }
            return java.util.Collections.unmodifiableMap(current);
        });
    }

    /**
     * The references of the document's current version (empty when nothing is archived). They depend
     * on the version's text and on the registered documents (a newly registered document can resolve
     * a reference), so they are kept per state of the archive.
     */
    List<Reference> references(Document document) {
        List<VersionProvisions> history = changes.history(document.id());
        return history.isEmpty() ? List.of() : references(document, history.getLast());
    }

    /** The references of one version of the document (kept per version and state of the archive). */
    List<Reference> references(Document document, VersionProvisions version) {
        return keep("references " + document.id() + " " + version.entry().version().contentSha256(), () ->
                References.in(version.provisions(), new RegisteredDocuments(registry, Optional.of(document.platform())), document.id()));
    }

    /** A reference from another document's current version to this one. */
    record Incoming(Document from, Reference reference) {}

    /** The references of other documents' current versions that resolve to {@code document} (kept per state of the archive). */
    List<Incoming> incoming(Document document) {
        return keep("incoming " + document.id(), () -> {
            List<Incoming> incoming = new ArrayList<>();
            for (Document d : current().keySet()) {
                if (d.id().equals(document.id())) continue;
                for (Reference r : references(d)) {
                    if (r.target().filter(document.id()::equals).isPresent()) incoming.add(new Incoming(d, r));
                }
            }
            return List.copyOf(incoming);
        });
    }

    /** The analysis of a provision of the document's current version, with the documents it incorporates (kept per state of the archive). */
    ProvisionAnalysis analysis(Document document, Provision provision) {
        return keep("analysis " + document.id() + " " + provision.id() + "\u0000" + provision.text(),
                () -> analyzer.analyze(provision, references(document), this::currentProvisions));
    }

    /**
     * The exposure level of a provision, given the references of its version, empty when the provision
     * is on no governance topic. It depends only on the text and the documents the provision
     * incorporates, so it is kept by those.
     */
    Optional<ProvisionAnalysis.Level> exposure(Provision provision, List<Reference> references) {
        List<Reference> own = references.stream().filter(r -> r.provisionId().equals(provision.id())).toList();
        String key = provision.text() + "|" + own.stream().filter(Reference::binding).map(Reference::targetLabel).toList();
        return exposures.computeIfAbsent(key, k -> {
            ProvisionAnalysis analysis = analyzer.analyze(provision, own, id -> List.of());
            return analysis.topics().isEmpty() ? Optional.empty() : Optional.of(analysis.exposure().level());
        });
    }

    /** "How other platforms handle this" for a provision, kept per text, platform and state of the archive. */
    List<Peers.Peer> peers(Document document, Provision provision) {
        String platform = document.id().platform().value();
        return keep("peers " + platform + "\u0000" + provision.text(), () -> analyzer.peers(provision, platform, current(), PEERS));
    }

    /** Every governance event of the document, oldest first. */
    List<Event> events(Document document) {
        return changes.events(document.id());
    }

    /** The latest governance events of every document, newest first, technical upgrades left out (kept per state of the archive). */
    List<Event> latestEvents() {
        return keep("latest-events", () -> {
            List<Event> events = new ArrayList<>();
            for (Document d : registry.documents()) events.addAll(events(d));
            events.removeIf(e -> e.changes().technical());
            events.sort(java.util.Comparator.comparing(Event::observedAt).reversed());
            return List.copyOf(events);
        });
    }

    private List<Provision> currentProvisions(DocumentId id) {
        List<VersionProvisions> history = changes.history(id);
        return history.isEmpty() ? List.of() : history.getLast().provisions();
    }
}
