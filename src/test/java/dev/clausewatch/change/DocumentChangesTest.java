package dev.clausewatch.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.TestStores;
import dev.clausewatch.archive.Observed;
import dev.clausewatch.archive.Provenance;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-document history is computed once per state of the archive, and never served stale. */
class DocumentChangesTest {
    private static final DocumentId TERMS = DocumentId.parse("example/terms-of-service");

    @TempDir Path dir;

    private static Observed seen(String text, String date) {
        return new Observed(text.getBytes(StandardCharsets.UTF_8), Instant.parse(date), false, "test", List.of(),
                new Provenance("test-archive", date, Map.of()));
    }

    @Test
    void a_new_version_is_in_the_next_history_and_an_unchanged_archive_returns_the_same_history() {
        try (Workspace w = TestStores.SQLITE.open(dir)) {
            w.registry().register(new Document(TERMS, "Example"));
            w.archive().record(TERMS, List.of(seen("# Terms\n\nYou may not resell the service.\n", "2024-01-01T00:00:00Z")));

            List<DocumentChanges.VersionProvisions> first = w.changes().history(TERMS);
            assertThat(first).hasSize(1);
            assertThat(w.changes().history(TERMS)).as("nothing changed: the computed history is reused").isSameAs(first);

            w.archive().record(TERMS, List.of(seen("# Terms\n\nYou may not resell or sublicense the service.\n", "2024-03-01T00:00:00Z")));
            List<DocumentChanges.VersionProvisions> second = w.changes().history(TERMS);

            assertThat(second).hasSize(2);
            assertThat(second.getLast().provisions()).anySatisfy(p -> assertThat(p.text()).contains("sublicense"));
            assertThat(second.getLast().provisions().getLast().id()).as("the edited provision keeps its id")
                    .isEqualTo(first.getLast().provisions().getLast().id());
            var change = w.changes().compare(second.get(0), second.get(1));
            assertThat(change.substantive()).isTrue();
            assertThat(w.changes().compare(second.get(0), second.get(1))).as("a pair of the cached history is computed once").isSameAs(change);
        }
    }
}
