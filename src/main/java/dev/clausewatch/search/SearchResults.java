package dev.clausewatch.search;

import java.util.List;

/** The page of hits asked for, best first, and how many passages matched in all. */
public record SearchResults(long total, List<Hit> hits) {
    public record Hit(Passage passage, float score) {}

    public SearchResults {
        hits = List.copyOf(hits);
    }
}
