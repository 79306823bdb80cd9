package dev.clausewatch.search;

import java.time.LocalDate;
import java.util.List;

/**
 * One provision text of a document, indexed once however many versions held it: {@code runs} are
 * the runs of consecutive versions that did (the text can go and come back, or stand twice in a
 * version, as a table of contents repeats its section titles), {@code firstVersion} and
 * {@code lastVersion} the first and the last of them, {@code since} the day it first appeared, and
 * {@code provisionId} the provision that holds it in its latest run. {@code current} when the
 * latest version still has it.
 */
public record Passage(String platform, String type, String documentTitle, String provisionId, String text, List<String> topics,
                      int firstVersion, int lastVersion, LocalDate since, boolean current, List<Run> runs) {
    /** Versions {@code first} to {@code last} of the document, both included. */
    public record Run(int first, int last) {
        @Override
        public String toString() {
            return first == last ? Integer.toString(first) : first + "–" + last;
        }
    }

    public Passage {
        topics = List.copyOf(topics);
        runs = List.copyOf(runs);
    }

    /** A passage held by one run of versions. */
    public Passage(String platform, String type, String documentTitle, String provisionId, String text, List<String> topics,
                   int firstVersion, int lastVersion, LocalDate since, boolean current) {
        this(platform, type, documentTitle, provisionId, text, topics, firstVersion, lastVersion, since, current,
                List.of(new Run(firstVersion, lastVersion)));
    }

    /** "in version 3", "in versions 1–7", "in versions 1–7, 9–10": for people. */
    public String versions() {
        boolean one = runs.size() == 1 && runs.getFirst().first() == runs.getFirst().last();
        return (one ? "in version " : "in versions ") + String.join(", ", runs.stream().map(Run::toString).toList());
    }
}
