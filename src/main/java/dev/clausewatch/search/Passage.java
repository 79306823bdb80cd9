package dev.clausewatch.search;

import java.time.LocalDate;
import java.util.List;

/**
 * One provision text as it stood in a run of consecutive versions of a document: indexed once,
 * however many versions kept it unchanged. {@code current} when the latest version still has it.
 */
public record Passage(String platform, String type, String documentTitle, String provisionId, String text, List<String> topics,
                      int firstVersion, int lastVersion, LocalDate since, boolean current) {
    public Passage {
        topics = List.copyOf(topics);
    }
}
