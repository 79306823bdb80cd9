package dev.clausewatch.contradiction;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Two documents of one platform taking stances on a topic that cannot both hold, and since when:
 * {@code madeBy} is the version whose recording made them disagree, empty when they already did
 * in the first versions archived.
 */
public record Contradiction(String platform, String topicId, String topicTitle, Side first, Side second, Optional<MadeBy> madeBy) {
    /** As the JSON API and {@code contradictions --json} give it. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("platform", platform);
        json.put("topic", topicId);
        json.put("topicTitle", topicTitle);
        json.put("sides", java.util.List.of(first.toJson(), second.toJson()));
        json.put("madeBy", madeBy.map(m -> Map.of("document", m.document(), "version", m.version(), "recordedAt", m.recordedAt().toString())).orElse(null));
        return json;
    }

    /** One side: the provision, its stance and the sentence that takes it, the version read and since when the stance stands. */
    public record Side(String document, String documentTitle, int version, Instant versionDate, String provisionId, String stanceId,
                       String stance, String sentence, int sinceVersion, Instant since) {
        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("document", document);
            json.put("documentTitle", documentTitle);
            json.put("version", version);
            json.put("versionDate", versionDate.toString());
            json.put("provision", provisionId);
            json.put("stance", stanceId);
            json.put("stanceLabel", stance);
            json.put("sentence", sentence);
            json.put("sinceVersion", sinceVersion);
            json.put("since", since.toString());
            return json;
        }
    }

    /** The change that made them disagree: a new version of one of the two documents. */
    public record MadeBy(String document, int version, Instant recordedAt) {}
}
