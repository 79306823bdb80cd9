package dev.clausewatch.knowledge;

import java.util.List;

/**
 * A law, regulation or guidance instrument: its id, names, jurisdiction code, status, key
 * provisions (article and subject), enforcer and maximum penalties where stated, and how well the
 * fact sheet could verify it ({@code verified}, {@code secondary}, {@code unverified}), and the
 * dates from which its parts apply.
 */
public record Regulation(String id, String shortName, String fullTitle, String jurisdiction, String status,
                         List<KeyProvision> keyProvisions, String enforcer, List<String> maxPenalties, String verification,
                         String officialUrl, List<Milestone> application) {
    /** An article or section and what it is about. */
    public record KeyProvision(String ref, String subject) {}

    /**
     * A date from which (part of) the instrument applies, and what applies then. The fact sheet
     * writes ISO dates at the precision known ("2027-12-02", "2026-07", "2026"); {@code start} is the
     * first day of that period.
     */
    public record Milestone(String date, java.time.LocalDate start, String what) {}

    public Regulation {
        keyProvisions = List.copyOf(keyProvisions);
        maxPenalties = List.copyOf(maxPenalties);
        application = application.stream().sorted(java.util.Comparator.comparing(Milestone::start)).toList();
    }
}
