package dev.clausewatch.alert;

import dev.clausewatch.check.IntendedUse;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.PlatformId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing an organisation watches: a platform ({@code chatgpt}), a document
 * ({@code chatgpt/terms-of-service}), one provision by its lasting id
 * ({@code chatgpt/terms-of-service#p0123456789a}), a topic across platforms
 * ({@code ai-training-on-user-content}) or a regulation, whole or one of its key provisions
 * ({@code eu-ai-act} or {@code eu-ai-act#Art. 50}), or a saved use-case check
 * ({@code chatgpt,claude-ai|EU,US|pre-screen job applicants}: platforms, jurisdictions, the use),
 * which hears of a substantive change to a provision that applies to the use after the change.
 */
public record Watch(Kind kind, String target) {
    public enum Kind { PLATFORM, DOCUMENT, PROVISION, TOPIC, REGULATION, USE }

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

    /** A saved check of an intended use. */
    public static Watch use(IntendedUse use) {
        return new Watch(Kind.USE, String.join(",", use.platforms().stream().map(PlatformId::value).toList()) + "|"
                + String.join(",", use.jurisdictions()) + "|" + use.description());
    }

    /** The use a {@link Kind#USE} watch checks, read back from its target (refused by name when malformed). */
    public IntendedUse intendedUse() {
        String[] parts = target.split("\\|", 3);
        if (kind != Kind.USE || parts.length != 3) {
            throw new IllegalArgumentException("a use watch is PLATFORMS|JURISDICTIONS|USE, e.g. chatgpt,claude-ai|EU|pre-screen job applicants; not " + target);
        }
        return new IntendedUse(parts[2], IntendedUse.platforms(parts[0]), List.of(parts[1].split(",")));
    }

    /** Reads {@code kind target} as people type it: {@code document chatgpt/terms-of-service}, {@code regulation eu-ai-act#Art. 50}. */
    public static Watch parse(String kind, String target) {
        Kind k;
        try {
            k = Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + kind + "\" is not a kind of watch: use platform, document, provision, topic, regulation or use");
        }
        if (target == null || target.isBlank()) throw new IllegalArgumentException("a " + kind + " watch needs what it watches");
        Watch watch = new Watch(k, target.strip());
        // A use is kept in one canonical form, so that the same check saved twice is one watch.
        return k == Kind.USE ? use(watch.intendedUse()) : watch;
    }

    /** The platform this watch is about, for the plan's count of platforms; topics and regulations span every platform. */
    public Optional<String> platform() {
        if (kind == Kind.TOPIC || kind == Kind.REGULATION || kind == Kind.USE) return Optional.empty();
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
            case USE -> scope.uses().contains(target);
        };
    }

    /**
     * What a change touches, to match watches against: the document watched (the changed one, or
     * the one incorporating it), the provisions changed, and the topics and regulations (each
     * regulation by its id and by {@code id#key provision}) of the changed provisions' texts, and
     * the saved uses (their watch targets) to which a changed provision applies.
     */
    public record Scope(DocumentId document, java.util.Set<String> provisionIds, java.util.Set<String> topics, java.util.Set<String> regulations,
                        java.util.Set<String> uses) {
        public Scope {
            provisionIds = java.util.Set.copyOf(provisionIds);
            topics = java.util.Set.copyOf(topics);
            regulations = java.util.Set.copyOf(regulations);
            uses = java.util.Set.copyOf(uses);
        }

        /** The same scope, also bearing on these uses. */
        public Scope withUses(java.util.Set<String> more) {
            return new Scope(document, provisionIds, topics, regulations, more);
        }
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + " " + target;
    }
}
