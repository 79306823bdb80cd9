package dev.clausewatch.search;

import java.util.List;

/** The page of hits asked for, best first, and how many passages matched in all. */
public record SearchResults(long total, List<Hit> hits) {
    /** A passage found, with its text cut where the query's words matched ({@code highlighted}: the whole text, in order). */
    public record Hit(Passage passage, float score, List<Segment> highlighted) {
        public Hit {
            highlighted = List.copyOf(highlighted);
        }

        /** A hit with nothing marked. */
        public Hit(Passage passage, float score) {
            this(passage, score, List.of(new Segment(passage.text(), false)));
        }
    }

    /**
     * A piece of a passage's text, {@code matched} when the query's words matched it: plain text,
     * for the page to mark up as it escapes it (never markup made here).
     */
    public record Segment(String text, boolean matched) {}

    public SearchResults {
        hits = List.copyOf(hits);
    }
}
