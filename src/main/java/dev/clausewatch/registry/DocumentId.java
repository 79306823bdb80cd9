package dev.clausewatch.registry;

import java.util.Objects;

/** A document's id: its platform and type, written {@code amazon-web-services/acceptable-use-policy}. */
public record DocumentId(PlatformId platform, DocumentType type) implements Comparable<DocumentId> {
    public DocumentId {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(type, "type");
    }

    /** Parses {@code PLATFORM/DOCUMENT-TYPE-SLUG}; the message says which half is wrong. */
    public static DocumentId parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            throw new IllegalArgumentException("document id \"" + text
                    + "\" must be PLATFORM/DOCUMENT, e.g. amazon-web-services/acceptable-use-policy");
        }
        return new DocumentId(new PlatformId(text.substring(0, slash)), DocumentType.fromSlug(text.substring(slash + 1)));
    }

    @Override
    public int compareTo(DocumentId other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return platform + "/" + type.slug();
    }
}
