package dev.clausewatch.change;

import dev.clausewatch.archive.Archive;
import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.archive.VersionKind;
import dev.clausewatch.provision.Lineage;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.registry.DocumentId;
import java.util.ArrayList;
import java.util.List;

/**
 * Provisions and changes of archived documents: runs the lineage through a document's timeline
 * (oldest first) so every provision carries its lasting id, and compares any two versions.
 */
public final class DocumentChanges {
    /** A version in the timeline with its identified provisions. */
    public record VersionProvisions(TimelineEntry entry, List<Provision> provisions) {}

    private final Archive archive;
    private final Lineage lineage;
    private final ChangeDetector detector;

    public DocumentChanges(Archive archive, Lineage lineage, ChangeDetector detector) {
        this.archive = archive;
        this.lineage = lineage;
        this.detector = detector;
    }

    /**
     * A computed history, the timeline it was computed from, and the change sets asked of it so far
     * (by version numbers): they live and die with the history they were computed from.
     */
    private record Cached(List<TimelineEntry> timeline, List<VersionProvisions> history,
                          java.util.Map<java.util.List<Integer>, ChangeSet> comparisons) {}

    private final java.util.Map<DocumentId, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Every version of the document, oldest first, with provision ids carried through the whole
     * history. Computed once per state of the timeline: a new observation makes it recompute.
     */
    public List<VersionProvisions> history(DocumentId document) {
        List<TimelineEntry> timeline = archive.timeline(document);
        Cached cached = cache.get(document);
        if (cached != null && cached.timeline().equals(timeline)) return cached.history();
        List<VersionProvisions> history = compute(document, timeline);
        cache.put(document, new Cached(timeline, history, new java.util.concurrent.ConcurrentHashMap<>()));
        return history;
    }

    private List<VersionProvisions> compute(DocumentId document, List<TimelineEntry> timeline) {
        List<Lineage.VersionText> texts = new ArrayList<>();
        for (TimelineEntry e : timeline) texts.add(new Lineage.VersionText(e.version().contentSha256(), archive.text(e.version())));
        List<List<Provision>> identified = lineage.of(document.toString(), texts);
        List<VersionProvisions> result = new ArrayList<>();
        for (int i = 0; i < timeline.size(); i++) result.add(new VersionProvisions(timeline.get(i), identified.get(i)));
        return result;
    }

    /**
     * What changed from one version to another (any two, in either order of the timeline). Pages
     * and feeds ask for the same pairs again and again: a pair taken from the current cached history
     * is computed once.
     */
    public ChangeSet compare(VersionProvisions from, VersionProvisions to) {
        Cached cached = cache.get(to.entry().version().document());
        if (cached == null || !holds(cached.history(), from) || !holds(cached.history(), to)) return detect(from, to);
        return cached.comparisons().computeIfAbsent(List.of(from.entry().number(), to.entry().number()), pair -> detect(from, to));
    }

    /** A new version of a document and what changed from the version before it: a governance event. */
    public record Event(DocumentId document, VersionProvisions before, VersionProvisions after, ChangeSet changes) {
        public java.time.Instant observedAt() {
            return after.entry().firstObservedAt();
        }

        public int number() {
            return after.entry().number();
        }
    }

    /** Every change between consecutive versions of the document, oldest first. */
    public List<Event> events(DocumentId document) {
        List<VersionProvisions> history = history(document);
        List<Event> events = new ArrayList<>();
        for (int i = 1; i < history.size(); i++) {
            events.add(new Event(document, history.get(i - 1), history.get(i), compare(history.get(i - 1), history.get(i))));
        }
        return events;
    }

    private static boolean holds(List<VersionProvisions> history, VersionProvisions version) {
        int index = version.entry().number() - 1;
        return index >= 0 && index < history.size() && history.get(index) == version;
    }

    private ChangeSet detect(VersionProvisions from, VersionProvisions to) {
        return detector.compare(from.provisions(), to.provisions(), to.entry().version().kind() == VersionKind.TECHNICAL_UPGRADE);
    }
}
