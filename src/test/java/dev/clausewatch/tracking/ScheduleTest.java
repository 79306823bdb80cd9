package dev.clausewatch.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.Clausewatch;
import dev.clausewatch.TestStores;
import dev.clausewatch.capture.CaptureConfig;
import dev.clausewatch.capture.LoopbackSite;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.DocumentType;
import dev.clausewatch.registry.FetchMode;
import dev.clausewatch.registry.PlatformId;
import dev.clausewatch.registry.Selector;
import dev.clausewatch.registry.SourceDeclaration;
import dev.clausewatch.registry.SourceDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The schedule on both stores: persistent, and each due document captured once however many workers run. */
class ScheduleTest {
    private static final int DOCUMENTS = 12;
    private static final String TEXT = "These terms govern your use of the service and say what you may do. ".repeat(5);

    @TempDir Path dir;
    private LoopbackSite site;

    @BeforeEach
    void start() throws Exception {
        site = new LoopbackSite();
        for (int i = 0; i < DOCUMENTS; i++) site.html("/terms-" + i, "<main><h1>Terms " + i + "</h1><p>" + TEXT + "</p></main>");
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private static CaptureConfig config() {
        return CaptureConfig.defaults().withLoopbackAllowed().withPoliteness(Duration.ZERO, Duration.ofMillis(10));
    }

    private List<DocumentId> declareDocuments(Workspace w) {
        List<DocumentId> ids = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            DocumentId id = new DocumentId(new PlatformId("platform-" + i), new DocumentType("Terms of Service"));
            w.registry().register(new Document(id, "Platform " + i));
            w.registry().declare(new SourceDeclaration(id, List.of(new SourceDocument(null, site.url("/terms-" + i),
                    List.of(new Selector.Css("main")), List.of(), List.of(), FetchMode.HTTP)), Optional.empty()), "test");
            ids.add(id);
        }
        return ids;
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void two_workers_on_one_store_capture_each_due_document_exactly_once(TestStores store) {
        try (Workspace first = store.open(dir, config(), LoopbackSite.resolver(Map.of()));
             Workspace second = Clausewatch.open(TestStores.sameStore(first, dir), config(), LoopbackSite.resolver(Map.of()))) {
            List<DocumentId> ids = declareDocuments(first);
            assertThat(first.trackingLoop().scheduleDeclaredDocuments(Duration.ofHours(1), Duration.ZERO)).isEqualTo(DOCUMENTS);
            var a = CompletableFuture.supplyAsync(() -> first.trackingLoop().runDue());
            var b = CompletableFuture.supplyAsync(() -> second.trackingLoop().runDue());
            List<TrackingEvent> events = new ArrayList<>(a.join());
            events.addAll(b.join());

            assertThat(events).extracting(TrackingEvent::document).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(events).allSatisfy(e -> assertThat(e.outcome()).isEqualTo(TrackingEvent.Outcome.RECORDED));
            for (int i = 0; i < DOCUMENTS; i++) assertThat(site.received("/terms-" + i)).as("requests for document " + i).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void the_schedule_survives_a_restart_and_nothing_runs_before_it_is_due(TestStores store) {
        try (Workspace w = store.open(dir, config(), LoopbackSite.resolver(Map.of()))) {
            declareDocuments(w);
            w.trackingLoop().scheduleDeclaredDocuments(Duration.ofHours(12));
            // Spread over the cadence: some may be due within the test, none twice.
            try (Workspace reopened = Clausewatch.open(TestStores.sameStore(w, dir), config(), LoopbackSite.resolver(Map.of()))) {
                assertThat(reopened.trackingLoop().scheduleDeclaredDocuments(Duration.ofHours(12))).isEqualTo(DOCUMENTS);
                int ranNow = reopened.trackingLoop().runDue().size();
                assertThat(ranNow).isLessThan(DOCUMENTS);
                assertThat(reopened.trackingLoop().runDue()).isEmpty();
            }
        }
    }
}
