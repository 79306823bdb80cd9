package dev.clausewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.TestStores;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.FetchMode;
import dev.clausewatch.registry.Filter;
import dev.clausewatch.registry.InvalidInputException;
import dev.clausewatch.registry.Selector;
import dev.clausewatch.registry.SourceDeclaration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every OTA declaration in the shared data imports, or is rejected naming the file, the field and the rule. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeclarationImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Workspace workspace;
    private ImportReport report;
    private List<Path> declarationFiles;

    @BeforeAll
    void importAllDeclarations(@TempDir Path dir) throws IOException {
        declarationFiles = Stream.of(TestStores.wholeShared("data/ota-history"), TestStores.wholeShared("data/ota-snapshots"))
                .flatMap(DeclarationImportTest::jsonFiles)
                .filter(p -> !p.getFileName().toString().equals("manifest.json") && !p.getFileName().toString().equals("index.json"))
                .toList();
        workspace = TestStores.SQLITE.open(dir);
        report = workspace.importer().importPaths(declarationFiles);
    }

    @Test
    void only_the_le_chat_history_is_rejected_and_its_message_names_file_field_and_rule() {
        assertThat(declarationFiles).hasSize(66);
        assertThat(report.rejected()).extracting(e -> e.file().getFileName().toString()).containsExactly("Le Chat.history.json");
        InvalidInputException leChat = report.rejected().getFirst();
        assertThat(leChat.problems()).anySatisfy(p -> {
            assertThat(p.field()).isEqualTo("/Terms of Service/0/ValidUntil");
            assertThat(p.rule()).contains("did you mean \"validUntil\"", "case-sensitive");
        });
        assertThat(leChat.getMessage()).startsWith(leChat.file().toString());
    }

    @Test
    void every_other_declaration_entry_is_recorded_once() throws IOException {
        int entries = 0;
        for (Path file : declarationFiles) {
            if (file.getFileName().toString().equals("Le Chat.history.json")) continue;
            JsonNode root = JSON.readTree(file.toFile());
            if (file.getFileName().toString().endsWith(".history.json")) {
                for (JsonNode list : root) entries += list.size();
            } else {
                entries += root.get("terms").size();
            }
        }
        assertThat(report.declarationsAdded() + report.declarationsKnown()).isEqualTo(entries);
        assertThat(workspace.importer().importPaths(declarationFiles).declarationsAdded()).isZero();
    }

    @Test
    void combined_sources_inherit_shared_fields_and_keep_range_selectors() {
        SourceDeclaration terms = current("llama-api/terms-of-service");
        assertThat(terms.sources()).hasSize(4);
        assertThat(terms.sources()).allSatisfy(s -> assertThat(s.fetchMode()).isEqualTo(FetchMode.BROWSER));
        assertThat(terms.sources().getFirst().select()).containsExactly(new Selector.Range("h1", true, "#end-of-content", true));
        assertThat(terms.sources().get(1).select()).containsExactly(new Selector.Range("[role=\"main\"]", true, "[role=\"separator\"]", false));
        assertThat(terms.sources().get(3).filters()).contains(Filter.named("removeTrackingIDs"));
        assertThat(terms.sources()).extracting(s -> s.id()).doesNotHaveDuplicates();
    }

    @Test
    void filters_with_arguments_and_offsets_without_colon_are_understood() {
        assertThat(current("google/privacy-policy").sources().getFirst().filters())
                .contains(new Filter("removeQueryParams", List.of("utm_source", "utm_medium", "utm_campaign")));
        List<SourceDeclaration> dpa = workspace.registry().declarations(DocumentId.parse("facebook/data-processor-agreement"));
        assertThat(dpa).anySatisfy(d -> assertThat(d.validUntil()).contains(Instant.parse("2024-02-28T22:59:59Z")));
    }

    @AfterAll
    void close() {
        if (workspace != null) workspace.close(); // null when the whole shared data is absent and the class was skipped
    }

    private SourceDeclaration current(String document) {
        return workspace.registry().declarations(DocumentId.parse(document)).stream()
                .filter(SourceDeclaration::isCurrent).findFirst().orElseThrow();
    }

    private static Stream<Path> jsonFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
