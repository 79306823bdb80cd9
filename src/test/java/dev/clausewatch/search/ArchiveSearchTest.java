package dev.clausewatch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clausewatch.TestStores;
import dev.clausewatch.cli.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Lucene search over real OTA histories (AWS and ChatGPT) and the clipped AWS Responsible AI Policy. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveSearchTest {
    private Workspace workspace;
    private ArchiveSearch search;

    @BeforeAll
    void importHistories(@TempDir Path dir) {
        workspace = TestStores.SQLITE.open(dir);
        workspace.importer().importPaths(List.of(TestStores.shared("data/ota-history/amazon-web-services"), TestStores.shared("data/ota-history/chatgpt"),
                TestStores.shared("seeds/001_bd4926011f68c2e1.txt")));
        workspace.processor().catchUp(p -> {});
        search = new ArchiveSearch(workspace.registry(), workspace.records(), workspace.analyzer(), ProvisionIndex.inMemory());
        search.refresh();
    }

    @AfterAll
    void close() {
        workspace.close();
    }

    private static SearchQuery query(String text, Optional<String> platform, Optional<String> topic, boolean past) {
        return new SearchQuery(text, platform, Optional.empty(), topic, Optional.empty(), Optional.empty(), past, 50, 0);
    }

    @Test
    void stemmed_words_find_current_provisions_best_first() {
        SearchResults results = search.search(SearchQuery.of("consequential decisions"));
        assertThat(results.total()).isPositive();
        Passage best = results.hits().getFirst().passage();
        assertThat(best.platform()).isEqualTo("amazon-web-services");
        assertThat(best.text()).containsIgnoringCase("consequential decisions");
        assertThat(results.hits()).allSatisfy(h -> assertThat(h.passage().current()).isTrue());
        assertThat(results.hits()).extracting(SearchResults.Hit::score).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void filters_by_platform_and_topic_keep_only_matching_passages() {
        SearchResults chatgpt = search.search(query("train models", Optional.of("chatgpt"), Optional.empty(), false));
        assertThat(chatgpt.hits()).isNotEmpty().allSatisfy(h -> assertThat(h.passage().platform()).isEqualTo("chatgpt"));

        SearchResults onTopic = search.search(query("content", Optional.empty(), Optional.of("ai-training-on-user-content"), false));
        assertThat(onTopic.hits()).isNotEmpty().allSatisfy(h -> assertThat(h.passage().topics()).contains("ai-training-on-user-content"));
        assertThat(onTopic.total()).isLessThan(search.search(query("content", Optional.empty(), Optional.empty(), false)).total());
    }

    @Test
    void past_versions_add_passages_no_longer_in_force_with_their_version_range() {
        SearchQuery current = query("terms", Optional.of("chatgpt"), Optional.empty(), false);
        SearchQuery withPast = query("terms", Optional.of("chatgpt"), Optional.empty(), true);
        assertThat(search.search(withPast).total()).isGreaterThan(search.search(current).total());
        assertThat(search.search(withPast).hits()).anySatisfy(h -> {
            assertThat(h.passage().current()).isFalse();
            assertThat(h.passage().lastVersion()).isGreaterThanOrEqualTo(h.passage().firstVersion());
        });
    }

    @Test
    void a_date_range_bounds_when_a_passage_appeared_and_pages_do_not_overlap() {
        LocalDate since = LocalDate.of(2025, 1, 1);
        SearchQuery recent = new SearchQuery("terms", Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(since), Optional.empty(), true, 10, 0);
        assertThat(search.search(recent).hits()).isNotEmpty().allSatisfy(h -> assertThat(h.passage().since()).isAfterOrEqualTo(since));

        SearchQuery next = new SearchQuery("terms", Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(since), Optional.empty(), true, 10, 10);
        assertThat(search.search(next).hits()).doesNotContainAnyElementsOf(search.search(recent).hits());
    }

    @Test
    void odd_input_is_searched_or_refused_with_a_sentence() {
        assertThat(search.search(SearchQuery.of("\"unterminated (phrase")).total()).isGreaterThanOrEqualTo(0);
        assertThatThrownBy(() -> SearchQuery.of("  ")).hasMessage("The search needs words: the parameter q is empty.");
        assertThatThrownBy(() -> search.search(SearchQuery.of("the"))).hasMessage("The search \"the\" has no words to look for.");
    }

    @Test
    void a_refresh_reindexes_only_documents_whose_derived_head_moved_and_finds_a_new_version_once_derived(@TempDir Path disk) {
        try (var own = new ArchiveSearch(workspace.registry(), workspace.records(), workspace.analyzer(), ProvisionIndex.onDisk(disk))) {
            assertThat(own.refresh()).as("every derived document, the first time").isEqualTo(workspace.records().heads().size()).isGreaterThan(1);
            assertThat(own.refresh()).as("nothing changed since").isZero();

            var document = dev.clausewatch.registry.DocumentId.parse("chatgpt/terms-of-service");
            String latest = workspace.archive().text(workspace.archive().timeline(document).getLast().version());
            workspace.archive().record(document, List.of(new dev.clausewatch.archive.Observed(
                    (latest + "\n\nZebra crossings are not a service we offer.\n").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    java.time.Instant.parse("2030-01-01T00:00:00Z"), false, "test", List.of(),
                    new dev.clausewatch.archive.Provenance("test", "zebra", java.util.Map.of()))));
            own.refresh();
            assertThat(own.search(SearchQuery.of("zebra crossings")).total()).as("recorded, not derived yet").isZero();

            workspace.processor().catchUp(p -> {});
            assertThat(own.refresh()).as("only the document that changed").isEqualTo(1);
            assertThat(own.search(SearchQuery.of("zebra crossings")).hits()).singleElement()
                    .satisfies(h -> assertThat(h.passage().since()).isEqualTo(LocalDate.of(2030, 1, 1)));
        }
        try (var reopened = new ArchiveSearch(workspace.registry(), workspace.records(), workspace.analyzer(), ProvisionIndex.onDisk(disk))) {
            assertThat(reopened.refresh()).as("a restarted node indexes only what moved while it was away").isZero();
            assertThat(reopened.search(SearchQuery.of("zebra crossings")).total()).isEqualTo(1);
        }
    }
}
