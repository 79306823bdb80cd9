package dev.clausewatch.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clausewatch.TestStores;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.DocumentId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** verify passes on a clean archive and names the object after any single alteration. */
class VerifyTest {
    private static final DocumentId AUP = DocumentId.parse("amazon-web-services/acceptable-use-policy");

    @TempDir Path dir;

    private Workspace archiveOfAws(TestStores store) {
        Workspace w = store.open(dir);
        w.importer().importPaths(List.of(TestStores.shared("data/ota-history/amazon-web-services")));
        assertThat(w.verifier().verify().findings()).isEmpty();
        return w;
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void one_changed_byte_in_a_blob_is_found_and_the_blob_named(TestStores store) throws Exception {
        try (Workspace w = archiveOfAws(store)) {
            Version third = w.archive().timeline(AUP).get(2).version();
            String sha = third.contentSha256();
            if (store == TestStores.SQLITE) {
                Path blob = dir.resolve("blobs/sha256").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
                byte[] bytes = Files.readAllBytes(blob);
                bytes[bytes.length / 2] ^= 1;
                Files.write(blob, bytes);
            } else {
                // On PostgreSQL blobs live in the database, append-only: as someone who disables the trigger would.
                tamper(w, store, "blobs", "update blobs set bytes = set_byte(bytes, length(bytes) / 2, get_byte(bytes, length(bytes) / 2) # 1)"
                        + " where sha256 = '" + sha + "'");
            }

            ArchiveVerifier.Report report = w.verifier().verify();
            assertThat(report.intact()).isFalse();
            assertThat(report.findings()).extracting(ArchiveVerifier.Finding::object).containsExactly("blob " + third.contentSha256());
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void an_altered_version_row_breaks_the_chain_at_that_version(TestStores store) throws Exception {
        try (Workspace w = archiveOfAws(store)) {
            tamper(w, store, "versions", "update versions set bytes = bytes + 1 where document_id = '" + AUP + "' and record_seq = 4");

            ArchiveVerifier.Report report = w.verifier().verify();
            assertThat(report.findings()).extracting(ArchiveVerifier.Finding::object).containsExactly(
                    "version 4 (" + w.archive().timeline(AUP).get(3).version().shortId() + ") of " + AUP);
            assertThat(report.findings().getFirst().problem()).contains("the row was altered");
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void an_altered_observation_row_is_found_by_its_number(TestStores store) throws Exception {
        try (Workspace w = archiveOfAws(store)) {
            tamper(w, store, "observations", "update observations set observed_at = '2020-01-01T00:00:00.000Z' where document_id = '"
                    + AUP + "' and seq = 2");

            assertThat(w.verifier().verify().findings()).extracting(ArchiveVerifier.Finding::object)
                    .containsExactly("observation 2 of " + AUP);
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void the_database_itself_refuses_to_change_archived_rows(TestStores store) throws Exception {
        try (Workspace w = archiveOfAws(store);
             Connection connection = connect(w)) {
            assertThatThrownBy(() -> connection.createStatement().executeUpdate("update versions set bytes = 0"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> connection.createStatement().executeUpdate("delete from observations"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
    }

    /** Alters a row as someone with direct database access would: first switching off the append-only guard. */
    private void tamper(Workspace w, TestStores store, String table, String update) throws SQLException {
        try (Connection connection = connect(w); Statement statement = connection.createStatement()) {
            if (store == TestStores.SQLITE) {
                statement.execute("drop trigger " + table + "_are_append_only_update");
            } else {
                statement.execute("alter table " + table + " disable trigger " + table + "_are_append_only");
            }
            assertThat(statement.executeUpdate(update)).isEqualTo(1);
        }
    }

    private Connection connect(Workspace w) throws SQLException {
        return DriverManager.getConnection(TestStores.sameStore(w, dir).jdbcUrl());
    }
}
