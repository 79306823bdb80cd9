package dev.clausewatch.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clausewatch.TestStores;
import dev.clausewatch.archive.FileBlobStore;
import dev.clausewatch.archive.Observed;
import dev.clausewatch.archive.Provenance;
import dev.clausewatch.capture.Sha256;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On PostgreSQL the archive's bytes live in the database: content-addressed, append-only, shared by every machine. */
class DatabaseBlobStoreTest {
    @TempDir Path dir;
    private PostgresSchemas.Scratch scratch;
    private Database database;
    private FileBlobStore files;
    private DatabaseBlobStore blobs;

    @BeforeEach
    void open() {
        scratch = PostgresSchemas.create(TestStores.PG_URL, "cw_blobs");
        database = Database.open(new StorageConfig(dir, Optional.of(scratch.url())));
        files = new FileBlobStore(dir.resolve("blobs"));
        blobs = new DatabaseBlobStore(database, files);
    }

    @AfterEach
    void close() {
        database.close();
        scratch.close();
    }

    @Test
    void bytes_come_back_exactly_under_their_hash_and_are_stored_once() {
        byte[] bytes = "Do not send spam.\n".getBytes(StandardCharsets.UTF_8);
        String sha = blobs.put(bytes);
        assertThat(sha).isEqualTo(Sha256.of(bytes));
        assertThat(blobs.put(bytes.clone())).isEqualTo(sha);
        assertThat(blobs.get(sha)).hasValue(bytes);
        assertThat(blobs.contains(sha)).isTrue();
        assertThat(blobs.all()).containsExactly(sha);
        assertThat(rows("select count(*) from blobs")).isEqualTo(1);
        assertThat(blobs.get(Sha256.of(new byte[] {1}))).isEmpty();
    }

    @Test
    void writers_of_the_same_bytes_at_once_all_succeed_with_one_row() throws Exception {
        byte[] bytes = new byte[300_000];
        new java.util.Random(7).nextBytes(bytes);
        var pool = Executors.newFixedThreadPool(4);
        try {
            Callable<String> put = () -> blobs.put(bytes);
            List<Future<String>> puts = pool.invokeAll(List.of(put, put, put, put));
            for (Future<String> f : puts) assertThat(f.get()).isEqualTo(Sha256.of(bytes));
        } finally {
            pool.shutdown();
        }
        assertThat(rows("select count(*) from blobs")).isEqualTo(1);
    }

    @Test
    void the_database_refuses_to_change_or_delete_a_stored_blob() {
        String sha = blobs.put("original".getBytes(StandardCharsets.UTF_8));
        Jdbi jdbi = database.jdbi();
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("update blobs set bytes = '\\x00'::bytea where sha256 = ?", sha)))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("delete from blobs where sha256 = ?", sha)))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("insert into blobs (sha256, bytes, size) values ('not-a-hash', '\\x00'::bytea, 1)")))
                .hasMessageContaining("check");
        assertThat(blobs.get(sha)).hasValue("original".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void blobs_written_as_files_before_the_move_are_still_read_and_listed_once() {
        byte[] older = "an archive from before blobs moved into the database".getBytes(StandardCharsets.UTF_8);
        String sha = files.put(older);
        assertThat(blobs.get(sha)).hasValue(older);
        assertThat(blobs.contains(sha)).isTrue();
        assertThat(rows("select count(*) from blobs")).as("nothing is copied on read").isZero();
        assertThat(blobs.put(older)).isEqualTo(sha);
        assertThat(rows("select count(*) from blobs")).as("recorded again, the bytes go to the database, where other machines read them").isEqualTo(1);
        String newer = blobs.put("new".getBytes(StandardCharsets.UTF_8));
        assertThat(blobs.all()).containsExactlyInAnyOrder(sha, newer);
    }

    @Test
    void an_archive_on_postgresql_keeps_no_blob_files_and_reads_its_versions_back() throws Exception {
        DocumentId terms = DocumentId.parse("example/terms-of-service");
        String text = "# Terms\n\nYou must be 18 or older.\n";
        Path workspace = dir.resolve("workspace");
        try (Workspace w = TestStores.POSTGRESQL.open(workspace)) {
            w.registry().register(new Document(terms, "Example Terms"));
            w.archive().record(terms, List.of(new Observed(text.getBytes(StandardCharsets.UTF_8), Instant.parse("2024-01-01T00:00:00Z"), false,
                    "test", List.of(), new Provenance("test", "one", Map.of()))));
            assertThat(w.archive().text(w.archive().timeline(terms).getFirst().version())).isEqualTo(text);
            assertThat(w.verifier().verify().findings()).isEmpty();
        }
        try (var stored = Files.walk(workspace)) {
            assertThat(stored.filter(Files::isRegularFile).filter(p -> p.toString().contains("sha256"))).isEmpty();
        }
    }

    private int rows(String sql) {
        return database.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }
}
