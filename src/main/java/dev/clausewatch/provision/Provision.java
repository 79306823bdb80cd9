package dev.clausewatch.provision;

import java.util.List;
import java.util.Objects;

/**
 * One citable unit of a version. {@code markdown} is its source as written; {@code text} the same
 * without Markdown syntax (what quotes show); {@code number} the clause or list number it
 * carries, if any ("3.2", "(a)"); {@code trail} the headings above it, outermost first;
 * {@code position} its place in the version (0-based). {@code id} is the lasting id (empty until
 * a {@link Lineage} assigns it).
 */
public record Provision(String id, int position, ProvisionKind kind, List<String> trail, String number, String markdown, String text) {
    public Provision {
        Objects.requireNonNull(kind, "kind");
        trail = List.copyOf(trail);
        number = number == null ? "" : number;
        id = id == null ? "" : id;
    }

    public Provision withId(String newId) {
        return new Provision(newId, position, kind, trail, number, markdown, text);
    }

    /** The text without its clause number, white space collapsed: what identity and change detection compare. */
    public String body() {
        return Texts.collapse(text);
    }

    public List<String> sentences() {
        return Texts.sentences(text);
    }

    /** "Privacy › Sharing › 3.2", for people. */
    public String location() {
        String path = String.join(" › ", trail);
        return number.isEmpty() ? path : path.isEmpty() ? number : path + " › " + number;
    }
}
