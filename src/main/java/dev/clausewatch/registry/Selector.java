package dev.clausewatch.registry;

/**
 * Picks part of a page: a CSS selector, or an OTA range selector that runs from just before or
 * after one element to just before or after another (for content without a wrapping element).
 */
public sealed interface Selector {

    /** A CSS selector such as {@code #aws-page-content-main}. */
    record Css(String query) implements Selector {
        public Css {
            if (query == null || query.isBlank()) {
                throw new IllegalArgumentException("a CSS selector must not be blank");
            }
        }
    }

    /**
     * A range: {@code start} and {@code end} are CSS selectors; {@code startInclusive} is true for
     * OTA's {@code startBefore} (the start element is kept) and false for {@code startAfter};
     * {@code endInclusive} is true for {@code endAfter} and false for {@code endBefore}.
     */
    record Range(String start, boolean startInclusive, String end, boolean endInclusive) implements Selector {
        public Range {
            if (start == null || start.isBlank() || end == null || end.isBlank()) {
                throw new IllegalArgumentException("a range selector needs a start and an end CSS selector");
            }
        }
    }
}
