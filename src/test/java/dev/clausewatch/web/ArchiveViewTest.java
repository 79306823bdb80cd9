package dev.clausewatch.web;

import static dev.clausewatch.archive.Observations.seen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.TestStores;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pages computed over the whole archive are kept, and never outlive a new version by more than the recheck interval. */
class ArchiveViewTest {
    private static final DocumentId TERMS = DocumentId.parse("example/terms-of-service");

    @TempDir Path dir;


    @Test
    void kept_values_are_reused_until_a_new_version_arrives() {
        try (Workspace w = TestStores.SQLITE.open(dir)) {
            w.registry().register(new Document(TERMS, "Example Terms"));
            w.archive().record(TERMS, List.of(seen("# Terms\n\nYou may not resell the service.\n", "2024-01-01T00:00:00Z")));
            w.archive().record(TERMS, List.of(seen("# Terms\n\nYou may not resell or sublicense the service.\n", "2024-02-01T00:00:00Z")));
            var view = new ArchiveView(w.registry(), w.archive(), w.changes(), w.analyzer(),
                    new dev.clausewatch.archive.ArchiveState(w.registry(), w.archive(), Duration.ZERO));

            var first = view.latestEvents();
            assertThat(first).hasSize(1);
            assertThat(first.getFirst().changes().substantive()).isTrue();
            assertThat(view.latestEvents()).as("nothing changed: the same list").isSameAs(first);

            w.archive().record(TERMS, List.of(seen("# Terms\n\nYou may not resell or sublicense the service.  \n", "2024-03-01T00:00:00Z")));
            var second = view.latestEvents();
            assertThat(second).hasSize(2);
            assertThat(second.getFirst().number()).as("newest first").isEqualTo(3);
            assertThat(second.getFirst().changes().substantive()).as("white space only").isFalse();
        }
    }
}
