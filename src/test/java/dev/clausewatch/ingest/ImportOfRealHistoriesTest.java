package dev.clausewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.TestStores;
import dev.clausewatch.archive.Chain;
import dev.clausewatch.capture.Sha256;
import dev.clausewatch.capture.Snapshot;
import dev.clausewatch.archive.Provenance;
import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.DocumentType;
import dev.clausewatch.registry.PlatformId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Imports the real histories of ../shared/data and checks the archive against their manifests:
 * every expectation below is computed from the manifests, none is written down by hand.
 */
class ImportOfRealHistoriesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path OTA = TestStores.shared("data/ota-history");

    @TempDir Path dir;

    /** A manifest's distinct texts in the order first seen, with the date each was first seen. */
    record Expected(DocumentId document, String archive, Map<String, Instant> firstSeen) {}

    /** How many versions the manifests under {@code root} list. */
    static int listedVersions(Path root) throws IOException {
        int listed = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path manifest : files.filter(p -> p.getFileName().toString().equals("manifest.json")).toList()) {
                JsonNode m = JSON.readTree(manifest.toFile());
                if (m.has("versions")) listed += m.get("versions").size();
            }
        }
        return listed;
    }

    static List<Expected> expectations(Path root) throws IOException {
        List<Expected> result = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path manifest : files.filter(p -> p.getFileName().toString().equals("manifest.json")).sorted().toList()) {
                JsonNode m = JSON.readTree(manifest.toFile());
                if (!m.has("versions")) continue;
                DocumentId id = new DocumentId(PlatformId.fromName(m.get("service").asText()), new DocumentType(m.get("termsType").asText()));
                // By date, not by manifest index: OTA dates a re-extraction by its snapshot, which can be
                // older than the commit before it (zoom/privacy-policy, 2024-03).
                Map<String, Instant> earliest = new LinkedHashMap<>();
                for (JsonNode v : m.get("versions")) {
                    String date = v.get("date").asText();
                    Instant instant = date.length() == 10 ? Instant.parse(date + "T00:00:00Z") : Instant.parse(date);
                    earliest.merge(v.get("sha256").asText(), instant, (a, b) -> a.isBefore(b) ? a : b);
                }
                Map<String, Instant> firstSeen = new LinkedHashMap<>();
                earliest.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> firstSeen.put(e.getKey(), e.getValue()));
                result.add(new Expected(id, m.get("sourceRepo").asText(), firstSeen));
            }
        }
        return result;
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void each_ota_document_gets_exactly_its_distinct_versions_in_order_with_their_dates_and_a_second_import_adds_nothing(TestStores store)
            throws IOException {
        List<Expected> expected = expectations(OTA);
        int listed = listedVersions(OTA);
        if (TestStores.wholeSharedRoot().isPresent()) {
            assertThat(expected).hasSize(30); // as its SOURCE.md describes it: 30 documents, 946 versions
            assertThat(listed).isEqualTo(946);
        }
        try (Workspace w = store.open(dir)) {
            ImportReport first = w.importer().importPaths(List.of(OTA));
            assertThat(first.observationsAdded()).isEqualTo(listed);

            for (Expected e : expected) {
                List<TimelineEntry> timeline = w.archive().timeline(e.document());
                assertThat(timeline).as(e.document().toString())
                        .extracting(t -> t.version().contentSha256()).containsExactlyElementsOf(e.firstSeen().keySet());
                assertThat(timeline).as(e.document() + " dates")
                        .extracting(TimelineEntry::firstObservedAt).containsExactlyElementsOf(e.firstSeen().values());
            }

            ImportReport second = w.importer().importPaths(List.of(OTA));
            assertThat(second.observationsAdded()).isZero();
            assertThat(second.versionsAdded()).isZero();
            assertThat(second.alreadyArchived()).isEqualTo(listed);
            assertThat(second.declarationsAdded()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void histories_of_one_document_from_two_archives_merge_into_one_dated_timeline_keeping_provenance(TestStores store) throws IOException {
        // Twitter's and Facebook's histories in both archives: only the whole shared data has them.
        Path ota = TestStores.wholeShared("data/ota-history"), pga = TestStores.wholeShared("data/pga-v1-history");
        Map<DocumentId, List<Expected>> byDocument = new LinkedHashMap<>();
        for (Expected e : expectations(ota)) byDocument.computeIfAbsent(e.document(), k -> new ArrayList<>()).add(e);
        for (Expected e : expectations(pga)) byDocument.computeIfAbsent(e.document(), k -> new ArrayList<>()).add(e);
        List<DocumentId> inBoth = byDocument.entrySet().stream().filter(en -> en.getValue().size() == 2).map(Map.Entry::getKey).toList();
        assertThat(inBoth).extracting(DocumentId::toString)
                .contains("facebook/terms-of-service", "twitter/terms-of-service", "twitter/privacy-policy");

        try (Workspace w = store.open(dir)) {
            // The newer archive first: the merge must not depend on import order.
            w.importer().importPaths(List.of(ota));
            ImportReport pgaReport = w.importer().importPaths(List.of(pga));
            assertThat(pgaReport.observationsAdded()).isEqualTo(181);

            for (DocumentId id : inBoth) {
                Map<String, Instant> union = new LinkedHashMap<>();
                Map<String, List<String>> archivesOf = new LinkedHashMap<>();
                for (Expected e : byDocument.get(id)) {
                    e.firstSeen().forEach((sha, date) -> {
                        union.merge(sha, date, (a, b) -> a.isBefore(b) ? a : b);
                        archivesOf.computeIfAbsent(sha, k -> new ArrayList<>()).add(e.archive());
                    });
                }
                List<String> expectedOrder = union.entrySet().stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
                List<TimelineEntry> timeline = w.archive().timeline(id);

                assertThat(timeline).as(id + " merged order").extracting(t -> t.version().contentSha256()).containsExactlyElementsOf(expectedOrder);
                assertThat(timeline).extracting(TimelineEntry::firstObservedAt).isSortedAccordingTo(Comparator.naturalOrder());
                for (TimelineEntry entry : timeline) {
                    assertThat(entry.provenances()).extracting(Provenance::archive)
                            .as(id + " version " + entry.number() + " provenance")
                            .containsAll(archivesOf.get(entry.version().contentSha256()).stream().distinct().toList());
                }
            }
            assertThat(w.verifier().verify().findings()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void the_version_in_force_at_a_date_is_the_one_last_seen_by_then(TestStores store) throws IOException {
        Expected aup = expectations(OTA).stream().filter(e -> e.document().toString().equals("amazon-web-services/acceptable-use-policy"))
                .findFirst().orElseThrow();
        List<Map.Entry<String, Instant>> versions = new ArrayList<>(aup.firstSeen().entrySet());
        try (Workspace w = store.open(dir)) {
            w.importer().importPaths(List.of(OTA.resolve("amazon-web-services")));
            for (int i = 0; i < versions.size(); i++) {
                Instant justAfter = versions.get(i).getValue().plusSeconds(1);
                assertThat(w.archive().inForceAt(aup.document(), justAfter).orElseThrow().version().contentSha256())
                        .as("in force just after " + Chain.instant(versions.get(i).getValue()))
                        .isEqualTo(versions.get(i).getKey());
            }
            assertThat(w.archive().inForceAt(aup.document(), versions.getFirst().getValue().minusSeconds(1))).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void the_clipped_aws_responsible_ai_policy_imports_with_its_source_url_and_capture_date(TestStores store) {
        Path seed = TestStores.shared("seeds/001_bd4926011f68c2e1.txt");
        try (Workspace w = store.open(dir)) {
            ImportReport report = w.importer().importPaths(List.of(seed));
            assertThat(report.rejected()).isEmpty();

            DocumentId id = DocumentId.parse("amazon-web-services/responsible-ai-policy");
            assertThat(w.registry().document(id)).isPresent();
            TimelineEntry only = w.archive().timeline(id).getFirst();
            assertThat(only.firstObservedAt()).isEqualTo(Instant.parse("2024-09-17T01:39:46Z"));
            assertThat(w.archive().text(only.version())).contains("# AWS Responsible AI Policy", "**Last Updated: September 28, 2023**")
                    .contains("This Policy supplements the [AWS Acceptable Use Policy](https://aws.amazon.com/aup/)");
            assertThat(only.version().snapshotIds()).hasSize(1);
            Snapshot snapshot = w.archive().snapshot(only.version().snapshotIds().getFirst()).orElseThrow();
            assertThat(snapshot.metadata().url()).hasToString("https://aws.amazon.com/ai/responsible-ai/policy/");
            assertThat(snapshot.metadata().fetchedAt()).isEqualTo(Instant.parse("2024-09-17T01:39:46Z"));
            assertThat(snapshot.contentSha256()).isEqualTo(Sha256.of(readAll(seed)));
            assertThat(snapshot.mediaType()).isEqualTo("text/markdown");
        }
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
