package dev.clausewatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.knowledge.Knowledge;
import org.junit.jupiter.api.Test;

/** The explainable cue rules, without the clause model. */
class TopicClassifierTest {
    private final TopicClassifier cues = new TopicClassifier(Knowledge.bundled());

    @Test
    void a_word_borrowed_from_an_example_phrase_does_not_decide_a_topic_alone() {
        // "affected" appears in the topic's example phrases only ("affected individuals"): too common alone.
        assertThat(cues.classify("Your rights are not affected if we wait before acting on a breach."))
                .extracting(TopicMatch::topicId).doesNotContain("consequential-decisions-oversight");
    }

    @Test
    void government_benefits_are_not_governing_law() {
        // AWS's consequential-decisions paragraph names "government benefits"; "govern…" used to read it as a choice of law.
        assertThat(cues.classify("Consequential decisions include access to critical benefits like housing or government benefits."))
                .extracting(TopicMatch::topicId).doesNotContain("governing-law-jurisdiction");
        assertThat(cues.classify("These Terms are governed by the laws of Ireland."))
                .extracting(TopicMatch::topicId).contains("governing-law-jurisdiction");
        assertThat(cues.classify("The governing law is that of Ireland."))
                .extracting(TopicMatch::topicId).contains("governing-law-jurisdiction");
    }

    @Test
    void a_word_of_the_topic_title_or_a_whole_phrase_still_does() {
        assertThat(cues.classify("Consequential decisions about people need a second look."))
                .extracting(TopicMatch::topicId).contains("consequential-decisions-oversight");
        assertThat(cues.classify("Keep a human in the loop."))
                .extracting(TopicMatch::topicId).contains("consequential-decisions-oversight");
    }

    @Test
    void the_same_text_is_classified_once() {
        String text = "We may use your content to train our models.";
        assertThat(cues.classify(text)).isSameAs(cues.classify(text));
    }
}
