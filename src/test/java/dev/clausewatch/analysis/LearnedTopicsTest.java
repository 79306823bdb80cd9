package dev.clausewatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.knowledge.Knowledge;
import dev.clausewatch.provision.Texts;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped topic model as provisions meet it: the model decides, the cues are evidence, and
 * each topic comes with what a reader checks it by.
 */
class LearnedTopicsTest {
    private static final Knowledge KNOWLEDGE = Knowledge.bundled();
    private static final SentenceEmbeddings EMBEDDINGS = new SentenceEmbeddings();

    /** Written for this test in the usual words of an arbitration clause (no labelled paragraph is this text). */
    private static final String ARBITRATION = "You and GitHub agree that any dispute will be resolved by binding individual arbitration. "
            + "You waive any right to a jury trial or to participate in a class action. "
            + "The arbitration will be conducted by the American Arbitration Association under its Consumer Arbitration Rules.";

    @Test
    void a_topic_comes_with_the_sentence_that_carries_it_the_nearest_labelled_examples_and_a_calibrated_confidence() {
        TopicClassifier classifier = TopicClassifier.learned(KNOWLEDGE, TopicModel.bundled().orElseThrow(), EMBEDDINGS::embed);
        List<TopicMatch> topics = classifier.classify(ARBITRATION);
        assertThat(topics).extracting(TopicMatch::topicId).containsExactly("arbitration-class-waiver");
        TopicMatch match = topics.getFirst();
        assertThat(Texts.sentences(ARBITRATION)).contains(match.sentence());
        assertThat(match.confidence()).isBetween(0.5, 1.0);
        assertThat(match.examples()).hasSize(2).allSatisfy(like -> {
            assertThat(like.similarity()).isBetween(0.3, 0.995);
            assertThat(like.document()).contains("/");
            assertThat(like.excerpt()).isNotBlank();
        });
        assertThat(match.evidence()).as("the cues found, as evidence").isNotEmpty();
    }

    @Test
    void words_inside_a_parenthesis_of_examples_are_a_passing_mention_not_a_cue() {
        TopicClassifier classifier = new TopicClassifier(KNOWLEDGE);
        String mention = "If you use the Services to make consequential decisions (e.g., medical diagnosis, or providing legal, financial, or "
                + "medical advice), you must implement appropriate human oversight.";
        String about = "You must not use the Services for providing legal, financial, or medical advice without a qualified professional.";
        assertThat(classifier.cues(mention)).containsKey("consequential-decisions-oversight").doesNotContainKey("regulated-professional-advice");
        assertThat(classifier.cues(about)).containsKey("regulated-professional-advice");
    }
}
