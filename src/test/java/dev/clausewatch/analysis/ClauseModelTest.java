package dev.clausewatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The clause model: deterministic training, and the shipped model recognising what CLAUDETTE labels. */
class ClauseModelTest {
    private final SentenceEmbeddings embeddings = new SentenceEmbeddings();

    @Test
    void training_twice_from_the_same_seed_gives_the_same_model() {
        List<String> sentences = List.of("Any dispute shall be resolved by binding arbitration.", "We may change these terms at any time.",
                "You can contact support by email.", "We may terminate your account at our sole discretion.",
                "These terms are governed by the laws of Ireland.", "Our offices are open on weekdays.");
        List<Set<String>> labels = List.of(Set.of("a"), Set.of("ch"), Set.of(), Set.of("ter"), Set.of("law"), Set.of());
        List<float[]> vectors = embeddings.embedAll(sentences);
        List<ClauseModel.Example> examples = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) examples.add(new ClauseModel.Example(sentences.get(i), vectors.get(i), labels.get(i)));
        ClauseModel first = ClauseModel.train(List.of("a", "ch", "ter", "law"), examples, "test", 7);
        ClauseModel second = ClauseModel.train(List.of("a", "ch", "ter", "law"), examples, "test", 7);
        for (String label : first.labels()) {
            assertThat(second.weights().get(label)).isEqualTo(first.weights().get(label));
            assertThat(second.thresholds().get(label)).isEqualTo(first.thresholds().get(label));
        }
    }

    @Test
    void the_shipped_model_was_trained_on_claudette_and_recognises_unseen_clauses() {
        ClauseModel model = ClauseModel.bundled().orElseThrow();
        assertThat(model.labels()).containsExactly("a", "ch", "cr", "j", "law", "ltd", "ter", "use", "pinc");
        assertThat(model.trainedOn()).contains("CLAUDETTE").doesNotContain("OPP");
        // Written for this test, in the style of consumer terms (not sentences of the corpus).
        assertThat(predict(model, "Any claim arising out of these terms will be settled by final and binding arbitration in Delaware."))
                .contains("a");
        assertThat(predict(model, "We reserve the right to modify these Terms at any time, and your continued use means you accept them."))
                .contains("ch");
        assertThat(predict(model, "Our total liability to you shall not exceed one hundred dollars.")).contains("ltd");
    }

    private List<String> predict(ClauseModel model, String text) {
        return model.predict(text, embeddings.embed(text));
    }
}
