package dev.clausewatch.contradiction;

import dev.clausewatch.analysis.StanceRules;
import dev.clausewatch.analysis.TopicComparison;
import dev.clausewatch.change.DocumentChanges.VersionProvisions;
import dev.clausewatch.derivation.DerivedRecords;
import dev.clausewatch.knowledge.Knowledge;
import dev.clausewatch.knowledge.Topic;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.PlatformId;
import dev.clausewatch.registry.Registry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a platform's contradictions in the current versions of its documents: on each topic whose
 * stances can conflict (stances.yaml), every pair of documents whose provisions take conflicting
 * stances, one pair per two documents and two stances (the first provision of each).
 */
public final class Contradictions {
    private final Registry registry;
    private final DerivedRecords records;
    private final TopicComparison comparison;
    private final StanceRules stances;
    private final Knowledge knowledge;

    public Contradictions(Registry registry, DerivedRecords records, TopicComparison comparison, StanceRules stances, Knowledge knowledge) {
        this.registry = registry;
        this.records = records;
        this.comparison = comparison;
        this.stances = stances;
        this.knowledge = knowledge;
    }

    /** With the cue classifier and the bundled stances, as the topic comparison pages read them. */
    public static Contradictions over(Registry registry, DerivedRecords records, Knowledge knowledge) {
        StanceRules stances = StanceRules.bundled(); // read and checked once, for the comparison and the conflicts alike
        return new Contradictions(registry, records, new TopicComparison(new dev.clausewatch.analysis.TopicClassifier(knowledge), stances),
                stances, knowledge);
    }

    public List<Contradiction> of(PlatformId platform) {
        registry.existing(platform);
        Map<Document, VersionProvisions> current = new LinkedHashMap<>();
        for (Document d : registry.documents(platform)) records.current(d.id()).ifPresent(v -> current.put(d, v));
        Map<Document, List<Provision>> provisions = new LinkedHashMap<>();
        current.forEach((d, v) -> provisions.put(d, v.provisions()));
        List<Contradiction> found = new ArrayList<>();
        for (String topic : stances.topicsWithConflicts()) {
            List<TopicComparison.Row> rows = firstPerDocumentAndStance(comparison.compare(topic, provisions));
            for (int i = 0; i < rows.size(); i++) {
                for (int j = i + 1; j < rows.size(); j++) {
                    TopicComparison.Row a = rows.get(i), b = rows.get(j);
                    if (a.document().equals(b.document()) || !stances.conflict(topic, a.stanceId(), b.stanceId())) continue;
                    found.add(contradiction(platform, topic, side(a, topic, current), side(b, topic, current)));
                }
            }
        }
        return found;
    }

    /*
     * A stance said under a condition ("once you opt out, new conversations will not be used to
     * train") is the platform's practice only in that case: it cannot contradict the default.
     */
    private static final java.util.regex.Pattern CONDITIONAL = java.util.regex.Pattern.compile(
            "(?i)\\b(?:if|once|unless|when|whenever|after|where|opt(?:ed|s)?[- ]out|opt(?:ed|s)?[- ]in)\\b");

    private static List<TopicComparison.Row> firstPerDocumentAndStance(List<TopicComparison.Row> rows) {
        Map<String, TopicComparison.Row> first = new LinkedHashMap<>();
        for (TopicComparison.Row r : rows) {
            if (r.stanceId().isEmpty() || CONDITIONAL.matcher(r.quote()).find() && !r.stanceId().startsWith("opt")) continue;
            first.putIfAbsent(r.document() + " " + r.stanceId(), r);
        }
        return List.copyOf(first.values());
    }

    private Contradiction contradiction(PlatformId platform, String topic, Contradiction.Side a, Contradiction.Side b) {
        Contradiction.Side later = Comparator.comparing(Contradiction.Side::since).compare(a, b) >= 0 ? a : b;
        // They disagree since the later side took its stance; a change made it so unless that was its document's first version.
        Optional<Contradiction.MadeBy> madeBy = later.sinceVersion() > 1
                ? Optional.of(new Contradiction.MadeBy(later.document(), later.sinceVersion(), later.since())) : Optional.empty();
        return new Contradiction(platform.value(), topic, knowledge.topic(topic).map(Topic::title).orElse(topic), a, b, madeBy);
    }

    /** A side, with the first version of the unbroken run of versions up to the current one in which its provision takes the stance. */
    private Contradiction.Side side(TopicComparison.Row row, String topic, Map<Document, VersionProvisions> current) {
        Document document = current.keySet().stream().filter(d -> d.id().toString().equals(row.document())).findFirst().orElseThrow();
        VersionProvisions now = current.get(document);
        List<VersionProvisions> history = records.history(document.id());
        VersionProvisions since = now;
        for (int i = history.size() - 1; i >= 0; i--) {
            Optional<Provision> then = history.get(i).provisions().stream().filter(p -> p.id().equals(row.provisionId())).findFirst();
            boolean same = then.flatMap(p -> stances.stanceOf(topic, p.text())).map(s -> s.id().equals(row.stanceId())).orElse(false);
            if (!same) break;
            since = history.get(i);
        }
        return new Contradiction.Side(row.document(), document.title(), now.entry().number(), now.entry().firstObservedAt(), row.provisionId(),
                row.stanceId(), row.stance(), row.quote(), since.entry().number(), since.entry().firstObservedAt());
    }
}
