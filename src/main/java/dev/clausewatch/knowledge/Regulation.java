package dev.clausewatch.knowledge;

import java.util.List;

/**
 * A law, regulation or guidance instrument: its id, names, jurisdiction code, status, key
 * provisions (article and subject), enforcer and maximum penalties where stated, and how well the
 * fact sheet could verify it ({@code verified}, {@code secondary}, {@code unverified}).
 */
public record Regulation(String id, String shortName, String fullTitle, String jurisdiction, String status,
                         List<KeyProvision> keyProvisions, String enforcer, List<String> maxPenalties, String verification,
                         String officialUrl) {
    /** An article or section and what it is about. */
    public record KeyProvision(String ref, String subject) {}

    public Regulation {
        keyProvisions = List.copyOf(keyProvisions);
        maxPenalties = List.copyOf(maxPenalties);
    }
}
