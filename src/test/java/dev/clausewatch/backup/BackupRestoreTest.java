package dev.clausewatch.backup;

import static dev.clausewatch.archive.Observations.seen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.Clausewatch;
import dev.clausewatch.TestStores;
import dev.clausewatch.cli.ClausewatchCommand;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.storage.PostgresSchemas;
import dev.clausewatch.storage.StorageConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * `backup` and `restore` from the command line on both stores: a processed archive comes back row
 * for row and blob for blob and verifies; a damaged backup and a store that holds an archive are
 * refused before anything is written; a backup taken while a writer records versions restores whole.
 */
class BackupRestoreTest {
    private static final DocumentId AUP = DocumentId.parse("amazon-web-services/acceptable-use-policy");

    @TempDir Path dir;

    /** A store of the given kind for the command line: a data directory, and on PostgreSQL a scratch schema dropped on close. */
    private record Store(Path dataDir, Optional<PostgresSchemas.Scratch> scratch) implements AutoCloseable {
        static Store fresh(TestStores kind, Path dataDir) {
            return new Store(dataDir, kind == TestStores.POSTGRESQL ? Optional.of(PostgresSchemas.create(TestStores.PG_URL, "cw_test")) : Optional.empty());
        }

        StorageConfig config() {
            return new StorageConfig(dataDir, scratch.map(PostgresSchemas.Scratch::url));
        }

        String[] with(String... args) {
            List<String> all = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
            scratch.ifPresent(s -> all.addAll(List.of("--db-url", s.url())));
            all.addAll(List.of(args));
            return all.toArray(String[]::new);
        }

        @Override
        public void close() {
            scratch.ifPresent(PostgresSchemas.Scratch::close);
        }
    }

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = ClausewatchCommand.commandLine(Clausewatch::open, new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    /** Real data, processed, with an organisation watching it: rows in the registry, archive, log, derived tables, outbox and organisations. */
    private static void archiveAndProcess(Store store, String platform) {
        Run imported = run(store.with("import", TestStores.shared("data/ota-history/" + platform).toString()));
        assertThat(imported.status()).as(imported.err()).isZero();
        for (String[] organisation : List.of(new String[] {"orgs", "create", "acme", "--name", "Acme"}, new String[] {"orgs", "watch", "acme", "platform", platform})) {
            Run done = run(store.with(organisation));
            assertThat(done.status()).as(done.err()).isZero();
        }
        Run processed = run(store.with("process"));
        assertThat(processed.status()).as(processed.err()).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void a_processed_archive_comes_back_row_for_row_and_blob_for_blob_and_verifies(TestStores kind) {
        try (Store original = Store.fresh(kind, dir.resolve("original")); Store restored = Store.fresh(kind, dir.resolve("restored"))) {
            archiveAndProcess(original, "amazon-web-services");
            Path backup = dir.resolve("backup");

            Run backedUp = run(original.with("backup", backup.toString()));
            assertThat(backedUp.status()).as(backedUp.err()).isZero();
            assertThat(backedUp.out()).contains("backed up", "schema version", "newest head: ");

            Run restoring = run(restored.with("restore", backup.toString()));
            assertThat(restoring.status()).as(restoring.out() + restoring.err()).isZero();
            assertThat(restoring.out()).contains("restored " + backup, "intact: 6 blobs re-hashed, 6 versions");

            Map<String, List<String>> rows = rows(original.config());
            assertThat(rows.get("versions")).hasSize(6);
            for (String table : List.of("platforms", "documents", "observations", "ledger_leaves", "ledger_heads", "events", "derived_versions",
                    "derived_changes", "organisations", "watches")) {
                assertThat(rows.get(table)).as(table).isNotEmpty();
            }
            assertThat(rows(restored.config())).isEqualTo(rows);
            assertThat(blobFiles(restored.dataDir())).isEqualTo(blobFiles(original.dataDir()));
            assertThat(restored.dataDir().resolve("keys/ledger-ed25519.key")).hasSameBinaryContentAs(original.dataDir().resolve("keys/ledger-ed25519.key"));
            assertThat(run(restored.with("verify")).status()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void a_backup_with_one_flipped_byte_is_refused_naming_the_file_before_anything_is_written(TestStores kind) throws IOException {
        try (Store original = Store.fresh(kind, dir.resolve("original")); Store target = Store.fresh(kind, dir.resolve("target"))) {
            archiveAndProcess(original, "amazon-web-services");
            Path backup = dir.resolve("backup");
            assertThat(run(original.with("backup", backup.toString())).status()).isZero();
            // A blob file on the embedded store; on PostgreSQL, where the blobs are rows, the versions table.
            Path damaged = kind == TestStores.SQLITE ? BackupFolder.blobFilesUnder(backup.resolve("blobs")).get(2) : backup.resolve("tables/versions.copy");
            byte[] bytes = Files.readAllBytes(damaged);
            bytes[bytes.length / 2] ^= 1;
            Files.write(damaged, bytes);

            Run refused = run(target.with("restore", backup.toString()));
            assertThat(refused.status()).isEqualTo(2);
            assertThat(refused.err()).contains("is damaged", damaged.toString(), "nothing was restored");
            assertThat(target.dataDir()).doesNotExist();
            if (kind == TestStores.POSTGRESQL) assertThat(rows(target.config())).isEmpty(); // not even the schema's tables were made
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void restoring_into_a_store_that_holds_an_archive_is_refused_and_the_store_is_unchanged(TestStores kind) {
        try (Store original = Store.fresh(kind, dir.resolve("original")); Store other = Store.fresh(kind, dir.resolve("other"))) {
            archiveAndProcess(original, "amazon-web-services");
            Path backup = dir.resolve("backup");
            assertThat(run(original.with("backup", backup.toString())).status()).isZero();
            archiveAndProcess(other, "claude-ai");
            Map<String, List<String>> before = rows(other.config());
            Map<String, String> blobsBefore = blobFiles(other.dataDir());

            Run refused = run(other.with("restore", backup.toString()));
            assertThat(refused.status()).isEqualTo(2);
            assertThat(refused.err()).contains("cannot restore into " + other.config().description(), "not empty", "never over an archive");
            assertThat(rows(other.config())).isEqualTo(before);
            assertThat(blobFiles(other.dataDir())).isEqualTo(blobsBefore);
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void a_backup_taken_while_a_writer_records_versions_restores_and_verifies(TestStores kind) {
        try (Store original = Store.fresh(kind, dir.resolve("original")); Store restored = Store.fresh(kind, dir.resolve("restored"))) {
            archiveAndProcess(original, "amazon-web-services");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger recorded = new AtomicInteger();
            CompletableFuture<Void> writer;
            Path backup = dir.resolve("backup");
            try (Workspace writing = Clausewatch.open(original.config())) {
                writer = CompletableFuture.runAsync(() -> recordUntil(stop, writing, recorded));
                while (recorded.get() < 3 && !writer.isDone()) Thread.onSpinWait();
                int before = recorded.get();
                Run backedUp = run(original.with("backup", backup.toString()));
                int after = recorded.get();
                stop.set(true);
                writer.join();
                assertThat(backedUp.status()).as(backedUp.err()).isZero();
                assertThat(after).as("versions recorded while the backup ran").isGreaterThan(before);
            }

            Run restoring = run(restored.with("restore", backup.toString()));
            assertThat(restoring.status()).as(restoring.out() + restoring.err()).isZero();
            assertThat(restoring.out()).contains("intact:");
            int backedUpVersions = rows(restored.config()).get("versions").size();
            assertThat(backedUpVersions).isGreaterThan(6).isLessThan(6 + recorded.get());
        }
    }

    @org.junit.jupiter.api.Test
    void a_backup_without_its_key_restores_only_where_that_key_is_in_place() throws IOException {
        try (Store original = Store.fresh(TestStores.SQLITE, dir.resolve("original")); Store restored = Store.fresh(TestStores.SQLITE, dir.resolve("restored"))) {
            archiveAndProcess(original, "amazon-web-services");
            Path backup = dir.resolve("backup");
            assertThat(run(original.with("backup", "--without-key", backup.toString())).status()).isZero();
            assertThat(backup.resolve("keys")).doesNotExist();

            Path key = restored.dataDir().resolve("keys/ledger-ed25519.key");
            Run refused = run(restored.with("restore", backup.toString()));
            assertThat(refused.status()).isEqualTo(2);
            assertThat(refused.err()).contains("made without its log key", key.toString());
            assertThat(key).doesNotExist();

            Files.createDirectories(key.getParent());
            Files.copy(original.dataDir().resolve("keys/ledger-ed25519.key"), key);
            // the refusal left the store empty: the same restore now goes through
            Run restoring = run(restored.with("restore", backup.toString()));
            assertThat(restoring.status()).as(restoring.out() + restoring.err()).isZero();
            assertThat(rows(restored.config())).isEqualTo(rows(original.config()));
        }
    }

    /** New versions of one document, one a transaction, the log sealed every third, until told to stop. */
    private static void recordUntil(AtomicBoolean stop, Workspace writing, AtomicInteger recorded) {
        Instant day = Instant.parse("2030-01-01T00:00:00Z");
        while (!stop.get()) {
            int n = recorded.get();
            writing.archive().record(AUP, List.of(seen("Written during the backup, version " + n + ".", day.plusSeconds(86_400L * n).toString())));
            if (n % 3 == 0) writing.ledger().seal();
            recorded.incrementAndGet();
        }
    }

    /** Every table's rows (but Flyway's history, made when each store's schema was), each as text, sorted. */
    private static Map<String, List<String>> rows(StorageConfig config) {
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl()); Statement statement = connection.createStatement()) {
            Map<String, List<String>> tables = new TreeMap<>();
            for (String table : tables(connection, config.isPostgres())) {
                List<String> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery("select * from " + table)) {
                    ResultSetMetaData meta = result.getMetaData();
                    while (result.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            Object value = result.getObject(i);
                            row.append(meta.getColumnName(i)).append('=').append(value instanceof byte[] b ? HexFormat.of().formatHex(b) : value).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                tables.put(table, rows);
            }
            return tables;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> tables(Connection connection, boolean postgres) throws SQLException {
        String query = postgres ? "select tablename from pg_tables where schemaname = current_schema()"
                : "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'";
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            while (result.next()) if (!result.getString(1).equals("flyway_schema_history")) names.add(result.getString(1));
        }
        return names;
    }

    /** The blob files of a data directory: path under blobs/ to their bytes in hex. */
    private static Map<String, String> blobFiles(Path dataDir) {
        Path blobs = dataDir.resolve("blobs");
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(blobs)) return files;
        try (Stream<Path> walk = Files.walk(blobs)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) files.put(blobs.relativize(file).toString(), HexFormat.of().formatHex(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
