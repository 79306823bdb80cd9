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

    /** A computed history and the timeline it was computed from. */
    private record Cached(List<TimelineEntry> timeline, List<VersionProvisions> history) {}

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
        cache.put(document, new Cached(timeline, history));
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

    /** What changed from one version to another (any two, in either order of the timeline). */
    public ChangeSet compare(VersionProvisions from, VersionProvisions to) {
        return detector.compare(from.provisions(), to.provisions(), to.entry().version().kind() == VersionKind.TECHNICAL_UPGRADE);
    }
}
