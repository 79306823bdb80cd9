package dev.clausewatch.provision;

import dev.clausewatch.registry.DocumentId;
import java.util.Optional;

/**
 * A provision's reference to another document: the sentence it is in, the name it gives the
 * document, its URL if linked, the registered document it resolves to if any, and whether it
 * incorporates that document (binding: "incorporated by reference", "you must comply with",
 * "supplements", "subject to"…) or merely mentions it.
 */
public record Reference(String provisionId, int position, String sentence, String name, Optional<String> url,
                        Optional<DocumentId> target, boolean binding) {

    /** The target as people should read it: the registered document's id, else the URL, else the name. */
    public String targetLabel() {
        return target.map(DocumentId::toString).or(() -> url).orElse(name);
    }
}
