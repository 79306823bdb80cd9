package dev.clausewatch.derivation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.clausewatch.analysis.TopicMatch;
import dev.clausewatch.archive.Archive;
import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.change.ChangeDetector;
import dev.clausewatch.change.ChangeSet;
import dev.clausewatch.change.DocumentChanges.Event;
import dev.clausewatch.change.DocumentChanges.VersionProvisions;
import dev.clausewatch.provision.Reference;
import dev.clausewatch.registry.DocumentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one read side of derived records, for the web app, the API and the command line: a
 * document's versions with their provisions, changes between versions, the version in force at a
 * date, references and topics, all read from what the processor stored. A version the processor
 * has not reached yet is not shown (see {@link #backlog}); nothing here derives records.
 *
 * <p>Stored rows never change once written (they are keyed by lineage and deriver), so parsed rows
 * are kept in a bounded cache that can never be stale.
 */
public final class DerivedRecords {
    private final Archive archive;
    private final DerivedStore store;
    private final Derivers derivers;
    private final ChangeDetector detector;
    private final Cache<String, DerivedVersion> versions = Caffeine.newBuilder()
            .maximumWeight(400_000).weigher((String k, DerivedVersion v) -> 1 + v.provisions().size()).build();
    private final Cache<String, DerivedChange> changes = Caffeine.newBuilder()
            .maximumWeight(400_000).weigher((String k, DerivedChange c) -> 1 + c.changes().changes().size()).build();
    private final Cache<String, List<TopicMatch>> topics = Caffeine.newBuilder().maximumSize(200_000).build();

    public DerivedRecords(Archive archive, DerivedStore store, Derivers derivers, ChangeDetector detector) {
        this.archive = archive;
        this.store = store;
        this.derivers = derivers;
        this.detector = detector;
    }

    /** The document's derived versions with provisions, oldest first (empty when none is derived yet). */
    public List<VersionProvisions> history(DocumentId document) {
        List<TimelineEntry> timeline = archive.timeline(document);
        List<String> keys = LineageKeys.of(document, timeline);
        Map<String, DerivedVersion> found = versions(document, keys);
        List<VersionProvisions> history = new ArrayList<>();
        for (int i = 0; i < timeline.size(); i++) {
            DerivedVersion v = found.get(keys.get(i));
            if (v == null) break; // the processor has not reached this version (or the ones after it) yet
            history.add(new VersionProvisions(timeline.get(i), v.provisions()));
        }
        return history;
    }

    /** The latest derived version of the document. */
    public Optional<VersionProvisions> current(DocumentId document) {
        List<VersionProvisions> history = history(document);
        return history.isEmpty() ? Optional.empty() : Optional.of(history.getLast());
    }

    /**
     * The version in force at {@code instant}: the one whose text was seen last at or before it
     * ({@link Archive#inForceAt}), decided here once for pages, API and command line.
     */
    public Optional<VersionProvisions> inForce(DocumentId document, Instant instant) {
        Optional<TimelineEntry> entry = archive.inForceAt(document, instant);
        if (entry.isEmpty()) return Optional.empty();
        List<VersionProvisions> history = history(document);
        int index = entry.get().number() - 1;
        return index < history.size() ? Optional.of(history.get(index)) : Optional.empty();
    }

    /**
     * What changed from one version to another: the stored change set for consecutive versions; for
     * any other pair (a reader's own comparison, not a record) the comparison is made on the stored provisions.
     */
    public ChangeSet compare(VersionProvisions from, VersionProvisions to) {
        if (to.entry().number() == from.entry().number() + 1) {
            DocumentId document = to.entry().version().document();
            Optional<DerivedChange> stored = change(document, keyOf(document, to));
            if (stored.isPresent()) return stored.get().changes();
        }
        return detector.compare(from.provisions(), to.provisions(),
                to.entry().version().kind() == dev.clausewatch.archive.VersionKind.TECHNICAL_UPGRADE);
    }

    /** Every change between consecutive derived versions of the document, oldest first. */
    public List<Event> events(DocumentId document) {
        List<VersionProvisions> history = history(document);
        List<String> keys = LineageKeys.of(document, history.stream().map(VersionProvisions::entry).toList());
        Map<String, DerivedChange> stored = changes(document, keys.subList(Math.min(1, keys.size()), keys.size()));
        List<Event> events = new ArrayList<>();
        for (int i = 1; i < history.size(); i++) {
            DerivedChange change = stored.get(keys.get(i));
            if (change == null) break;
            events.add(new Event(document, history.get(i - 1), history.get(i), change.changes()));
        }
        return events;
    }

    /**
     * Every stored change set along the document's timeline, oldest first, without the versions'
     * provisions: what feeds and topic filters read, far cheaper than {@link #events}.
     */
    public List<DerivedChange> changeSets(DocumentId document) {
        return changeSets(document, archive.timeline(document));
    }

    /**
     * The stored change sets along {@code timeline}, the document's as the caller read it: change
     * {@code number} goes from entry {@code number - 1} to entry {@code number} of that very list, so
     * a caller can name each change by its two versions without a second read that a new version
     * could shift.
     */
    public List<DerivedChange> changeSets(DocumentId document, List<TimelineEntry> timeline) {
        List<String> keys = LineageKeys.of(document, timeline);
        Map<String, DerivedChange> stored = changes(document, keys.subList(Math.min(1, keys.size()), keys.size()));
        List<DerivedChange> sets = new ArrayList<>();
        for (int i = 1; i < keys.size(); i++) {
            DerivedChange change = stored.get(keys.get(i));
            if (change == null) break;
            sets.add(change);
        }
        return sets;
    }

    /** The changes along every document's current version chain, newest first, without their provisions. */
    public List<ChangeSummary> latestChanges() {
        return store.summaries(Optional.empty(), derivers.structure());
    }

    /** The changes along one document's current chain, newest first, without their provisions. */
    public List<ChangeSummary> changeSummaries(DocumentId document) {
        return store.summaries(Optional.of(document), derivers.structure());
    }

    /** The references a derived version makes. */
    public List<Reference> references(VersionProvisions version) {
        DocumentId document = version.entry().version().document();
        return Optional.ofNullable(versions(document, List.of(keyOf(document, version))).get(keyOf(document, version)))
                .map(DerivedVersion::references).orElse(List.of());
    }

    /** The number of the document's current derived version (its place in the timeline), 0 when none is derived; no provisions read. */
    public int currentNumber(DocumentId document) {
        String head = heads().get(document);
        if (head == null) return 0;
        return LineageKeys.of(document, archive.timeline(document)).indexOf(head) + 1;
    }

    /** Documents whose current version refers to {@code target}, with the referring provision ids and whether each binds. */
    public Map<DocumentId, List<DerivedStore.Referral>> referringTo(DocumentId target) {
        return store.referringTo(target, derivers.structure());
    }

    /** The stored topics of a provision text; empty when no derived version holds the text. */
    public Optional<List<TopicMatch>> topics(String text) {
        String sha = Archive.contentHash(text);
        List<TopicMatch> known = topics.getIfPresent(sha);
        if (known != null) return Optional.of(known);
        List<TopicMatch> stored = store.topics(List.of(sha), derivers.topics()).get(sha);
        if (stored != null) topics.put(sha, stored);
        return Optional.ofNullable(stored);
    }

    /** Each document's current version key as derived: what a follower (the search index) compares with what it has. */
    public Map<DocumentId, String> heads() {
        Map<DocumentId, String> heads = new HashMap<>();
        for (DerivedStore.Head head : store.heads()) if (head.headKey() != null) heads.put(head.document(), head.headKey());
        return heads;
    }

    /** The stored topics of many texts at once (texts no derived version holds are left out). */
    public Map<String, List<TopicMatch>> topics(java.util.Collection<String> texts) {
        Map<String, String> bySha = new HashMap<>();
        for (String text : texts) bySha.put(Archive.contentHash(text), text);
        Map<String, List<TopicMatch>> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        bySha.forEach((sha, text) -> {
            List<TopicMatch> known = topics.getIfPresent(sha);
            if (known != null) found.put(text, known);
            else missing.add(sha);
        });
        store.topics(missing, derivers.topics()).forEach((sha, matches) -> {
            topics.put(sha, matches);
            found.put(bySha.get(sha), matches);
        });
        return found;
    }

    /** Documents whose newest derivation failed, with the cause (what status and the document pages show). */
    public List<DerivationFailure> failures() {
        return store.failures();
    }

    public Backlog backlog() {
        return store.backlog(Instant.now());
    }

    /** Changes whenever an event is announced or the processor moves a head: what pages kept per state compare. */
    public String state() {
        return store.state();
    }

    /** When the records last changed (an event announced or a head moved), if anything was ever derived. */
    public Optional<Instant> changedAt() {
        return store.changedAt();
    }

    private String keyOf(DocumentId document, VersionProvisions version) {
        List<TimelineEntry> chain = archive.timeline(document).subList(0, version.entry().number());
        return LineageKeys.of(document, chain).getLast();
    }

    private Map<String, DerivedVersion> versions(DocumentId document, List<String> keys) {
        Map<String, DerivedVersion> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            DerivedVersion v = versions.getIfPresent(document + key);
            if (v != null) found.put(key, v);
            else missing.add(key);
        }
        if (!missing.isEmpty()) {
            store.versions(document, missing, derivers.structure()).forEach((key, v) -> {
                versions.put(document + key, v);
                found.put(key, v);
            });
        }
        return found;
    }

    private Optional<DerivedChange> change(DocumentId document, String toKey) {
        return Optional.ofNullable(changes(document, List.of(toKey)).get(toKey));
    }

    private Map<String, DerivedChange> changes(DocumentId document, List<String> toKeys) {
        Map<String, DerivedChange> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String key : toKeys) {
            DerivedChange c = changes.getIfPresent(document + key);
            if (c != null) found.put(key, c);
            else missing.add(key);
        }
        if (!missing.isEmpty()) {
            store.changes(document, missing, derivers.structure()).forEach((key, c) -> {
                changes.put(document + key, c);
                found.put(key, c);
            });
        }
        return found;
    }
}
