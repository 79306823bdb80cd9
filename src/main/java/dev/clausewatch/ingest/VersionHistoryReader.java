package dev.clausewatch.ingest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.archive.Observed;
import dev.clausewatch.archive.Provenance;
import dev.clausewatch.capture.Sha256;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.DocumentType;
import dev.clausewatch.registry.InvalidInputException;
import dev.clausewatch.registry.InvalidInputException.Problem;
import dev.clausewatch.registry.OtaDeclarations;
import dev.clausewatch.registry.PlatformId;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a version history in the layout of the shared {@code ota-history} and {@code pga-v1-history}
 * folders: a {@code manifest.json} naming the document and listing its versions (file, date, and
 * for OTA the commit and kind), beside the Markdown files. Every version file is read and, when
 * the manifest gives its SHA-256, checked against it, before anything is returned.
 */
final class VersionHistoryReader {
    static final String EXTRACTOR = "imported";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KINDS = Set.of("first_record", "change", "refilter", "technical_upgrade");
    private static final Set<String> TECHNICAL_KINDS = Set.of("refilter", "technical_upgrade");
    private static final Pattern SNAPSHOT_REF = Pattern.compile("snapshot (\\S+)");
    private static final Pattern SAFE_FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.md");

    private VersionHistoryReader() {}

    /** True when the JSON is a version manifest (it lists versions), so that other manifests are left alone. */
    static boolean isVersionManifest(JsonNode root) {
        return root.isObject() && root.has("versions");
    }

    static ImportUnit.History read(Path manifest) {
        JsonNode root = parse(manifest);
        List<Problem> problems = new ArrayList<>();
        String service = requiredText(root, "service", problems);
        String termsType = requiredText(root, "termsType", problems);
        String archive = requiredText(root, "sourceRepo", problems);
        DocumentType type = null;
        if (termsType != null) {
            type = DocumentType.lookup(termsType).orElse(null);
            if (type == null) problems.add(new Problem("termsType", "\"" + termsType + "\" is not a document type of the vocabulary"));
        }
        PlatformId platform = platformId(root, service, problems);
        JsonNode versions = root.get("versions");
        if (versions == null || !versions.isArray() || versions.isEmpty()) {
            problems.add(new Problem("versions", "must be a non-empty array of versions"));
        }
        if (!problems.isEmpty()) throw new InvalidInputException(manifest, problems);

        Document document = new Document(new DocumentId(platform, type), service);
        String sourceCommit = root.path("sourceCommit").asText(root.path("sourceHeadCommit").asText(""));
        List<Observed> observed = new ArrayList<>();
        int index = 0;
        for (JsonNode version : versions) {
            String path = "versions[" + index++ + "]";
            Observed o = version(manifest, version, path, archive, sourceCommit, problems);
            if (o != null) observed.add(o);
        }
        if (!problems.isEmpty()) throw new InvalidInputException(manifest, problems);
        return new ImportUnit.History(manifest, document, observed);
    }

    private static Observed version(Path manifest, JsonNode version, String path, String archive, String sourceCommit,
                                    List<Problem> problems) {
        if (!version.isObject()) {
            problems.add(new Problem(path, "must be an object with \"file\" and \"date\""));
            return null;
        }
        int before = problems.size();
        String file = requiredText(version, "file", path, problems);
        String date = requiredText(version, "date", path, problems);
        String kind = version.path("kind").asText("change");
        if (version.has("kind") && !KINDS.contains(kind)) {
            problems.add(new Problem(path + ".kind", "\"" + kind + "\" is not one of " + KINDS));
        }
        if (file != null && !SAFE_FILE.matcher(file).matches()) {
            problems.add(new Problem(path + ".file", "\"" + file + "\" must be a Markdown file name in the manifest's folder (no folders, no ..)"));
            file = null;
        }
        Instant observedAt = date == null ? null : instant(date, path + ".date", problems);
        if (problems.size() > before || file == null) return null;

        Path markdownFile = manifest.resolveSibling(file);
        byte[] bytes;
        try {
            bytes = TextInput.bytes(markdownFile);
            TextInput.text(markdownFile, bytes);
        } catch (InvalidInputException e) {
            problems.add(new Problem(path + ".file", e.getMessage()));
            return null;
        }
        String expected = version.path("sha256").asText("");
        if (!expected.isEmpty() && !expected.equals(Sha256.of(bytes))) {
            problems.add(new Problem(path + ".sha256", "the manifest says " + expected + " but " + file + " hashes to " + Sha256.of(bytes)));
            return null;
        }
        String commit = version.path("commit").asText("");
        String reference = !commit.isEmpty() ? commit : version.path("sourcePath").asText(file);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("file", file);
        details.put("sourceKind", kind);
        if (!commit.isEmpty()) details.put("commit", commit);
        if (!sourceCommit.isEmpty()) details.put("sourceCommit", sourceCommit);
        if (version.hasNonNull("subject")) details.put("subject", version.get("subject").asText());
        List<String> snapshots = snapshotReferences(version.path("message").asText(""));
        if (!snapshots.isEmpty()) details.put("snapshots", String.join(" ", snapshots));
        return new Observed(bytes, observedAt, TECHNICAL_KINDS.contains(kind), EXTRACTOR, List.of(),
                new Provenance(archive, reference, details));
    }

    /** The snapshot references OTA writes in commit messages ("…after filtering snapshot https://…"). */
    private static List<String> snapshotReferences(String message) {
        List<String> refs = new ArrayList<>();
        Matcher m = SNAPSHOT_REF.matcher(message);
        while (m.find()) refs.add(m.group(1));
        return refs;
    }

    private static PlatformId platformId(JsonNode root, String service, List<Problem> problems) {
        try {
            if (root.hasNonNull("serviceSlug")) return new PlatformId(root.get("serviceSlug").asText());
            return service == null ? null : PlatformId.fromName(service);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(root.hasNonNull("serviceSlug") ? "serviceSlug" : "service", e.getMessage()));
            return null;
        }
    }

    static Instant instant(String text, String field, List<Problem> problems) {
        try {
            return OtaDeclarations.parseInstant(text);
        } catch (DateTimeParseException e) {
            problems.add(new Problem(field, "\"" + text + "\" is not an ISO 8601 date or date-time (e.g. 2021-08-17T10:46:17Z or 2004-06-11)"));
            return null;
        }
    }

    private static String requiredText(JsonNode node, String field, List<Problem> problems) {
        return requiredText(node, field, "", problems);
    }

    private static String requiredText(JsonNode node, String field, String parent, List<Problem> problems) {
        JsonNode value = node.get(field);
        String path = parent.isEmpty() ? field : parent + "." + field;
        if (value == null || value.isNull()) {
            problems.add(new Problem(path, "is missing"));
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(new Problem(path, "must be a non-blank string"));
            return null;
        }
        return value.asText();
    }

    static JsonNode parse(Path file) {
        String text = TextInput.text(file);
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidInputException(file, "", "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
    }
}
