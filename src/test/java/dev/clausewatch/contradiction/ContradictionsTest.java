package dev.clausewatch.contradiction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clausewatch.TestStores;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.PlatformId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two documents of one platform that come to disagree on training with users' content, written here as clipped pages. */
class ContradictionsTest {
    @TempDir Path dir;

    private Path clip(String name, String url, String created, String title, String body) throws IOException {
        return Files.writeString(dir.resolve(name), "---\nsource: " + url + "\ncreated: " + created + "\n---\n\n# " + title + "\n\n" + body + "\n");
    }

    private Workspace archive(List<Path> clips) {
        Workspace w = TestStores.SQLITE.open(dir.resolve("data"));
        w.importer().importPaths(clips);
        w.processor().catchUp(p -> {});
        return w;
    }

    @Test
    void a_change_that_makes_the_terms_say_what_the_privacy_policy_denies_is_a_contradiction_dated_by_that_change() throws IOException {
        List<Path> clips = List.of(
                clip("privacy.md", "https://openai.com/policies/privacy-policy", "2024-01-01T00:00:00Z", "OpenAI Privacy Policy",
                        "We collect your account details.\n\nWe do not use your content to train our models."),
                clip("terms-1.md", "https://openai.com/policies/terms-of-use", "2024-01-01T00:00:00Z", "OpenAI Terms of Use",
                        "You own the content you create.\n\nYou must follow our usage policies."),
                clip("terms-2.md", "https://openai.com/policies/terms-of-use", "2024-06-01T00:00:00Z", "OpenAI Terms of Use",
                        "You own the content you create.\n\nYou must follow our usage policies.\n\nWe use your content to train our models and improve our services."));
        try (Workspace w = archive(clips)) {
            List<Contradiction> found = Contradictions.over(w.registry(), w.records(), w.knowledge()).of(new PlatformId("chatgpt"));
            assertThat(found).singleElement().satisfies(c -> {
                assertThat(c.topicId()).isEqualTo("ai-training-on-user-content");
                assertThat(List.of(c.first().stanceId(), c.second().stanceId())).containsExactlyInAnyOrder("does-not-use", "uses-by-default");
                Contradiction.Side terms = c.first().document().endsWith("terms-of-service") ? c.first() : c.second();
                assertThat(terms.sentence()).isEqualTo("We use your content to train our models and improve our services.");
                assertThat(terms.version()).isEqualTo(2);
                assertThat(terms.sinceVersion()).isEqualTo(2);
                assertThat(c.madeBy()).hasValueSatisfying(m -> {
                    assertThat(m.document()).isEqualTo("chatgpt/terms-of-service");
                    assertThat(m.version()).isEqualTo(2);
                    assertThat(m.recordedAt()).isEqualTo(terms.since());
                });
            });
        }
    }

    @Test
    void a_stance_under_a_condition_or_a_rule_for_users_contradicts_nothing() throws IOException {
        List<Path> clips = List.of(
                clip("privacy.md", "https://openai.com/policies/privacy-policy", "2024-01-01T00:00:00Z", "OpenAI Privacy Policy",
                        "Once you opt out, new conversations will not be used to train our models."),
                clip("terms.md", "https://openai.com/policies/terms-of-use", "2024-01-01T00:00:00Z", "OpenAI Terms of Use",
                        "We use your content to train our models, and you can opt out in your settings.\n\n"
                                + "You must not use Output to develop models that compete with OpenAI."));
        try (Workspace w = archive(clips)) {
            assertThat(Contradictions.over(w.registry(), w.records(), w.knowledge()).of(new PlatformId("chatgpt"))).isEmpty();
            assertThatThrownBy(() -> Contradictions.over(w.registry(), w.records(), w.knowledge()).of(new PlatformId("nobody")))
                    .hasMessageContaining("\"nobody\" is not in the registry");
        }
    }
}
