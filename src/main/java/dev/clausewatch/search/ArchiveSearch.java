package dev.clausewatch.search;

import dev.clausewatch.analysis.Analyzer;
import dev.clausewatch.analysis.TopicMatch;
import dev.clausewatch.derivation.DerivedRecords;
import dev.clausewatch.registry.DocumentId;
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
 * Search over everything derived: one index per serving node, kept current from the derived
 * records ({@link #refresh}, called as events arrive), one document at a time. Searches only read
 * the index; a new version becomes findable once the processor has derived it and the node has
 * refreshed.
 */
public final class ArchiveSearch implements AutoCloseable {
    private final Registry registry;
    private final DerivedRecords records;
    private final Analyzer analyzer;
    private final ProvisionIndex index;
    private volatile String refreshedAt = "";

    public ArchiveSearch(Registry registry, DerivedRecords records, Analyzer analyzer, ProvisionIndex index) {
        this.registry = registry;
        this.records = records;
        this.analyzer = analyzer;
        this.index = index;
    }

    public SearchResults search(SearchQuery query) {
        return index.search(query);
    }

    public ProvisionIndex index() {
        return index;
    }

    /**
     * Re-indexes the documents whose derived head moved since they were indexed; returns how many.
     * Cheap when nothing changed (one query of the records' state).
     */
    public synchronized int refresh() {
        String state = records.state();
        if (state.equals(refreshedAt)) return 0;
        Map<String, String> indexed = index.sources();
        Map<DocumentId, String> heads = records.heads();
        int reindexed = 0;
        for (Document d : registry.documents()) {
            String head = heads.get(d.id());
            if (head == null || head.equals(indexed.get(d.id().toString()))) continue;
            List<Passage> plain = passages(d, records.history(d.id()));
            Map<String, List<TopicMatch>> topics = records.topics(plain.stream().map(Passage::text).toList());
            List<Passage> passages = new ArrayList<>();
            for (Passage p : plain) passages.add(withTopics(p, topics.get(p.text())));
            index.replace(d.id().toString(), passages, Map.of(d.id().toString(), head));
            reindexed++;
        }
        refreshedAt = state;
        return reindexed;
    }

    /** Whether the index has been brought up to the derived records at least once (by this node, since it started). */
    public boolean current() {
        return !refreshedAt.isEmpty();
    }

    @Override
    public void close() {
        index.close();
    }

    private Passage withTopics(Passage p, List<TopicMatch> stored) {
        List<String> topics = (stored != null ? stored : analyzer.topics(p.text())).stream().map(TopicMatch::topicId).toList();
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
