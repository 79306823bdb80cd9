package dev.clausewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.registry.DeclaredService;
import dev.clausewatch.registry.DocumentType;
import dev.clausewatch.registry.OtaDeclarations;
import dev.clausewatch.registry.SourceDeclaration;
import dev.clausewatch.registry.SourceDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A folder of real snapshots in the layout of the shared {@code ota-snapshots} (a manifest, the
 * HTML files, each service's OTA declarations), with the source document that applies to each
 * snapshot resolved from those declarations at the snapshot's date, as OTA's history rules say.
 */
record SnapshotCorpus(Path root, List<Entry> entries) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One snapshot: its file, where it was fetched from, and the source declaration that applies to it. */
    record Entry(String path, Path file, URI location, Instant date, Optional<SourceDocument> source, boolean otaOk) {}

    static SnapshotCorpus read(Path root) {
        try {
            JsonNode manifest = JSON.readTree(root.resolve("manifest.json").toFile());
            Map<String, List<SourceDeclaration>> declarationsByService = new HashMap<>();
            List<Entry> entries = new ArrayList<>();
            for (JsonNode s : manifest.get("snapshots")) {
                String service = s.get("serviceSlug").asText();
                List<SourceDeclaration> declarations = declarationsByService.computeIfAbsent(service, k -> declarations(root.resolve(k)));
                DocumentType type = new DocumentType(s.get("termsType").asText());
                Instant date = Instant.parse(s.get("date").asText());
                String documentId = s.get("documentId").isNull() ? null : s.get("documentId").asText();
                Optional<SourceDocument> source = SourceDeclaration.applicableAt(
                                declarations.stream().filter(d -> d.document().type().equals(type)).toList(), date)
                        .flatMap(d -> d.source(documentId));
                entries.add(new Entry(s.get("path").asText(), root.resolve(s.get("path").asText()), URI.create(s.get("fetch").asText()),
                        date, source, s.get("ota").get("ok").asBoolean()));
            }
            return new SnapshotCorpus(root, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the snapshot corpus in " + root, e);
        }
    }

    private static List<SourceDeclaration> declarations(Path serviceFolder) {
        DeclaredService service = OtaDeclarations.readService(serviceFolder.resolve("declaration.json"));
        List<SourceDeclaration> all = new ArrayList<>(service.declarations());
        Path history = serviceFolder.resolve("declaration.history.json");
        if (Files.exists(history)) all.addAll(OtaDeclarations.readHistory(history, service.platform()));
        return all;
    }

    byte[] bytes(Entry entry) {
        try {
            return Files.readAllBytes(entry.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long totalBytes() {
        return entries.stream().mapToLong(e -> e.file().toFile().length()).sum();
    }

}
