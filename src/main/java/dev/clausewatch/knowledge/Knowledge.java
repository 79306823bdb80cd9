package dev.clausewatch.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.clausewatch.registry.InvalidInputException;
import dev.clausewatch.registry.InvalidInputException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The topics and regulations Clausewatch reasons with, loaded from YAML and checked: ids are
 * slugs and unique, every regulation a topic cites exists, every topic has trigger phrases and
 * regulations with reasons, CLAUDETTE codes are known, verification levels are one of the three,
 * and {@code as_of} is a date. Anything else is refused, naming the file, the field and the rule.
 */
public record Knowledge(String topicsAsOf, String regulationsAsOf, Map<String, Topic> topics, Map<String, Regulation> regulations,
                        Map<String, List<String>> claudetteTopics) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> CLAUDETTE = Set.of("a", "ch", "cr", "j", "law", "ltd", "ter", "use", "pinc");
    private static final Set<String> VERIFICATION = Set.of("verified", "secondary", "unverified");

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
        List<Problem> problems = new ArrayList<>();
        String regulationsAsOf = asOf(regulationsRoot, problems);
        Map<String, Regulation> regulations = regulations(regulationsRoot, problems);
        if (!problems.isEmpty()) throw new InvalidInputException(regulationsFile, problems);
        String topicsAsOf = asOf(topicsRoot, problems);
        Map<String, Topic> topics = topics(topicsRoot, regulations.keySet(), problems);
        Map<String, List<String>> claudette = claudetteTopics(topicsRoot, topics.keySet(), problems);
        if (!problems.isEmpty()) throw new InvalidInputException(topicsFile, problems);
        return new Knowledge(topicsAsOf, regulationsAsOf, topics, regulations, claudette);
    }

    private static String asOf(JsonNode root, List<Problem> problems) {
        String asOf = root.path("meta").path("as_of").asText("");
        try {
            LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            problems.add(new Problem("meta.as_of", "\"" + asOf + "\" must be the ISO date the facts were checked (YYYY-MM-DD)"));
        }
        return asOf;
    }

    private static Map<String, Regulation> regulations(JsonNode root, List<Problem> problems) {
        Map<String, Regulation> regulations = new LinkedHashMap<>();
        JsonNode list = root.get("regulations");
        if (list == null || !list.isArray() || list.isEmpty()) {
            problems.add(new Problem("regulations", "must be a non-empty list of instruments"));
            return regulations;
        }
        int index = 0;
        for (JsonNode r : list) {
            String path = "regulations[" + index++ + "]";
            String id = r.path("id").asText("");
            if (!SLUG.matcher(id).matches()) problems.add(new Problem(path + ".id", "\"" + id + "\" must be a slug such as eu-ai-act"));
            else if (regulations.containsKey(id)) problems.add(new Problem(path + ".id", "\"" + id + "\" is used twice"));
            for (String field : List.of("short_name", "full_title", "jurisdiction", "status")) {
                if (r.path(field).asText("").isBlank()) problems.add(new Problem(path + "." + field, "is missing"));
            }
            String level = r.path("verification").path("level").asText("");
            if (!VERIFICATION.contains(level)) problems.add(new Problem(path + ".verification.level", "\"" + level + "\" must be one of " + VERIFICATION));
            List<Regulation.KeyProvision> provisions = new ArrayList<>();
            for (JsonNode k : r.path("key_provisions")) {
                if (k.path("ref").asText("").isBlank() || k.path("subject").asText("").isBlank()) {
                    problems.add(new Problem(path + ".key_provisions", "each key provision needs a ref and a subject"));
                }
                provisions.add(new Regulation.KeyProvision(k.path("ref").asText(""), k.path("subject").asText("")));
            }
            List<String> penalties = new ArrayList<>();
            JsonNode p = r.path("max_penalties");
            if (p.isArray()) p.forEach(x -> penalties.add(x.asText()));
            else if (p.isTextual()) penalties.add(p.asText());
            regulations.put(id, new Regulation(id, r.path("short_name").asText(""), r.path("full_title").asText(""),
                    r.path("jurisdiction").asText(""), r.path("status").asText(""), provisions, r.path("enforcement_body").asText(""),
                    penalties, level, r.path("official_url").asText(""), application(r.path("dates").path("application"), path, problems)));
        }
        return regulations;
    }

    /** The dated stages of application; each date must be ISO at the precision known (YYYY-MM-DD, YYYY-MM or YYYY). */
    private static List<Regulation.Milestone> application(JsonNode list, String path, List<Problem> problems) {
        List<Regulation.Milestone> milestones = new ArrayList<>();
        int index = 0;
        for (JsonNode m : list) {
            String at = path + ".dates.application[" + index++ + "].date";
            String date = m.path("date").asText("");
            try {
                java.time.LocalDate start = date.matches("\\d{4}") ? java.time.LocalDate.of(Integer.parseInt(date), 1, 1)
                        : date.matches("\\d{4}-\\d{2}") ? java.time.YearMonth.parse(date).atDay(1) : java.time.LocalDate.parse(date);
                milestones.add(new Regulation.Milestone(date, start, m.path("what").asText("")));
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(new Problem(at, "\"" + date + "\" must be an ISO date: YYYY-MM-DD, or YYYY-MM or YYYY when only that is known"));
            }
        }
        return milestones;
    }

    private static Map<String, Topic> topics(JsonNode root, Set<String> regulationIds, List<Problem> problems) {
        Map<String, Topic> topics = new LinkedHashMap<>();
        JsonNode list = root.get("topics");
        if (list == null || !list.isArray() || list.isEmpty()) {
            problems.add(new Problem("topics", "must be a non-empty list of topics"));
            return topics;
        }
        Set<String> seen = new HashSet<>();
        int index = 0;
        for (JsonNode t : list) {
            String path = "topics[" + index++ + "]";
            String id = t.path("id").asText("");
            if (!SLUG.matcher(id).matches()) problems.add(new Problem(path + ".id", "\"" + id + "\" must be a slug such as ai-training-on-user-content"));
            else if (!seen.add(id)) problems.add(new Problem(path + ".id", "\"" + id + "\" is used twice"));
            if (t.path("title").asText("").isBlank()) problems.add(new Problem(path + ".title", "is missing"));
            List<String> triggers = strings(t.path("trigger_phrases"));
            if (triggers.isEmpty() || triggers.stream().anyMatch(String::isBlank)) {
                problems.add(new Problem(path + ".trigger_phrases", "must list non-blank phrases that signal the topic"));
            }
            List<Topic.RegulationLink> links = new ArrayList<>();
            int r = 0;
            for (JsonNode link : t.path("regulations")) {
                String regulation = link.path("id").asText("");
                String linkPath = path + ".regulations[" + r++ + "]";
                if (!regulationIds.contains(regulation)) problems.add(new Problem(linkPath + ".id", "\"" + regulation + "\" is not a regulation id of regulations.yaml"));
                if (link.path("why").asText("").isBlank()) problems.add(new Problem(linkPath + ".why", "must say why the regulation bears on the topic"));
                links.add(new Topic.RegulationLink(regulation, link.path("why").asText("")));
            }
            for (String code : strings(t.path("claudette"))) {
                if (!CLAUDETTE.contains(code)) problems.add(new Problem(path + ".claudette", "\"" + code + "\" is not a CLAUDETTE category " + CLAUDETTE));
            }
            topics.put(id, new Topic(id, t.path("title").asText(""), t.path("description").asText(""), triggers, links,
                    strings(t.path("affected_parties")), strings(t.path("claudette")), strings(t.path("opp115"))));
        }
        return topics;
    }

    /** CLAUDETTE category → the topics it corresponds to, first the closest (external_taxonomies.claudette). */
    private static Map<String, List<String>> claudetteTopics(JsonNode root, Set<String> topicIds, List<Problem> problems) {
        Map<String, List<String>> mapping = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode category : root.path("external_taxonomies").path("claudette").path("categories")) {
            String path = "external_taxonomies.claudette.categories[" + index++ + "]";
            List<String> mapsTo = strings(category.path("maps_to_topics"));
            for (String topic : mapsTo) {
                if (!topicIds.contains(topic)) problems.add(new Problem(path + ".maps_to_topics", "\"" + topic + "\" is not a topic id"));
            }
            mapping.put(category.path("code").asText(), mapsTo);
        }
        return mapping;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) node.forEach(n -> values.add(n.asText()));
        return values;
    }
}
