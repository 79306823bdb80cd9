package dev.clausewatch.derivation;

import java.util.Objects;

/**
 * The versions of what derives records, named in every derived row: {@code structure} for
 * provisions, lineage, references and change sets; {@code topics} for the classifier and the
 * knowledge data. When either changes, records are derived again as a technical upgrade.
 */
public record Derivers(String structure, String topics) {
    /** Bump when the parser, the lineage, the reference finder or the change detector changes what it derives. */
    public static final String STRUCTURE = "structure-6";

    public Derivers {
        Objects.requireNonNull(structure, "structure");
        Objects.requireNonNull(topics, "topics");
    }

    /** Both, as one label for people and for the heads table. */
    public String label() {
        return structure + "+" + topics;
    }
}
