package dev.clausewatch.search;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What to look for: words ({@code "quoted phrases"}, {@code -excluded}, {@code prefix*}), optional
 * filters, and whether passages no longer in force count. Dates bound when a passage first appeared.
 */
public record SearchQuery(String text, Optional<String> platform, Optional<String> type, Optional<String> topic,
                          Optional<LocalDate> since, Optional<LocalDate> until, boolean includePast, int limit, int offset) {
    public SearchQuery {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("The search needs words: the parameter q is empty.");
        if (limit < 1 || limit > 1000) throw new IllegalArgumentException("The parameter limit=" + limit + " must be a whole number from 1 to 1000.");
        if (offset < 0) throw new IllegalArgumentException("The parameter offset=" + offset + " must be a whole number from 0 up.");
    }

    public static SearchQuery of(String text) {
        return new SearchQuery(text, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, 20, 0);
    }
}
