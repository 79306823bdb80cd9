package dev.clausewatch.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clausewatch.registry.InvalidInputException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeTest {
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
            assertThat(e.getMessage()).contains("topics[0].regulations[0].id: \"eu-uctd-typo\" is not a regulation id of regulations.yaml");
        });
    }

    @Test
    void a_bad_verification_level_or_date_is_refused() throws Exception {
        Path topics = copy("topics.yaml"), regulations = copy("regulations.yaml");
        Files.writeString(regulations, Files.readString(regulations).replaceFirst("level: verified", "level: probably")
                .replaceFirst("as_of: \"2026-11-22\"", "as_of: \"soon\"").replaceFirst("\\{date: \"2025-02-02\"", "{date: \"early 2025\""));
        assertThatThrownBy(() -> Knowledge.read(topics, regulations)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.file()).isEqualTo(regulations);
            assertThat(e.getMessage()).contains("meta.as_of: \"soon\" must be the ISO date", "verification.level: \"probably\" must be one of",
                    "regulations[0].dates.application[0].date: \"early 2025\" must be an ISO date");
        });
    }

    private Path copy(String name) throws Exception {
        Path target = dir.resolve(name);
        try (InputStream in = Knowledge.class.getResourceAsStream("/knowledge/" + name)) {
            Files.copy(in, target);
        }
        return target;
    }
}
