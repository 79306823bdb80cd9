package dev.clausewatch.archive;

/**
 * What one observation of a document found: a text never seen before ({@code RECORDED}, which
 * makes a version), the text already in force ({@code VERIFIED}: a verification event, no new
 * version), or an earlier text coming back ({@code REAPPEARED}: pages that flip between variants).
 */
public enum ObservationKind {
    RECORDED,
    VERIFIED,
    REAPPEARED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
