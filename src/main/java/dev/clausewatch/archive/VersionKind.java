package dev.clausewatch.archive;

/**
 * Why a version was recorded. A {@code TECHNICAL_UPGRADE} comes from re-extraction with a new
 * declaration or extractor (OTA's "refilter" and "technical upgrade"): the text changed, the terms
 * did not necessarily. Nothing downstream alerts on it.
 */
public enum VersionKind {
    FIRST,
    CHANGE,
    TECHNICAL_UPGRADE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
