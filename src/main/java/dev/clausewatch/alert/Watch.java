package dev.clausewatch.alert;

import dev.clausewatch.registry.DocumentId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing an organisation watches: a platform ({@code chatgpt}), a document
 * ({@code chatgpt/terms-of-service}), one provision by its lasting id
 * ({@code chatgpt/terms-of-service#p0123456789a}), a topic across platforms
 * ({@code ai-training-on-user-content}) or a regulation, whole or one of its key provisions
 * ({@code eu-ai-act} or {@code eu-ai-act#Art. 50}).
 */
public record Watch(Kind kind, String target) {
    public enum Kind { PLATFORM, DOCUMENT, PROVISION, TOPIC, REGULATION }

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

    public static Watch topic(String topicId) {
        return new Watch(Kind.TOPIC, topicId);
    }

    /** A regulation, or one key provision of it when {@code article} is given ("Art. 50"). */
    public static Watch regulation(String regulationId, Optional<String> article) {
        return new Watch(Kind.REGULATION, regulationId + article.map(a -> "#" + a).orElse(""));
    }

    /** Reads {@code kind target} as people type it: {@code document chatgpt/terms-of-service}, {@code regulation eu-ai-act#Art. 50}. */
    public static Watch parse(String kind, String target) {
        Kind k;
        try {
            k = Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + kind + "\" is not a kind of watch: use platform, document, provision, topic or regulation");
        }
        if (target == null || target.isBlank()) throw new IllegalArgumentException("a " + kind + " watch needs what it watches");
        return new Watch(k, target.strip());
    }

    /** The platform this watch is about, for the plan's count of platforms; topics and regulations span every platform. */
    public Optional<String> platform() {
        if (kind == Kind.TOPIC || kind == Kind.REGULATION) return Optional.empty();
        int slash = target.indexOf('/');
        return Optional.of(slash < 0 ? target : target.substring(0, slash));
    }

    /** Whether a change with this scope is what the watch asks about. */
    public boolean covers(Scope scope) {
        return switch (kind) {
            case PLATFORM -> scope.document().platform().value().equals(target);
            case DOCUMENT -> scope.document().toString().equals(target);
            case PROVISION -> scope.provisionIds().stream().anyMatch(id -> (scope.document() + "#" + id).equals(target));
            case TOPIC -> scope.topics().contains(target);
            case REGULATION -> scope.regulations().contains(target);
        };
    }

    /**
     * What a change touches, to match watches against: the document watched (the changed one, or
     * the one incorporating it), the provisions changed, and the topics and regulations (each
     * regulation by its id and by {@code id#key provision}) of the changed provisions' texts.
     */
    public record Scope(DocumentId document, java.util.Set<String> provisionIds, java.util.Set<String> topics, java.util.Set<String> regulations) {
        public Scope {
            provisionIds = java.util.Set.copyOf(provisionIds);
            topics = java.util.Set.copyOf(topics);
            regulations = java.util.Set.copyOf(regulations);
        }
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + " " + target;
    }
}
