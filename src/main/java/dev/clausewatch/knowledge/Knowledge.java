package dev.clausewatch.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.clausewatch.registry.InputSchema;
import dev.clausewatch.registry.InvalidInputException;
import dev.clausewatch.registry.InvalidInputException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The topics and regulations Clausewatch reasons with, loaded from YAML and checked: first against
 * their JSON Schemas ({@code schema/knowledge-topics.schema.json},
 * {@code schema/knowledge-regulations.schema.json}: slugs, required fields, CLAUDETTE codes,
 * verification levels, date forms), then for what a schema cannot express: ids used once, every
 * regulation a topic cites and every topic a CLAUDETTE category maps to exists, application dates
 * are days of the calendar. Anything else is refused, naming the file, the JSON pointer and the rule.
 */
public record Knowledge(String topicsAsOf, String regulationsAsOf, Map<String, Topic> topics, Map<String, Regulation> regulations,
                        Map<String, List<String>> claudetteTopics) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final InputSchema TOPICS = InputSchema.named("knowledge-topics.schema.json");
    private static final InputSchema REGULATIONS = InputSchema.named("knowledge-regulations.schema.json");

    public Knowledge {
        topics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(topics));
        regulations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(regulations));
        claudetteTopics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(claudetteTopics));
    }

    /** The knowledge shipped with Clausewatch. */
    public static Knowledge bundled() {
        try (InputStream topics = Knowledge.class.getResourceAsStream("/knowledge/topics.yaml");
             InputStream regulations = Knowledge.class.getResourceAsStream("/knowledge/regulations.yaml")) {
            return parse(Path.of("knowledge/topics.yaml"), YAML.readTree(topics), Path.of("knowledge/regulations.yaml"), YAML.readTree(regulations));
        } catch (IOException e) {
            throw new IllegalStateException("the bundled knowledge cannot be read", e);
        }
    }

    /** Knowledge from two files, for users who maintain their own. */
    public static Knowledge read(Path topicsFile, Path regulationsFile) {
        return parse(topicsFile, tree(topicsFile), regulationsFile, tree(regulationsFile));
    }

    public Optional<Topic> topic(String id) {
        return Optional.ofNullable(topics.get(id));
    }

    public Optional<Regulation> regulation(String id) {
        return Optional.ofNullable(regulations.get(id));
    }

    /**
     * The regulations that bear on these topics, as watches name them: each regulation's id, and
     * {@code id#ref} for each key provision a topic's reason cites ({@code eu-ai-act#Art. 50}).
     */
    public java.util.Set<String> regulationsOf(java.util.Collection<String> topicIds) {
        java.util.Set<String> named = new java.util.TreeSet<>();
        for (String topicId : topicIds) {
            Topic topic = topics.get(topicId);
            if (topic == null) continue;
            for (Topic.RegulationLink link : topic.regulations()) {
                Regulation regulation = regulations.get(link.regulationId());
                if (regulation == null) continue;
                named.add(regulation.id());
                link.cites(regulation).forEach(k -> named.add(regulation.id() + "#" + k.ref()));
            }
        }
        return named;
    }

    private static JsonNode tree(Path file) {
        try {
            return YAML.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InvalidInputException(file, "", "is not readable YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static Knowledge parse(Path topicsFile, JsonNode topicsRoot, Path regulationsFile, JsonNode regulationsRoot) {
        REGULATIONS.check(regulationsFile, regulationsRoot);
        List<Problem> problems = new ArrayList<>();
        Map<String, Regulation> regulations = regulations(regulationsRoot, problems);
        if (!problems.isEmpty()) throw new InvalidInputException(regulationsFile, problems);
        TOPICS.check(topicsFile, topicsRoot);
        Map<String, Topic> topics = topics(topicsRoot, regulations.keySet(), problems);
        Map<String, List<String>> claudette = claudetteTopics(topicsRoot, topics.keySet(), problems);
        if (!problems.isEmpty()) throw new InvalidInputException(topicsFile, problems);
        return new Knowledge(asOf(topicsRoot), asOf(regulationsRoot), topics, regulations, claudette);
    }

    private static String asOf(JsonNode root) {
        return root.get("meta").get("as_of").asText();
    }

    private static Map<String, Regulation> regulations(JsonNode root, List<Problem> problems) {
        Map<String, Regulation> regulations = new LinkedHashMap<>();
        JsonNode list = root.get("regulations");
        for (int i = 0; i < list.size(); i++) {
            JsonNode r = list.get(i);
            String at = "/regulations/" + i;
            String id = r.get("id").asText();
            if (regulations.containsKey(id)) problems.add(new Problem(at + "/id", "\"" + id + "\" is used twice"));
            List<Regulation.KeyProvision> provisions = new ArrayList<>();
            for (JsonNode k : r.path("key_provisions")) provisions.add(new Regulation.KeyProvision(k.get("ref").asText(), k.get("subject").asText()));
            List<String> penalties = new ArrayList<>();
            JsonNode p = r.path("max_penalties");
            if (p.isArray()) p.forEach(x -> penalties.add(x.asText()));
            else if (p.isTextual()) penalties.add(p.asText());
            regulations.put(id, new Regulation(id, r.get("short_name").asText(), r.get("full_title").asText(),
                    r.get("jurisdiction").asText(), r.get("status").asText(), provisions, r.path("enforcement_body").asText(""),
                    penalties, r.get("verification").get("level").asText(), r.path("official_url").asText(""),
                    application(r.path("dates").path("application"), at, problems)));
        }
        return regulations;
    }

    /**
     * The dated stages of application. The schema holds each date to YYYY-MM-DD, YYYY-MM or YYYY;
     * whether the calendar has that month or day is for the parser to say ("2025-02-30").
     */
    private static List<Regulation.Milestone> application(JsonNode list, String at, List<Problem> problems) {
        List<Regulation.Milestone> milestones = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String date = list.get(i).get("date").asText();
            try {
                java.time.LocalDate start = date.matches("\\d{4}") ? java.time.LocalDate.of(Integer.parseInt(date), 1, 1)
                        : date.matches("\\d{4}-\\d{2}") ? java.time.YearMonth.parse(date).atDay(1) : java.time.LocalDate.parse(date);
                milestones.add(new Regulation.Milestone(date, start, list.get(i).path("what").asText("")));
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(new Problem(at + "/dates/application/" + i + "/date", "\"" + date + "\" is not a date of the calendar"));
            }
        }
        return milestones;
    }

    private static Map<String, Topic> topics(JsonNode root, Set<String> regulationIds, List<Problem> problems) {
        Map<String, Topic> topics = new LinkedHashMap<>();
        JsonNode list = root.get("topics");
        for (int i = 0; i < list.size(); i++) {
            JsonNode t = list.get(i);
            String at = "/topics/" + i;
            String id = t.get("id").asText();
            if (topics.containsKey(id)) problems.add(new Problem(at + "/id", "\"" + id + "\" is used twice"));
            List<Topic.RegulationLink> links = new ArrayList<>();
            JsonNode cited = t.path("regulations");
            for (int r = 0; r < cited.size(); r++) {
                String regulation = cited.get(r).get("id").asText();
                if (!regulationIds.contains(regulation)) {
                    problems.add(new Problem(at + "/regulations/" + r + "/id", "\"" + regulation + "\" is not a regulation id of regulations.yaml"));
                }
                links.add(new Topic.RegulationLink(regulation, cited.get(r).get("why").asText()));
            }
            topics.put(id, new Topic(id, t.get("title").asText(), t.path("description").asText(""), strings(t.get("trigger_phrases")), links,
                    strings(t.path("affected_parties")), strings(t.path("claudette")), strings(t.path("opp115"))));
        }
        return topics;
    }

    /** CLAUDETTE category → the topics it corresponds to, first the closest (external_taxonomies.claudette). */
    private static Map<String, List<String>> claudetteTopics(JsonNode root, Set<String> topicIds, List<Problem> problems) {
        Map<String, List<String>> mapping = new LinkedHashMap<>();
        JsonNode categories = root.path("external_taxonomies").path("claudette").path("categories");
        for (int i = 0; i < categories.size(); i++) {
            List<String> mapsTo = strings(categories.get(i).path("maps_to_topics"));
            for (int t = 0; t < mapsTo.size(); t++) {
                if (!topicIds.contains(mapsTo.get(t))) {
                    problems.add(new Problem("/external_taxonomies/claudette/categories/" + i + "/maps_to_topics/" + t,
                            "\"" + mapsTo.get(t) + "\" is not a topic id"));
                }
            }
            mapping.put(categories.get(i).get("code").asText(), mapsTo);
        }
        return mapping;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) node.forEach(n -> values.add(n.asText()));
        return values;
    }
}
