package dev.clausewatch.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.clausewatch.provision.Texts;
import dev.clausewatch.registry.InputSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The stances a provision can take on a topic ({@code knowledge/stances.yaml}): for each topic,
 * ordered stances with sentence cues. A provision's stance is that of its first sentence matching
 * a cue, in the order the stances are listed (negations first). The file is checked against
 * {@code schema/knowledge-stances.schema.json} as it is loaded.
 */
public final class StanceRules {
    private static final InputSchema SCHEMA = InputSchema.named("knowledge-stances.schema.json");

    /** A stance found: which, in which sentence. */
    public record Stance(String id, String label, String sentence) {}

    private record Rule(String id, String label, List<Pattern> cues) {}

    private final Map<String, List<Rule>> rules;
    private final Map<String, String> silent;
    /** Per topic, the pairs of stances that cannot both be a platform's practice ("does not use" and "uses by default"). */
    private final Map<String, java.util.Set<java.util.Set<String>>> conflicts;

    private StanceRules(Map<String, List<Rule>> rules, Map<String, String> silent, Map<String, java.util.Set<java.util.Set<String>>> conflicts) {
        this.rules = rules;
        this.silent = silent;
        this.conflicts = conflicts;
    }

    public static StanceRules bundled() {
        try (InputStream in = StanceRules.class.getResourceAsStream("/knowledge/stances.yaml")) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            SCHEMA.check(Path.of("knowledge/stances.yaml"), root);
            Map<String, List<Rule>> rules = new LinkedHashMap<>();
            Map<String, String> silent = new LinkedHashMap<>();
            Map<String, java.util.Set<java.util.Set<String>>> conflicts = new LinkedHashMap<>();
            root.path("topics").properties().forEach(topic -> {
                List<Rule> list = new ArrayList<>();
                for (JsonNode s : topic.getValue().path("stances")) {
                    List<Pattern> cues = new ArrayList<>();
                    s.path("cues").forEach(c -> cues.add(Pattern.compile(c.asText(), Pattern.CASE_INSENSITIVE)));
                    list.add(new Rule(s.path("id").asText(), s.path("label").asText(), cues));
                }
                rules.put(topic.getKey(), list);
                silent.put(topic.getKey(), topic.getValue().path("silent").asText("silent"));
                java.util.Set<java.util.Set<String>> pairs = new java.util.HashSet<>();
                java.util.Set<String> ids = new java.util.HashSet<>();
                list.forEach(r -> ids.add(r.id()));
                for (JsonNode pair : topic.getValue().path("conflicts")) {
                    for (JsonNode id : pair) {
                        if (!ids.contains(id.asText())) throw new IllegalStateException("knowledge/stances.yaml: /topics/" + topic.getKey()
                                + "/conflicts: \"" + id.asText() + "\" is not one of the topic's stances " + ids);
                    }
                    pairs.add(java.util.Set.of(pair.get(0).asText(), pair.get(1).asText()));
                }
                conflicts.put(topic.getKey(), pairs);
            });
            return new StanceRules(rules, silent, conflicts);
        } catch (IOException e) {
            throw new IllegalStateException("the bundled stances cannot be read", e);
        }
    }

    /** The topics with stances that can contradict each other. */
    public List<String> topicsWithConflicts() {
        return conflicts.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    /** Whether one platform saying both would contradict itself. */
    public boolean conflict(String topicId, String stance, String other) {
        return !stance.equals(other) && conflicts.getOrDefault(topicId, java.util.Set.of()).contains(java.util.Set.of(stance, other));
    }

    public boolean hasStances(String topicId) {
        return rules.containsKey(topicId);
    }

    public String silentLabel(String topicId) {
        return silent.getOrDefault(topicId, "silent");
    }

    public Optional<Stance> stanceOf(String topicId, String text) {
        List<Rule> topicRules = rules.getOrDefault(topicId, List.of());
        for (Rule rule : topicRules) {
            for (String sentence : Texts.sentences(text)) {
                for (Pattern cue : rule.cues()) {
                    if (cue.matcher(sentence).find()) return Optional.of(new Stance(rule.id(), rule.label(), sentence));
                }
            }
        }
        return Optional.empty();
    }
}
