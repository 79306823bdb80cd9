package dev.clausewatch.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.TestStores;
import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.archive.TreeHead;
import dev.clausewatch.change.DocumentChanges.VersionProvisions;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.Document;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exports over real histories (the committed sample of the shared data): what a reader gets is what the archive holds. */
class ExportTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @TempDir Path dir;
    private Workspace workspace;
    private List<Document> documents;
    private Optional<TreeHead> head;

    @BeforeEach
    void importAndProcess() {
        workspace = TestStores.SQLITE.open(dir.resolve("store"));
        workspace.importer().importPaths(List.of(TestStores.shared("data/ota-history/chatgpt"), TestStores.shared("data/ota-history/amazon-web-services")));
        workspace.processor().catchUp(p -> {});
        head = workspace.ledger().seal();
        documents = workspace.registry().documents().stream().filter(d -> !workspace.archive().timeline(d.id()).isEmpty()).toList();
        assertThat(documents).hasSizeGreaterThanOrEqualTo(2);
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        workspace.close();
    }

    @Test
    void the_ota_dataset_imported_into_an_empty_store_gives_back_the_same_documents_versions_and_dates() {
        var summary = OtaDataset.write(workspace.archive(), workspace.registry().documents(), head, dir.resolve("ota"), NOW, n -> {});
        assertThat(summary.documents()).isEqualTo(documents.size());
        try (Workspace again = TestStores.SQLITE.open(dir.resolve("again"))) {
            again.importer().importPaths(List.of(dir.resolve("ota")));
            for (Document d : documents) {
                assertThat(again.registry().document(d.id())).as("%s is registered again", d.id()).isPresent();
                assertThat(summarise(again.archive().timeline(d.id()))).as(d.id().toString()).isEqualTo(summarise(workspace.archive().timeline(d.id())));
            }
            assertThat(again.verifier().verify().intact()).isTrue();
        }
        assertThat(dir.resolve("ota/README.md")).content().contains("ODC-BY 1.0", "Open Terms Archive contributors", head.orElseThrow().toJson(),
                documents.size() + " documents of ", summary.versions() + " versions first observed between ");
    }

    @Test
    void provisions_are_one_json_line_per_provision_of_every_version_with_lasting_ids_and_in_force_dates() throws Exception {
        var summary = ProvisionsExport.write(workspace.records(), workspace.analyzer(), documents, head, dir.resolve("provisions"), NOW, n -> {});
        List<String> lines = Files.readAllLines(dir.resolve("provisions/provisions.jsonl"));
        long expected = documents.stream().flatMap(d -> workspace.records().history(d.id()).stream()).mapToLong(v -> v.provisions().size()).sum();
        assertThat(lines).hasSize((int) expected);
        assertThat(summary.provisions()).isEqualTo(expected);
        ObjectMapper json = new ObjectMapper();
        // The document with the longest history the data at hand holds (the whole shared data, or the committed sample).
        Document longest = documents.stream().max(java.util.Comparator.comparingInt(d -> workspace.archive().timeline(d.id()).size())).orElseThrow();
        List<VersionProvisions> history = workspace.records().history(longest.id());
        assertThat(history).hasSizeGreaterThan(2);
        Map<Integer, List<JsonNode>> byVersion = lines.stream().map(l -> read(json, l)).filter(n -> n.get("document").asText().equals(longest.id().toString()))
                .collect(Collectors.groupingBy(n -> n.get("version").asInt()));
        for (int v = 0; v < history.size(); v++) {
            VersionProvisions version = history.get(v);
            List<JsonNode> rows = byVersion.get(version.entry().number());
            assertThat(rows).extracting(n -> n.get("provisionId").asText()).containsExactlyElementsOf(version.provisions().stream().map(p -> p.id()).toList());
            assertThat(rows).allSatisfy(n -> {
                assertThat(n.get("versionSha256").asText()).isEqualTo(version.entry().version().contentSha256());
                assertThat(n.get("inForceFrom").asText()).isEqualTo(Exports.instant(version.entry().firstObservedAt()));
            });
            if (v + 1 < history.size()) {
                assertThat(rows.getFirst().get("inForceUntil").asText()).isEqualTo(Exports.instant(history.get(v + 1).entry().firstObservedAt()));
            } else {
                assertThat(rows.getFirst().has("inForceUntil")).as("the current version is in force until further notice").isFalse();
            }
        }
        assertThat(lines.stream().map(l -> read(json, l)).filter(n -> n.get("topics").size() > 0)).isNotEmpty()
                .allSatisfy(n -> assertThat(n.get("exposure").asText()).isIn("low", "medium", "high"));
        assertThat(dir.resolve("provisions/ATTRIBUTION.md")).content().contains("ODC-BY 1.0", head.orElseThrow().rootHash());
    }

    @Test
    void changes_are_one_csv_row_per_changed_provision_with_its_reason() throws Exception {
        var summary = ChangesExport.write(workspace.records(), documents, head, dir.resolve("changes"), NOW, n -> {});
        long expected = documents.stream().flatMap(d -> workspace.records().changeSets(d.id()).stream()).mapToLong(c -> c.changes().changes().size()).sum();
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(dir.resolve("changes/changes.csv"))) {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
        assertThat(rows).hasSize((int) expected);
        assertThat(summary.rows()).isEqualTo(expected);
        assertThat(rows.getFirst().getParser().getHeaderNames()).containsExactlyElementsOf(ChangesExport.COLUMNS);
        assertThat(rows).filteredOn(r -> r.get("substantive").equals("true")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("explanation")).isNotBlank())
                .allSatisfy(r -> assertThat(Integer.parseInt(r.get("to_version"))).isEqualTo(Integer.parseInt(r.get("from_version")) + 1));
        // Quotes, commas and line breaks in provision texts survive the round trip through a CSV reader.
        assertThat(rows).anySatisfy(r -> assertThat(r.get("before") + r.get("after")).contains(","));
    }

    @Test
    void an_export_never_writes_into_a_folder_that_holds_something() throws Exception {
        Path taken = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(taken.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> ChangesExport.write(workspace.records(), documents, head, taken, NOW, n -> {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(taken.toString()).hasMessageContaining("not empty");
        assertThat(taken.resolve("notes.txt")).content().isEqualTo("mine");
    }

    private static List<String> summarise(List<TimelineEntry> timeline) {
        return timeline.stream().map(e -> e.number() + " " + e.version().contentSha256() + " " + e.firstObservedAt()).toList();
    }

    private static JsonNode read(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
