package dev.clausewatch.alert;

import dev.clausewatch.registry.DocumentId;
import java.util.Objects;

/**
 * One thing an organisation watches: a platform ({@code chatgpt}), a document
 * ({@code chatgpt/terms-of-service}) or one provision by its lasting id
 * ({@code chatgpt/terms-of-service#p0123456789a}).
 */
public record Watch(Kind kind, String target) {
    public enum Kind { PLATFORM, DOCUMENT, PROVISION }

    public Watch {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
    }

    public static Watch platform(String platform) {
        return new Watch(Kind.PLATFORM, platform);
    }

    public static Watch document(DocumentId document) {
        return new Watch(Kind.DOCUMENT, document.toString());
    }

    public static Watch provision(DocumentId document, String provisionId) {
        return new Watch(Kind.PROVISION, document + "#" + provisionId);
    }

    /** The platform this watch is about, for the plan's count of platforms. */
    public String platform() {
        int slash = target.indexOf('/');
        return slash < 0 ? target : target.substring(0, slash);
    }

    /** Whether a change to {@code document} touching {@code provisionIds} is what this watch asks about. */
    public boolean covers(DocumentId document, java.util.Collection<String> provisionIds) {
        return switch (kind) {
            case PLATFORM -> document.platform().value().equals(target);
            case DOCUMENT -> document.toString().equals(target);
            case PROVISION -> provisionIds.stream().anyMatch(id -> (document + "#" + id).equals(target));
        };
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + target;
    }
}
