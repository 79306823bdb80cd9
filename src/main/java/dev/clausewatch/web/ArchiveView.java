package dev.clausewatch.web;

import dev.clausewatch.analysis.Analyzer;
import dev.clausewatch.analysis.Peers;
import dev.clausewatch.analysis.ProvisionAnalysis;
import dev.clausewatch.archive.Archive;
import dev.clausewatch.derivation.ChangeSummary;
import dev.clausewatch.derivation.DerivationFailure;
import dev.clausewatch.derivation.DerivedRecords;
import dev.clausewatch.change.DocumentChanges.Event;
import dev.clausewatch.change.DocumentChanges.VersionProvisions;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.Reference;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.Registry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the pages and the API read: the derived records (versions with provisions, changes,
 * references both ways, topics) through {@link DerivedRecords}, and analyses assembled from them.
 * Pages computed over many records are kept per state of the derived records (which changes with
 * every event and every head the processor moves), so a page view renders, it does not re-read.
 */
final class ArchiveView {
    private static final int PEERS = 3;

    private final Registry registry;
    private final Archive archive;
    private final DerivedRecords changes;
    private final Analyzer analyzer;
    private final Map<String, Optional<ProvisionAnalysis.Level>> exposures = com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(200_000).<String, Optional<ProvisionAnalysis.Level>>build().asMap();

    private record Kept(String state, Object value) {}
    /** Bounded by count: keys name addresses a crawler chooses (a provision page each). */
    private final Map<String, Kept> kept = com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(20_000).<String, Kept>build().asMap();

    ArchiveView(Registry registry, Archive archive, DerivedRecords changes, Analyzer analyzer) {
        this.registry = registry;
        this.archive = archive;
        this.changes = changes;
        this.analyzer = analyzer;
    }

    /** What applies to an intended use, kept like the other answers until the derived records change. */
    dev.clausewatch.check.CheckAnswer check(dev.clausewatch.check.IntendedUse use) {
        return keep("check " + use, () -> dev.clausewatch.check.UseCheck.over(registry, changes, analyzer).check(use));
    }

    /** Where a platform's own documents disagree, kept until the derived records change. */
    List<dev.clausewatch.contradiction.Contradiction> contradictions(dev.clausewatch.registry.PlatformId platform) {
        return keep("contradictions " + platform.value(),
                () -> dev.clausewatch.contradiction.Contradictions.over(registry, changes, analyzer.knowledge()).of(platform));
    }

    /** A value computed over many records (the home page's events, a platform's timeline), kept until the derived records change. */
    @SuppressWarnings("unchecked")
    <T> T keep(String key, java.util.function.Supplier<T> compute) {
        String now = changes.state();
        Kept value = kept.get(key);
        if (value != null && value.state().equals(now)) return (T) value.value();
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

    DerivedRecords changes() {
        return changes;
    }

    Analyzer analyzer() {
        return analyzer;
    }

    /** The document's derived versions with provisions, oldest first; a sentence as 404 when none is derived yet. */
    List<VersionProvisions> history(Document document) {
        List<VersionProvisions> history = changes.history(document.id());
        if (history.isEmpty()) {
            throw new WebServer.NotFound(archive.timeline(document.id()).isEmpty() ? "No version of " + document.id() + " is archived yet."
                    : "The versions of " + document.id() + " are archived but not processed yet; `clausewatch status` shows the backlog.");
        }
        return history;
    }

    /** The provisions of the latest derived version of every document that has one, in registry order (kept per state). */
    Map<Document, List<Provision>> current() {
        return keep("current", () -> {
            Map<Document, List<Provision>> current = new LinkedHashMap<>();
            for (Document d : registry.documents()) changes.current(d.id()).ifPresent(v -> current.put(d, v.provisions()));
            return java.util.Collections.unmodifiableMap(current);
        });
    }

    /** The references of the document's current version (empty when nothing is derived). */
    List<Reference> references(Document document) {
        return changes.current(document.id()).map(changes::references).orElse(List.of());
    }

    /** The references of one version of the document, as derived. */
    List<Reference> references(Document document, VersionProvisions version) {
        return changes.references(version);
    }

    /** A reference from another document's current version to this one. */
    record Incoming(Document from, Reference reference) {}

    /** The references of other documents' current versions that resolve to {@code document}, from the stored edges. */
    List<Incoming> incoming(Document document) {
        return keep("incoming " + document.id(), () -> {
            List<Incoming> incoming = new ArrayList<>();
            for (DocumentId referrer : changes.referringTo(document.id()).keySet()) {
                if (referrer.equals(document.id())) continue;
                Optional<Document> from = registry.document(referrer);
                if (from.isEmpty()) continue;
                for (Reference r : references(from.get())) {
                    if (r.target().filter(document.id()::equals).isPresent()) incoming.add(new Incoming(from.get(), r));
                }
            }
            return List.copyOf(incoming);
        });
    }

    /** The analysis of a provision of the document's current version, assembled from its stored topics and references (kept per state). */
    ProvisionAnalysis analysis(Document document, Provision provision) {
        return keep("analysis " + document.id() + " " + provision.id() + "\u0000" + provision.text(),
                () -> analyzer.analyze(provision, references(document), this::currentProvisions,
                        Analyzer.Context.of(provision, currentProvisions(document.id()), document.platformName())));
    }

    /**
     * The exposure level of a provision, given the references of its version, empty when the provision
     * is on no governance topic. It depends only on the text, the sentence it continues, the platform
     * and the documents the provision incorporates, so it is kept by those.
     */
    Optional<ProvisionAnalysis.Level> exposure(Document document, Provision provision, List<Provision> provisions, List<Reference> references) {
        List<Reference> own = references.stream().filter(r -> r.provisionId().equals(provision.id())).toList();
        Analyzer.Context context = Analyzer.Context.of(provision, provisions, document.platformName());
        String key = provision.text() + "|" + context + "|" + own.stream().filter(Reference::binding).map(Reference::targetLabel).toList();
        return exposures.computeIfAbsent(key, k -> {
            ProvisionAnalysis analysis = analyzer.analyze(provision, own, id -> List.of(), context);
            return analysis.topics().isEmpty() ? Optional.empty() : Optional.of(analysis.exposure().level());
        });
    }

    /** "How other platforms handle this" for a provision, kept per text, platform and state. */
    List<Peers.Peer> peers(Document document, Provision provision) {
        String platform = document.id().platform().value();
        return keep("peers " + platform + "\u0000" + provision.text(), () -> analyzer.peers(provision, platform, current(), PEERS));
    }

    /** Every governance event of the document, oldest first, with its stored change set. */
    List<Event> events(Document document) {
        return changes.events(document.id());
    }

    /**
     * The provision texts of every stored change set that are on the topic: one batched read of
     * the stored topics of all changed texts, kept per state, so a topic feed is one lookup per change.
     */
    java.util.Set<String> changedTextsOn(String topicId) {
        Map<String, java.util.Set<String>> byTopic = keep("changed texts by topic", () -> {
            java.util.Set<String> texts = new java.util.HashSet<>();
            for (Document d : registry.documents()) {
                for (var set : changes.changeSets(d.id())) {
                    for (var change : set.changes().changes()) {
                        change.before().ifPresent(p -> texts.add(p.text()));
                        change.after().ifPresent(p -> texts.add(p.text()));
                    }
                }
            }
            Map<String, java.util.Set<String>> on = new HashMap<>();
            changes.topics(texts).forEach((text, matches) ->
                    matches.forEach(m -> on.computeIfAbsent(m.topicId(), k -> new java.util.HashSet<>()).add(text)));
            return java.util.Collections.unmodifiableMap(on);
        });
        return byTopic.getOrDefault(topicId, java.util.Set.of());
    }

    /**
     * What a server prepares at start, in the background, so that no first request waits for it:
     * the whole-archive views that topic feeds and topic pages start from.
     */
    void prepareInBackground() {
        Thread.ofPlatform().daemon().name("clausewatch-prepare").start(() -> {
            changedTextsOn("");
            dev.clausewatch.check.UseCheck.over(registry, changes, analyzer).prepare();
        });
    }

    /** The changes along every document's current chain, newest first, technical upgrades left out. */
    List<ChangeSummary> latestChanges() {
        return changes.latestChanges().stream().filter(c -> !c.technical()).toList();
    }

    private List<Provision> currentProvisions(DocumentId id) {
        return changes.current(id).map(VersionProvisions::provisions).orElse(List.of());
    }

    /** The document's newest derivation failure, if its records are behind because of one (kept per state). */
    Optional<DerivationFailure> derivationFailure(DocumentId document) {
        Map<DocumentId, DerivationFailure> failures = keep("derivation failures", () -> {
            Map<DocumentId, DerivationFailure> byDocument = new HashMap<>();
            changes.failures().forEach(f -> byDocument.put(f.document(), f));
            return byDocument;
        });
        return Optional.ofNullable(failures.get(document));
    }
}
