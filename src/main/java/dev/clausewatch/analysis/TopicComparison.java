package dev.clausewatch.analysis;

import dev.clausewatch.provision.Provision;
import dev.clausewatch.registry.Document;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How platforms' documents treat one topic: for every platform given, its provisions on the topic
 * with their stance (where the topic has stances) and quote, or "silent" when none of its documents
 * has such a provision. The table behind "How N AI platforms describe …".
 */
public final class TopicComparison {
    /** One platform's provision on the topic. */
    public record Row(String platform, String document, String provisionId, String stance, String quote, String stanceId) {}

    private final TopicClassifier classifier;
    private final StanceRules stances;

    public TopicComparison(TopicClassifier classifier, StanceRules stances) {
        this.classifier = classifier;
        this.stances = stances;
    }

    private static boolean ruleForUsers(Provision provision, List<Provision> provisions, Document document) {
        Analyzer.Context context = Analyzer.Context.of(provision, provisions, document.platformName());
        Reading reading = Reading.of(provision.text(), context.leadIn(), context.providerNames());
        // "Customer will not, and will not permit End Users to: … use Output to develop models" is a rule as much as "must not".
        return !reading.bindsNoOne() && reading.statements().stream().allMatch(s -> s.party() == Reading.Party.YOU
                && (s.modality() == Reading.Modality.MUST_NOT || s.modality() == Reading.Modality.MUST || s.modality() == Reading.Modality.WILL_NOT));
    }

    /** {@code documents}: each document with the provisions of the version to compare, grouped by platform in the order given. */
    public List<Row> compare(String topicId, Map<Document, List<Provision>> documents) {
        Map<String, List<Row>> byPlatform = new LinkedHashMap<>();
        for (var entry : documents.entrySet()) {
            Document document = entry.getKey();
            List<Row> rows = byPlatform.computeIfAbsent(document.id().platform().value(), k -> new ArrayList<>());
            for (Provision p : entry.getValue()) {
                boolean onTopic = classifier.classify(p.text()).stream().anyMatch(m -> m.topicId().equals(topicId));
                var stance = stances.stanceOf(topicId, p.text());
                if (!onTopic && stance.isEmpty()) continue;
                // A stance is the provider's own practice: a rule for users ("you may not use Output to develop models
                // that compete with us") says what users must not do, not what the provider does.
                if (stance.isPresent() && ruleForUsers(p, entry.getValue(), document)) continue;
                if (stances.hasStances(topicId) && stance.isEmpty()) continue; // on the topic but taking no stance: context, not a row
                rows.add(new Row(document.id().platform().value(), document.id().toString(), p.id(),
                        stance.map(StanceRules.Stance::label).orElse(""), stance.map(StanceRules.Stance::sentence).orElse(p.text()),
                        stance.map(StanceRules.Stance::id).orElse("")));
            }
        }
        List<Row> table = new ArrayList<>();
        byPlatform.forEach((platform, rows) -> {
            if (rows.isEmpty()) table.add(new Row(platform, "", "", stances.silentLabel(topicId), "", ""));
            else table.addAll(rows);
        });
        return table;
    }
}
