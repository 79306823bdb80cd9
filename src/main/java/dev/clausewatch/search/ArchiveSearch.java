package dev.clausewatch.search;

import dev.clausewatch.analysis.Analyzer;
import dev.clausewatch.analysis.TopicMatch;
import dev.clausewatch.archive.Archive;
import dev.clausewatch.archive.ArchiveState;
import dev.clausewatch.change.DocumentChanges;
import dev.clausewatch.change.DocumentChanges.VersionProvisions;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.ProvisionKind;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.Registry;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Search over everything archived. The index is built on first use and rebuilt only when the
 * {@link ArchiveState} has changed since (a new document, version or observation); searches in
 * between cost only the index lookup, and may lag a new capture by the state's recheck interval.
 */
public final class ArchiveSearch {
    private final Registry registry;
    private final DocumentChanges changes;
    private final Analyzer analyzer;
    private final ArchiveState state;
    private record Built(Object state, ProvisionIndex index) {}
    private volatile Built built;

    /** Rechecks the archive for changes at most every five seconds. */
    public ArchiveSearch(Registry registry, Archive archive, DocumentChanges changes, Analyzer analyzer) {
        this(registry, changes, analyzer, new ArchiveState(registry, archive));
    }

    /** A search that follows {@code state}, which others may share so the archive is read once per interval for all. */
    public ArchiveSearch(Registry registry, DocumentChanges changes, Analyzer analyzer, ArchiveState state) {
        this.registry = registry;
        this.changes = changes;
        this.analyzer = analyzer;
        this.state = state;
    }

    public SearchResults search(SearchQuery query) {
        return index().search(query);
    }

    /** The current index, rebuilt when the archive's state differs from the one it was built from. */
    public ProvisionIndex index() {
        Object now = state.current();
        Built current = built;
        if (current != null && current.state() == now) return current.index();
        return rebuild();
    }

    private synchronized ProvisionIndex rebuild() {
        Object now = state.current(); // a thread that waited here may find the index already built
        if (built == null || built.state() != now) built = new Built(now, ProvisionIndex.of(passages()));
        return built.index();
    }

    private List<Passage> passages() {
        List<Passage> passages = new ArrayList<>();
        for (Document d : registry.documents()) {
            for (Passage p : passages(d, changes.history(d.id()))) passages.add(withTopics(p));
        }
        return passages;
    }

    private Passage withTopics(Passage p) {
        List<String> topics = analyzer.topics(p.text()).stream().map(TopicMatch::topicId).toList();
        return new Passage(p.platform(), p.type(), p.documentTitle(), p.provisionId(), p.text(), topics, p.firstVersion(), p.lastVersion(),
                p.since(), p.current());
    }

    /** One passage per run of versions in which a provision kept the same text. */
    static List<Passage> passages(Document document, List<VersionProvisions> history) {
        record Key(String id, String text) {}
        record Run(Provision provision, int first, int last, LocalDate since) {}
        Map<Key, Run> runs = new LinkedHashMap<>();
        List<Run> closed = new ArrayList<>();
        for (VersionProvisions version : history) {
            int number = version.entry().number();
            LocalDate date = LocalDate.ofInstant(version.entry().firstObservedAt(), ZoneOffset.UTC);
            Map<Key, Run> next = new LinkedHashMap<>();
            for (Provision p : version.provisions()) {
                if (p.kind() == ProvisionKind.HEADING) continue;
                Key key = new Key(p.id(), p.text());
                Run run = runs.remove(key);
                next.put(key, run == null ? new Run(p, number, number, date) : new Run(run.provision(), run.first(), number, run.since()));
            }
            closed.addAll(runs.values());
            runs = next;
        }
        int latest = history.isEmpty() ? 0 : history.getLast().entry().number();
        List<Passage> passages = new ArrayList<>();
        for (Run run : closed) passages.add(passage(document, run.provision(), run.first(), run.last(), run.since(), false));
        for (Run run : runs.values()) passages.add(passage(document, run.provision(), run.first(), run.last(), run.since(), run.last() == latest));
        return passages;
    }

    private static Passage passage(Document d, Provision p, int first, int last, LocalDate since, boolean current) {
        return new Passage(d.id().platform().value(), d.id().type().slug(), d.title(), p.id(), p.text(), List.of(), first, last, since, current);
    }
}
