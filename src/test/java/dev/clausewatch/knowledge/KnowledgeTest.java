package dev.clausewatch.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.clausewatch.registry.InputSchema;
import dev.clausewatch.registry.InvalidInputException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KnowledgeTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir Path dir;

    @Test
    void the_bundled_knowledge_loads_with_every_reference_resolved() {
        Knowledge knowledge = Knowledge.bundled();
        assertThat(knowledge.topics()).hasSize(40);
        assertThat(knowledge.regulations()).hasSize(50);
        assertThat(knowledge.topicsAsOf()).isEqualTo("2026-11-22");
        knowledge.topics().values().forEach(t -> t.regulations().forEach(link ->
                assertThat(knowledge.regulations()).as(t.id()).containsKey(link.regulationId())));
        assertThat(knowledge.regulation("eu-ai-act").orElseThrow().verification()).isEqualTo("verified");
        // Application dates at the precision the fact sheet knows them, in order.
        var aiAct = knowledge.regulation("eu-ai-act").orElseThrow();
        assertThat(aiAct.application()).extracting(Regulation.Milestone::date).startsWith("2025-02-02").contains("2027-12-02");
        assertThat(aiAct.application()).extracting(Regulation.Milestone::start).isSorted();
        assertThat(knowledge.regulations().values()).flatExtracting(Regulation::application)
                .anySatisfy(m -> assertThat(m.date()).matches("\\d{4}-\\d{2}"));
    }

    @Test
    void a_topic_citing_an_unknown_regulation_is_refused_with_path_and_rule() throws Exception {
        Path topics = copy("topics.yaml"), regulations = copy("regulations.yaml");
        Files.writeString(topics, Files.readString(topics).replaceFirst("\\{id: eu-uctd,", "{id: eu-uctd-typo,"));
        assertThatThrownBy(() -> Knowledge.read(topics, regulations)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.file()).isEqualTo(topics);
            assertThat(e.getMessage()).contains("/topics/0/regulations/0/id: \"eu-uctd-typo\" is not a regulation id of regulations.yaml");
        });
    }

    @Test
    void a_bad_verification_level_or_date_is_refused() throws Exception {
        Path topics = copy("topics.yaml"), regulations = copy("regulations.yaml");
        Files.writeString(regulations, Files.readString(regulations).replaceFirst("level: verified", "level: probably")
                .replaceFirst("as_of: \"2026-11-22\"", "as_of: \"soon\"").replaceFirst("\\{date: \"2025-02-02\"", "{date: \"early 2025\""));
        assertThatThrownBy(() -> Knowledge.read(topics, regulations)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.file()).isEqualTo(regulations);
            assertThat(e.getMessage()).contains("/meta/as_of: \"soon\" must be the ISO date the facts were checked (YYYY-MM-DD) (format)",
                    "/regulations/0/verification/level: \"probably\" does not have a value in the enumeration [\"verified\", \"secondary\", \"unverified\"] (enum)",
                    "/regulations/0/dates/application/0/date: \"early 2025\" must be an ISO date: YYYY-MM-DD, or YYYY-MM or YYYY when only that is known (pattern)");
        });
    }

    @Test
    void each_knowledge_schema_accepts_the_bundled_file_it_describes() throws Exception {
        for (String name : List.of("topics", "regulations", "stances")) {
            try (InputStream in = Knowledge.class.getResourceAsStream("/knowledge/" + name + ".yaml")) {
                assertThat(InputSchema.named("knowledge-" + name + ".schema.json").problems(YAML.readTree(in))).as(name).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            topics.yaml      | '- id: incorporation-by-reference'      | '- id: Incorporation'                        | /topics/0/id: "Incorporation" must be a slug: lower-case letters and digits joined by single hyphens, such as ai-training-on-user-content (pattern)
            topics.yaml      | 'claudette: [use, pinc]'                | 'claudette: [use, pink]'                     | /topics/0/claudette/1: "pink" does not have a value in the enumeration ["a", "ch", "cr", "j", "law", "ltd", "ter", "use", "pinc"] (enum)
            topics.yaml      | '\n    trigger_phrases:\n      - "incorporated' | '\n    trigger_phrase:\n      - "incorporated' | /topics/0/trigger_phrase: is not a field here (additionalProperties); allowed here: affected_parties, claudette, description, id, opp115, regulations, title, trigger_phrases
            topics.yaml      | 'title: "Incorporation of other policies by reference"' | 'title: "  "'        | /topics/0/title: "  " must not be blank (pattern)
            regulations.yaml | '{ref: "Art. 4", subject:'              | '{ref: "Art. 4", subjects:'                  | /regulations/0/key_provisions/1/subject: is missing (required)
            regulations.yaml | 'short_name: "EU AI Act"'               | 'short_name: ["EU AI Act"]'                  | /regulations/0/short_name: array found, string expected (type)
            """)
    void a_knowledge_file_breaking_a_rule_of_its_schema_is_refused_naming_file_pointer_and_rule(String name, String from, String to, String problem)
            throws Exception {
        Path topics = copy("topics.yaml"), regulations = copy("regulations.yaml");
        Path changed = dir.resolve(name);
        String text = Files.readString(changed);
        assertThat(text).contains(from);
        Files.writeString(changed, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
        assertThatThrownBy(() -> Knowledge.read(topics, regulations)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.file()).isEqualTo(changed);
            assertThat(e.problems()).extracting(Object::toString).contains(problem);
        });
    }

    @Test
    void an_id_used_twice_or_an_application_date_not_in_the_calendar_is_refused_by_hand_as_no_schema_can() throws Exception {
        Path topics = copy("topics.yaml"), regulations = copy("regulations.yaml");
        Files.writeString(regulations, Files.readString(regulations).replaceFirst("\\{date: \"2025-08-02\"", "{date: \"2025-02-30\""));
        assertThatThrownBy(() -> Knowledge.read(topics, regulations)).isInstanceOfSatisfying(InvalidInputException.class, e ->
                assertThat(e.getMessage()).contains("/regulations/0/dates/application/1/date: \"2025-02-30\" is not a date of the calendar"));
        Files.copy(Knowledge.class.getResourceAsStream("/knowledge/regulations.yaml"), regulations, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(topics, Files.readString(topics).replaceFirst("- id: unilateral-modification", "- id: incorporation-by-reference"));
        assertThatThrownBy(() -> Knowledge.read(topics, regulations)).isInstanceOfSatisfying(InvalidInputException.class, e ->
                assertThat(e.getMessage()).contains("/topics/1/id: \"incorporation-by-reference\" is used twice"));
    }

    @Test
    void a_stance_cue_that_is_not_a_regular_expression_is_refused_naming_its_pointer() throws Exception {
        JsonNode stances;
        try (InputStream in = Knowledge.class.getResourceAsStream("/knowledge/stances.yaml")) {
            stances = YAML.readTree(in);
        }
        ((com.fasterxml.jackson.databind.node.ArrayNode) stances.at("/topics/ai-training-on-user-content/stances/0/cues")).set(0, "(train");
        assertThat(InputSchema.named("knowledge-stances.schema.json").problems(stances)).extracting(Object::toString)
                .containsExactly("/topics/ai-training-on-user-content/stances/0/cues/0: \"(train\" must be a regular expression (format)");
    }

    /** Stances are shipped for the shipped topics: a stance on a topic the knowledge lacks would never be shown. */
    @Test
    void the_bundled_stances_are_on_bundled_topics() throws Exception {
        try (InputStream in = Knowledge.class.getResourceAsStream("/knowledge/stances.yaml")) {
            assertThat(YAML.readTree(in).get("topics").properties()).extracting(java.util.Map.Entry::getKey).isNotEmpty().isSubsetOf(Knowledge.bundled().topics().keySet());
        }
    }

    private Path copy(String name) throws Exception {
        Path target = dir.resolve(name);
        try (InputStream in = Knowledge.class.getResourceAsStream("/knowledge/" + name)) {
            Files.copy(in, target);
        }
        return target;
    }
}
