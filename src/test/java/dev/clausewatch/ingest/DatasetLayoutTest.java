package dev.clausewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.TestStores;
import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.capture.Sha256;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.DocumentId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OTA's dataset layout, <Service>/<Terms type>/<ISO date>.md, built here from real versions. */
class DatasetLayoutTest {
    @TempDir Path dir;
    @TempDir Path dataset;

    @Test
    void a_dataset_folder_imports_as_dated_versions_of_its_service_and_type() throws Exception {
        Path source = TestStores.shared("data/ota-history/claude-ai/acceptable-use-policy");
        Path folder = Files.createDirectories(dataset.resolve("Claude.ai/Acceptable Use Policy"));
        Files.copy(source.resolve("2025-11-11T15-22-54Z_6dac117.md"), folder.resolve("2025-11-11T15-22-54Z.md"));
        Files.copy(source.resolve("2026-04-24T10-30-40Z_dfd4cfa.md"), folder.resolve("2026-04-24T10-30-40Z.md"));

        try (Workspace w = TestStores.SQLITE.open(dir)) {
            ImportReport report = w.importer().importPaths(List.of(dataset));
            assertThat(report.rejected()).isEmpty();

            List<TimelineEntry> timeline = w.archive().timeline(DocumentId.parse("claude-ai/acceptable-use-policy"));
            assertThat(timeline).extracting(TimelineEntry::firstObservedAt)
                    .containsExactly(Instant.parse("2025-11-11T15:22:54Z"), Instant.parse("2026-04-24T10:30:40Z"));
            assertThat(timeline.getFirst().version().contentSha256())
                    .isEqualTo(Sha256.of(Files.readAllBytes(source.resolve("2025-11-11T15-22-54Z_6dac117.md"))));
            assertThat(w.importer().importPaths(List.of(dataset)).observationsAdded()).isZero();
        }
    }
}
