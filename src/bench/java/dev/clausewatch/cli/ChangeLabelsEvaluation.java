package dev.clausewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.change.ChangeDetector;
import dev.clausewatch.change.ChangeSet;
import dev.clausewatch.change.LabelledChanges;
import dev.clausewatch.change.ProvisionChange;
import dev.clausewatch.change.WordDiff;
import dev.clausewatch.derivation.Derivation;
import dev.clausewatch.derivation.Variants;
import dev.clausewatch.ingest.TextInput;
import dev.clausewatch.provision.Lineage;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.ProvisionParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads pairs labelled by reading their word diffs (JSON lines: id "history/platform/document/older..newer",
 * label substantive|cosmetic|noise) and runs the change classifier on each, as the processor would:
 * a pair into a version its history records as a technical upgrade or a re-filtering (the manifest's
 * kind, as `import` reads it) is a technical change set, which never alerts. A verdict is whether
 * the pair would alert.
 */
final class ChangeLabelsEvaluation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Lineage lineage = new Lineage(new ProvisionParser());
    private final ChangeDetector detector = new ChangeDetector();

    List<LabelledChanges.Verdict> verdicts(Path labels, Path sharedData) {
        List<LabelledChanges.Verdict> verdicts = new ArrayList<>();
        for (JsonNode row : rows(labels)) {
            String id = row.get("id").asText();
            String label = row.get("label").asText();
            int slash = id.lastIndexOf('/');
            String document = id.substring(0, slash);
            String[] files = id.substring(slash + 1).split("\\.\\.");
            if (files.length != 2) throw new IllegalArgumentException(labels + ": the pair id " + id + " is not <document>/<older file>..<newer file>");
            Path folder = sharedData.resolve(document);
            ChangeSet set = compare(document, folder.resolve(files[0]), folder.resolve(files[1]), technical(folder, files[1]));
            List<ProvisionChange> substantive = set.substantiveChanges();
            int words = substantive.stream().mapToInt(ChangeLabelsEvaluation::words).sum();
            verdicts.add(new LabelledChanges.Verdict(id, document, LabelledChanges.Label.valueOf(label.toUpperCase(Locale.ROOT)), set.alertable(),
                    words, substantive.stream().map(ProvisionChange::explanation).limit(3).toList()));
        }
        return verdicts;
    }

    /**
     * The pair compared as the processor would: identified through the versions before it (up to
     * the variant window), and a variant of one of them when it brings back its text.
     */
    private ChangeSet compare(String document, Path older, Path newer, boolean technical) {
        List<Path> before = earlier(older);
        List<Lineage.VersionText> texts = new ArrayList<>();
        for (Path p : before) texts.add(new Lineage.VersionText(p.getFileName().toString(), TextInput.text(p)));
        texts.add(new Lineage.VersionText("older", TextInput.text(older)));
        texts.add(new Lineage.VersionText("newer", TextInput.text(newer)));
        List<List<Provision>> identified = lineage.of(document, texts);
        int n = identified.size();
        ChangeSet set = detector.compare(identified.get(n - 2), identified.get(n - 1), technical);
        if (!set.substantive()) return set;
        List<Variants.Earlier> earlier = new ArrayList<>();
        for (int i = 0; i < n - 2; i++) earlier.add(new Variants.Earlier(i + 1, identified.get(i)));
        return Variants.among(detector, earlier, identified.get(n - 1)).map(set::asVariantOf).orElse(set);
    }

    /** Whether the document's manifest records {@code file} as a technical upgrade or a re-filtering. */
    private boolean technical(Path folder, String file) {
        Path manifest = folder.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) return false;
        Map<String, String> kinds = kindsByFolder.computeIfAbsent(folder, f -> {
            Map<String, String> byFile = new java.util.HashMap<>();
            try {
                for (JsonNode v : JSON.readTree(manifest.toFile()).path("versions")) byFile.put(v.path("file").asText(), v.path("kind").asText(""));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + manifest + ": " + e.getMessage(), e);
            }
            return byFile;
        });
        return HistoryCorpus.TECHNICAL.contains(kinds.getOrDefault(file, ""));
    }

    private final Map<Path, Map<String, String>> kindsByFolder = new java.util.HashMap<>();

    /** The versions of the document before {@code older}, oldest first, at most the processor's variant window. */
    private static List<Path> earlier(Path older) {
        try (var files = Files.list(older.getParent())) {
            List<Path> all = files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
            int at = all.indexOf(older);
            return at <= 0 ? List.of() : all.subList(Math.max(0, at - Derivation.VARIANT_WINDOW), at);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + older.getParent() + ": " + e.getMessage(), e);
        }
    }

    private static int words(ProvisionChange change) {
        int words = 0;
        for (WordDiff.Edit e : change.edits()) words += count(e.removed()) + count(e.inserted());
        if (change.edits().isEmpty()) words += change.after().or(change::before).map(p -> count(p.text())).orElse(0);
        return words;
    }

    private static int count(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }

    /** Verdicts written by an earlier run (--write-verdicts): pair id → substantive. */
    static java.util.Map<String, Boolean> baseline(Path file) {
        java.util.Map<String, Boolean> verdicts = new java.util.HashMap<>();
        for (JsonNode row : rows(file, "substantive")) verdicts.put(row.get("id").asText(), row.get("substantive").asBoolean());
        return verdicts;
    }

    private static List<JsonNode> rows(Path labels) {
        return rows(labels, "label");
    }

    private static List<JsonNode> rows(Path labels, String field) {
        try {
            List<JsonNode> rows = new ArrayList<>();
            int line = 0;
            for (String text : Files.readAllLines(labels)) {
                line++;
                if (text.isBlank()) continue;
                JsonNode row = JSON.readTree(text);
                if (!row.hasNonNull("id") || !row.hasNonNull(field)) {
                    throw new IllegalArgumentException(labels + " line " + line + ": each line needs an id and a " + field);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the labels " + labels + ": " + e.getMessage(), e);
        }
    }
}
