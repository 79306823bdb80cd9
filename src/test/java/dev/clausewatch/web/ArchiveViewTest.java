package dev.clausewatch.web;

import static dev.clausewatch.archive.Observations.seen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.TestStores;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pages computed over the whole archive are kept, and never outlive a new version by more than the recheck interval. */
class ArchiveViewTest {
    private static final DocumentId TERMS = DocumentId.parse("example/terms-of-service");

    @TempDir Path dir;


    @Test
    void kept_values_are_reused_until_the_processor_derives_a_new_version() {
        try (Workspace w = TestStores.SQLITE.open(dir)) {
            w.registry().register(new Document(TERMS, "Example Terms"));
            w.archive().record(TERMS, List.of(seen("# Terms\n\nYou may not resell the service.\n", "2024-01-01T00:00:00Z")));
            w.archive().record(TERMS, List.of(seen("# Terms\n\nYou may not resell or sublicense the service.\n", "2024-02-01T00:00:00Z")));
            w.processor().catchUp(p -> {});
            var view = new ArchiveView(w.registry(), w.archive(), w.records(), w.analyzer());

            var first = view.keep("latest", view::latestChanges);
            assertThat(first).hasSize(1);
            assertThat(first.getFirst().substantive()).isTrue();
            assertThat(view.keep("latest", view::latestChanges)).as("nothing changed: the same list").isSameAs(first);

            w.archive().record(TERMS, List.of(seen("# Terms\n\nYou may not resell or sublicense the service.  \n", "2024-03-01T00:00:00Z")));
            assertThat(view.keep("latest", view::latestChanges)).as("a recorded version changes the state; not derived yet").hasSize(1);
            w.processor().catchUp(p -> {});
            var second = view.keep("latest", view::latestChanges);
            assertThat(second).hasSize(2);
            assertThat(second.getFirst().number()).as("newest first").isEqualTo(3);
            assertThat(second.getFirst().substantive()).as("white space only").isFalse();
        }
    }
}
