package dev.clausewatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.knowledge.Knowledge;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.ProvisionKind;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A stance in the comparison is the provider's own practice, never a rule it sets for users. */
class TopicComparisonTest {
    private final TopicComparison comparison = new TopicComparison(new TopicClassifier(Knowledge.bundled()), StanceRules.bundled());

    @Test
    void a_prohibition_on_users_is_not_the_providers_stance_on_training() {
        Document acme = new Document(DocumentId.parse("acme/terms-of-service"), "Acme");
        // Written for this test: a rule for users on training, then the provider's own practice.
        List<Provision> provisions = List.of(
                provision("p-1", "You may not use Output to build competing products. We do not use your prompts to train our models."),
                provision("p-2", "You must not:"),
                provision("p-3", "train models on Output, or turn off the safety features of our models;"),
                provision("p-4", "We do not use your conversations to train our models."));
        List<TopicComparison.Row> rows = comparison.compare("ai-training-on-user-content", Map.of(acme, provisions));
        // p-3 alone would read as "opt-out" ("turn off … models"): it is a list item of what users must not do.
        assertThat(StanceRules.bundled().stanceOf("ai-training-on-user-content", provisions.get(2).text())).isPresent();
        assertThat(rows).extracting(TopicComparison.Row::provisionId).contains("p-1", "p-4").doesNotContain("p-3");
        assertThat(rows).filteredOn(r -> r.provisionId().equals("p-4")).singleElement()
                .satisfies(r -> assertThat(r.stance()).isEqualTo("does not use"));
    }

    private static Provision provision(String id, String text) {
        return new Provision(id, Integer.parseInt(id.substring(2)), ProvisionKind.PARAGRAPH, List.of(), "", text, text);
    }
}
