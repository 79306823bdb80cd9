package dev.clausewatch.analysis;

import java.util.List;

/**
 * A topic found in a provision: how sure (0–1; for the learned model, how often paragraphs of
 * unseen documents scored like this one had the topic), and the evidence a person can check: the
 * cues of the topic the provision contains, the sentence that carries the topic most (when the
 * provision has several), and the labelled paragraphs with the topic most like it.
 */
public record TopicMatch(String topicId, double confidence, List<String> evidence, String sentence, List<Like> examples) {
    /** A labelled paragraph with this topic, from another document: which, its opening, and how alike (cosine). */
    public record Like(String document, String excerpt, double similarity) {}

    public TopicMatch {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        examples = examples == null ? List.of() : List.copyOf(examples);
    }

    /** A match from cues alone. */
    public TopicMatch(String topicId, double confidence, List<String> evidence) {
        this(topicId, confidence, evidence, null, List.of());
    }
}
