package dev.clausewatch.check;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to a use-case check: per platform, the provisions that apply, most direct first, and
 * the regulations of their topics in the use's jurisdictions.
 */
public record CheckAnswer(IntendedUse use, List<UseTopic> useTopics, List<PlatformAnswer> platforms, List<RegulationNote> regulations,
                          Instant checkedAt, String method) {
    public CheckAnswer {
        useTopics = List.copyOf(useTopics);
        platforms = List.copyOf(platforms);
        regulations = List.copyOf(regulations);
    }

    /**
     * The answer as the JSON API and {@code check --json} give it (one shape for both, described in
     * the OpenAPI document as CheckAnswer): names in camel case, roles by their label, dates as text.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("use", Map.of("description", use.description(), "platforms", use.platforms().stream().map(p -> p.value()).toList(),
                "jurisdictions", use.jurisdictions()));
        json.put("useTopics", useTopics.stream().map(t -> Map.of("topic", t.topicId(), "title", t.title(), "confidence", t.confidence())).toList());
        json.put("platforms", platforms.stream().map(PlatformAnswer::toJson).toList());
        json.put("regulations", regulations.stream().map(r -> Map.of("regulation", r.regulationId(), "name", r.name(), "jurisdiction", r.jurisdiction(),
                "topics", r.topics(), "why", r.why() == null ? "" : r.why())).toList());
        json.put("checkedAt", checkedAt.toString());
        json.put("method", method);
        return json;
    }

    /** A topic the description itself reads as, with the classifier's confidence. */
    public record UseTopic(String topicId, String title, double confidence) {}

    /** One platform's part: the documents read (their own and those they incorporate) and what applies. */
    public record PlatformAnswer(String platform, String name, List<DocumentRead> documents, List<Applicable> provisions, int alsoMatched) {
        public PlatformAnswer {
            documents = List.copyOf(documents);
            provisions = List.copyOf(provisions);
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("platform", platform);
            json.put("name", name);
            json.put("documents", documents.stream().map(d -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("document", d.document());
                m.put("title", d.title());
                m.put("version", d.version());
                m.put("versionDate", d.versionDate().toString());
                m.put("incorporatedBy", d.incorporatedBy());
                return m;
            }).toList());
            json.put("provisions", provisions.stream().map(Applicable::toJson).toList());
            json.put("alsoMatched", alsoMatched);
            return json;
        }

        /** Whether anything of this platform applies. */
        public boolean applies() {
            return !provisions.isEmpty();
        }
    }

    /** A document whose current version was read, and through which document it came when incorporated. */
    public record DocumentRead(String document, String title, int version, Instant versionDate, String incorporatedBy) {}

    /**
     * A provision that applies: where it stands (document, version and date), what it says, its role,
     * and why it was matched (the words the use and the provision share, the topics, how close in meaning).
     */
    public record Applicable(Role role, String document, String documentTitle, int version, Instant versionDate, String provisionId,
                             String quote, String leadIn, double confidence, double meaning, List<String> sharedWords, List<String> topics,
                             String why, String incorporatedBy) {
        public Applicable {
            sharedWords = List.copyOf(sharedWords);
            topics = List.copyOf(topics);
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("role", role.label());
            json.put("document", document);
            json.put("documentTitle", documentTitle);
            json.put("version", version);
            json.put("versionDate", versionDate.toString());
            json.put("provision", provisionId);
            json.put("quote", quote);
            json.put("leadIn", leadIn);
            json.put("confidence", Math.round(confidence * 1000) / 1000.0);
            json.put("meaning", Math.round(meaning * 1000) / 1000.0);
            json.put("sharedWords", sharedWords);
            json.put("topics", topics);
            json.put("why", why);
            json.put("incorporatedBy", incorporatedBy);
            return json;
        }
    }

    /** A regulation of one of the matched topics, in one of the use's jurisdictions. */
    public record RegulationNote(String regulationId, String name, String jurisdiction, List<String> topics, String why) {
        public RegulationNote {
            topics = List.copyOf(topics);
        }
    }
}
