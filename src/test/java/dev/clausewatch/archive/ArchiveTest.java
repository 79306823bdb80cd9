package dev.clausewatch.archive;

import static dev.clausewatch.archive.Observations.seen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clausewatch.Clausewatch;
import dev.clausewatch.TestStores;
import dev.clausewatch.capture.CaptureMetadata;
import dev.clausewatch.capture.Sha256;
import dev.clausewatch.capture.Snapshot;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The archive's rules, on both real stores. */
class ArchiveTest {
    private static final DocumentId AUP = DocumentId.parse("amazon-web-services/acceptable-use-policy");

    @TempDir Path dir;

    private Workspace open(TestStores store) {
        Workspace workspace = store.open(dir);
        workspace.registry().register(new Document(AUP, "Amazon Web Services"));
        return workspace;
    }


    @Nested
    class When_recording {
        @ParameterizedTest
        @EnumSource(TestStores.class)
        void the_first_text_becomes_the_first_version_and_identical_text_only_a_verification(TestStores store) {
            try (Workspace w = open(store)) {
                RecordOutcome outcome = w.archive().record(AUP, List.of(
                        seen("Do not spam.", "2024-01-01T00:00:00Z", "c1"),
                        seen("Do not spam.", "2024-02-01T00:00:00Z", "c2")));

                assertThat(outcome.versionsAdded()).isEqualTo(1);
                assertThat(outcome.verified()).isEqualTo(1);
                List<TimelineEntry> timeline = w.archive().timeline(AUP);
                assertThat(timeline).hasSize(1);
                assertThat(timeline.getFirst().version().kind()).isEqualTo(VersionKind.FIRST);
                assertThat(timeline.getFirst().version().contentSha256()).isEqualTo(Sha256.of("Do not spam."));
                assertThat(timeline.getFirst().observations()).isEqualTo(2);
                assertThat(w.archive().observations(AUP)).extracting(Observation::kind)
                        .containsExactly(ObservationKind.RECORDED, ObservationKind.VERIFIED);
            }
        }

        @ParameterizedTest
        @EnumSource(TestStores.class)
        void a_text_that_comes_back_is_a_reappearance_not_a_new_version(TestStores store) {
            try (Workspace w = open(store)) {
                w.archive().record(AUP, List.of(
                        seen("A", "2024-01-01T00:00:00Z", "c1"),
                        seen("B", "2024-02-01T00:00:00Z", "c2"),
                        seen("A", "2024-03-01T00:00:00Z", "c3")));

                assertThat(w.archive().timeline(AUP)).hasSize(2);
                assertThat(w.archive().observations(AUP)).extracting(Observation::kind)
                        .containsExactly(ObservationKind.RECORDED, ObservationKind.RECORDED, ObservationKind.REAPPEARED);
                assertThat(w.archive().inForceAt(AUP, Instant.parse("2024-02-15T00:00:00Z")).orElseThrow().version().contentSha256())
                        .isEqualTo(Sha256.of("B"));
                assertThat(w.archive().inForceAt(AUP, Instant.parse("2024-03-15T00:00:00Z")).orElseThrow().version().contentSha256())
                        .isEqualTo(Sha256.of("A"));
            }
        }

        @ParameterizedTest
        @EnumSource(TestStores.class)
        void the_same_provenance_recorded_again_adds_nothing(TestStores store) {
            try (Workspace w = open(store)) {
                List<Observed> history = List.of(seen("A", "2024-01-01T00:00:00Z", "c1"), seen("B", "2024-02-01T00:00:00Z", "c2"));
                w.archive().record(AUP, history);
                RecordOutcome again = w.archive().record(AUP, history);

                assertThat(again.observationsAdded()).isZero();
                assertThat(again.alreadyArchived()).isEqualTo(2);
                assertThat(w.archive().observations(AUP)).hasSize(2);
            }
        }

        @ParameterizedTest
        @EnumSource(TestStores.class)
        void versions_are_chained_by_the_hash_of_the_previous_one(TestStores store) {
            try (Workspace w = open(store)) {
                w.archive().record(AUP, List.of(seen("A", "2024-01-01T00:00:00Z", "c1"), seen("B", "2024-02-01T00:00:00Z", "c2")));
                List<TimelineEntry> timeline = w.archive().timeline(AUP);
                Version first = timeline.get(0).version(), second = timeline.get(1).version();

                assertThat(first.previousContentSha256()).isNull();
                assertThat(second.previousContentSha256()).isEqualTo(first.contentSha256());
                assertThat(second.chainHash()).isEqualTo(second.computeChainHash(first.chainHash()));
                assertThat(w.verifier().verify().intact()).isTrue();
            }
        }

        @ParameterizedTest
        @EnumSource(TestStores.class)
        void a_re_extraction_is_recorded_as_a_technical_upgrade(TestStores store) {
            try (Workspace w = open(store)) {
                w.archive().record(AUP, List.of(seen("A", "2024-01-01T00:00:00Z", "c1")));
                Observed refiltered = new Observed("A, cleaner".getBytes(StandardCharsets.UTF_8), Instant.parse("2024-02-01T00:00:00Z"),
                        true, "test", List.of(), new Provenance("test-archive", "c2"));
                w.archive().record(AUP, List.of(refiltered));

                assertThat(w.archive().timeline(AUP)).extracting(e -> e.version().kind())
                        .containsExactly(VersionKind.FIRST, VersionKind.TECHNICAL_UPGRADE);
            }
        }

        @ParameterizedTest
        @EnumSource(TestStores.class)
        void an_unregistered_document_is_refused_by_name(TestStores store) {
            try (Workspace w = store.open(dir)) {
                assertThatThrownBy(() -> w.archive().record(AUP, List.of(seen("A", "2024-01-01T00:00:00Z", "c1"))))
                        .hasMessageContaining("amazon-web-services/acceptable-use-policy is not registered");
            }
        }
    }

    @Nested
    class When_two_writers_record_at_once {
        @ParameterizedTest
        @EnumSource(TestStores.class)
        void the_archive_ends_with_exactly_one_copy(TestStores store) throws Exception {
            try (Workspace first = open(store);
                 Workspace second = Clausewatch.open(TestStores.sameStore(first, dir))) {
                List<Observed> history = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    history.add(seen("text " + (i % 25), Instant.parse("2024-01-01T00:00:00Z").plusSeconds(3600L * i).toString(), "c" + i));
                }
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                    List<Callable<RecordOutcome>> writers = List.of(
                            () -> first.archive().record(AUP, history), () -> second.archive().record(AUP, history),
                            () -> first.archive().record(AUP, history), () -> second.archive().record(AUP, history));
                    int added = 0;
                    for (Future<RecordOutcome> f : pool.invokeAll(writers)) added += f.get().observationsAdded();
                    assertThat(added).isEqualTo(40);
                } finally {
                    pool.shutdown();
                }
                assertThat(first.archive().timeline(AUP)).hasSize(25);
                assertThat(first.archive().observations(AUP)).hasSize(40);
                assertThat(first.verifier().verify().findings()).isEmpty();
            }
        }
    }

    @Nested
    class Snapshots {
        @ParameterizedTest
        @EnumSource(TestStores.class)
        void keep_their_bytes_and_capture_metadata_once(TestStores store) {
            try (Workspace w = open(store)) {
                CaptureMetadata meta = new CaptureMetadata(URI.create("https://aws.amazon.com/aup/"), URI.create("https://aws.amazon.com/aup"),
                        200, Map.of("Content-Type", List.of("text/html; charset=utf-8")), Instant.parse("2024-01-01T10:00:00Z"));
                byte[] html = "<html><body>AUP</body></html>".getBytes(StandardCharsets.UTF_8);
                Snapshot saved = w.archive().saveSnapshot(AUP, html, "text/html", meta);
                Snapshot again = w.archive().saveSnapshot(AUP, html, "text/html", meta);

                assertThat(again.id()).isEqualTo(saved.id());
                assertThat(saved.contentSha256()).isEqualTo(Sha256.of(html));
                assertThat(w.verifier().verify().snapshots()).isEqualTo(1);
            }
        }
    }
}
