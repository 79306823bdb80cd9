package dev.clausewatch.provision;

import dev.clausewatch.registry.DocumentId;
import java.util.Optional;

/**
 * A provision's reference to another document: the sentence it is in, the name it gives the
 * document, its URL if linked, the registered document it resolves to if any, and whether one of
 * the two documents becomes part of the other's rules (binding) or the target is merely mentioned.
 * The direction of a binding reference is read from the sentence: usually the target becomes part
 * of this document's rules ("you must comply with the Acceptable Use Policy", "incorporated by
 * reference"); when this document says it supplements the target or forms part of it, this
 * document becomes part of the target's rules ({@code partOfTarget}).
 */
public record Reference(String provisionId, int position, String sentence, String name, Optional<String> url,
                        Optional<DocumentId> target, boolean binding, boolean partOfTarget) {

    public Reference {
        if (partOfTarget && !binding) throw new IllegalArgumentException("only a binding reference makes a document part of another");
    }

    /** Whether the target becomes part of this document's rules. */
    public boolean incorporatesTarget() {
        return binding && !partOfTarget;
    }

    /** This reference at another provision (the same sentence in a later version). */
    public Reference at(String otherProvisionId, int otherPosition) {
        return new Reference(otherProvisionId, otherPosition, sentence, name, url, target, binding, partOfTarget);
    }

    /** How this document relates to the target, in words for pages and the command line. */
    public String relation() {
        return !binding ? "mentions" : partOfTarget ? "is part of" : "incorporates";
    }

    /** The target as people should read it: the registered document's id, else the URL, else the name. */
    public String targetLabel() {
        return target.map(DocumentId::toString).or(() -> url).orElse(name);
    }
}
