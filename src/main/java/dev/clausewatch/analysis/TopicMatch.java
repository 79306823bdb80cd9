package dev.clausewatch.analysis;

import java.util.List;

/** A topic found in a provision: how sure (0–1), and the evidence: the topic cues the provision contains. */
public record TopicMatch(String topicId, double confidence, List<String> evidence) {
    public TopicMatch {
        evidence = List.copyOf(evidence);
    }
}
