package dev.clausewatch.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.TestStores;
import dev.clausewatch.capture.CaptureMetadata;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.DocumentId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the chains alone let pass, the signed log catches: a snapshot row edited or deleted, the
 * newest version or observation deleted, a whole document deleted, a row edited with its chain
 * recomputed, and a log cut back (against a head kept outside). Each done as someone with direct
 * database access would: switching the append-only guards off first.
 */
class LedgerTest {
    private static final DocumentId AUP = DocumentId.parse("amazon-web-services/acceptable-use-policy");

    @TempDir Path dir;

    /** The AWS histories sealed under a first signed head, then one snapshot under a second. */
    private String snapshot;

    private static List<Version> versions(Workspace w) {
        return w.archive().timeline(AUP).stream().map(TimelineEntry::version).sorted(java.util.Comparator.comparingInt(Version::recordSeq)).toList();
    }

    private Workspace sealedArchive(TestStores store) {
        Workspace w = store.open(dir);
        w.importer().importPaths(List.of(TestStores.shared("data/ota-history/amazon-web-services")));
        assertThat(w.ledger().seal()).isPresent();
        snapshot = w.archive().saveSnapshot(AUP, "<html><p>Acceptable use</p></html>".getBytes(StandardCharsets.UTF_8), "text/html",
                new CaptureMetadata(URI.create("https://aws.amazon.com/aup/"), URI.create("https://aws.amazon.com/aup/"), 200, Map.of(),
                        Instant.parse("2026-12-01T00:00:00Z"))).id();
        assertThat(w.ledger().seal()).isPresent();
        assertThat(w.verifier().verify().findings()).isEmpty();
        return w;
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void a_snapshot_row_edited_or_deleted_is_found(TestStores store) throws Exception {
        try (Workspace w = sealedArchive(store)) {
            tamper(w, store, "snapshots", "update snapshots set final_url = 'https://evil.example/' where id = '" + snapshot + "'");
            assertThat(w.verifier().verify().findings()).extracting(ArchiveVerifier.Finding::toString)
                    .containsExactly("snapshots " + snapshot + ": differs from what the log holds for it (edited after it was logged)");
            tamper(w, store, "snapshots", "delete from snapshots where id = '" + snapshot + "'");
            assertThat(w.verifier().verify().findings()).extracting(ArchiveVerifier.Finding::object).containsExactly("snapshots " + snapshot);
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void the_newest_version_and_observation_deleted_are_found(TestStores store) throws Exception {
        try (Workspace w = sealedArchive(store)) {
            int versions = versions(w).size();
            int observations = w.archive().observations(AUP).size();
            assertThat(w.verifier().verify().findings()).isEmpty();
            tamper(w, store, "observations", "delete from observations where document_id = '" + AUP + "' and seq = " + observations);
            assertThat(w.verifier().verify().findings()).extracting(ArchiveVerifier.Finding::object)
                    .containsExactly("observations " + AUP + "#" + observations);

            String newest = "document_id = '" + AUP + "' and content_sha256 = (select content_sha256 from versions where document_id = '" + AUP
                    + "' and record_seq = " + versions + ")";
            tamper(w, store, "observations", "delete from observations where " + newest);
            tamper(w, store, "versions", "delete from versions where document_id = '" + AUP + "' and record_seq = " + versions);
            assertThat(w.verifier().verify().findings()).extracting(ArchiveVerifier.Finding::object)
                    .contains("versions " + AUP + "#" + versions).allMatch(o -> o.startsWith("observations ") || o.startsWith("versions "));
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void a_whole_document_deleted_is_found(TestStores store) throws Exception {
        try (Workspace w = sealedArchive(store)) {
            for (String table : List.of("observations", "snapshots", "versions")) {
                tamper(w, store, table, "delete from " + table + " where document_id = '" + AUP + "'");
            }
            tamper(w, store, "declarations", "delete from declarations where document_id = '" + AUP + "'");
            untriggered(w, "delete from derived_references where document_id = '" + AUP + "' or target_document_id = '" + AUP + "'");
            for (String table : List.of("derived_changes", "derived_versions", "derivation_heads")) {
                untriggered(w, "delete from " + table + " where document_id = '" + AUP + "'");
            }
            tamper(w, store, "events", "delete from events where document_id = '" + AUP + "'");
            untriggered(w, "delete from documents where id = '" + AUP + "'");
            assertThat(w.verifier().verify().findings()).extracting(ArchiveVerifier.Finding::object).contains("documents " + AUP);
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void a_row_edited_with_its_chain_recomputed_passes_the_chain_but_not_the_log(TestStores store) throws Exception {
        try (Workspace w = sealedArchive(store)) {
            List<Version> versions = versions(w);
            Version newest = versions.getLast();
            Version forged = new Version(newest.document(), newest.recordSeq(), newest.contentSha256(), newest.bytes(), newest.kind(),
                    "forged-extractor", newest.snapshotIds(), newest.recordedAt(), newest.previousContentSha256(), null);
            String chain = forged.computeChainHash(versions.get(versions.size() - 2).chainHash());
            tamper(w, store, "versions", "update versions set extractor_version = 'forged-extractor', chain_hash = '" + chain
                    + "' where document_id = '" + AUP + "' and record_seq = " + newest.recordSeq());
            assertThat(w.verifier().verify().findings()).extracting(ArchiveVerifier.Finding::toString).containsExactly("versions " + AUP + "#"
                    + newest.recordSeq() + ": differs from what the log holds for it (edited after it was logged)");
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void a_log_cut_back_shows_against_a_head_kept_outside(TestStores store) throws Exception {
        try (Workspace w = sealedArchive(store)) {
            TreeHead kept = TreeHead.fromJson(w.ledger().newestHead().orElseThrow().toJson());
            // The snapshot, its leaf (the last) and the head over it removed: what remains agrees with the first head.
            int size = kept.size();
            tamper(w, store, "snapshots", "delete from snapshots where id = '" + snapshot + "'");
            tamper(w, store, "ledger_leaves", "delete from ledger_leaves where leaf_index = " + (size - 1));
            tamper(w, store, "ledger_heads", "delete from ledger_heads where tree_size = " + size);
            assertThat(w.verifier().verify().findings()).as("without the kept head, nothing shows").isEmpty();
            assertThat(w.verifier().verify(Optional.of(kept)).findings()).extracting(ArchiveVerifier.Finding::problem)
                    .containsExactly("the log now holds only " + (size - 1) + " records: it was cut back");
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void rewritten_leaves_no_longer_match_the_signed_head_and_every_record_has_an_inclusion_proof(TestStores store) throws Exception {
        try (Workspace w = sealedArchive(store)) {
            var inclusion = w.ledger().inclusion("versions", AUP + "#1").orElseThrow();
            assertThat(inclusion.verifies()).isTrue();
            tamper(w, store, "ledger_leaves", "update ledger_leaves set leaf_hash = '" + "0".repeat(64) + "' where leaf_index = 0");
            assertThat(w.verifier().verify().findings()).extracting(ArchiveVerifier.Finding::problem)
                    .anyMatch(p -> p.contains("no longer hash to its root"));
        }
    }

    private void tamper(Workspace w, TestStores store, String table, String sql) throws SQLException {
        try (Connection connection = connect(w); Statement statement = connection.createStatement()) {
            if (store == TestStores.SQLITE) {
                statement.execute("drop trigger if exists " + table + "_are_append_only_update");
                statement.execute("drop trigger if exists " + table + "_are_append_only_delete");
            } else {
                statement.execute("alter table " + table + " disable trigger all");
            }
            statement.executeUpdate(sql);
        }
    }

    private void untriggered(Workspace w, String sql) throws SQLException {
        try (Connection connection = connect(w); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private Connection connect(Workspace w) throws SQLException {
        return DriverManager.getConnection(TestStores.sameStore(w, dir).jdbcUrl());
    }
}
