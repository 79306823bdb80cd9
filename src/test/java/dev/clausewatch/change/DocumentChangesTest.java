package dev.clausewatch.change;

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

/** The per-document history is computed once per state of the archive, and never served stale. */
class DocumentChangesTest {
    private static final DocumentId TERMS = DocumentId.parse("example/terms-of-service");

    @TempDir Path dir;


    @Test
    void a_new_version_is_in_the_history_once_the_processor_derived_it_with_its_provisions_ids_kept() {
        try (Workspace w = TestStores.SQLITE.open(dir)) {
            w.registry().register(new Document(TERMS, "Example"));
            w.archive().record(TERMS, List.of(seen("# Terms\n\nYou may not resell the service.\n", "2024-01-01T00:00:00Z")));

            w.processor().catchUp(p -> {});
            List<DocumentChanges.VersionProvisions> first = w.records().history(TERMS);
            assertThat(first).hasSize(1);

            w.archive().record(TERMS, List.of(seen("# Terms\n\nYou may not resell or sublicense the service.\n", "2024-03-01T00:00:00Z")));
            assertThat(w.records().history(TERMS)).as("recorded, not derived yet: readers see what is derived").hasSize(1);
            w.processor().catchUp(p -> {});
            List<DocumentChanges.VersionProvisions> second = w.records().history(TERMS);

            assertThat(second).hasSize(2);
            assertThat(second.getLast().provisions()).anySatisfy(p -> assertThat(p.text()).contains("sublicense"));
            assertThat(second.getLast().provisions().getLast().id()).as("the edited provision keeps its id")
                    .isEqualTo(first.getLast().provisions().getLast().id());
            var change = w.records().compare(second.get(0), second.get(1));
            assertThat(change.substantive()).isTrue();
            assertThat(w.records().compare(second.get(0), second.get(1))).as("a stored change set, read once").isSameAs(change);
        }
    }

    @Test
    void a_page_that_says_how_many_days_ago_it_was_updated_changes_only_cosmetically_every_day() {
        // OTA recorded ChatGPT's usage policies anew every day of August 2026: only "Updated: N days ago" moved.
        DocumentId policy = DocumentId.parse("chatgpt/acceptable-use-policy");
        try (Workspace w = TestStores.SQLITE.open(dir)) {
            // A month of daily versions (1.3 MB): only the whole shared data has them.
            w.importer().importPaths(List.of(TestStores.wholeShared("data/ota-history/chatgpt/acceptable-use-policy")));
            w.processor().catchUp(p -> {});
            List<DocumentChanges.Event> events = w.records().events(policy);
            List<String> daily = events.stream().filter(e -> !e.changes().changes().isEmpty() && e.changes().changes().stream()
                    .allMatch(c -> c.before().map(p -> p.text().matches("(?s).*\\d+ days ago.*")).orElse(false)))
                    .map(e -> "version " + e.number() + ": " + (e.changes().substantive() ? "substantive " : "cosmetic ")
                            + e.changes().changes().stream().map(c -> c.reason().name()).toList()).toList();
            assertThat(daily).as("versions whose only change is the age of the page").hasSizeGreaterThan(10)
                    .allSatisfy(e -> assertThat(e).endsWith("cosmetic [DATE_LINE]"));
        }
    }
}
