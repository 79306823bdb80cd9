package dev.clausewatch.derivation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.Clausewatch;
import dev.clausewatch.TestStores;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.storage.PostgresSchemas;
import dev.clausewatch.storage.StorageConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes on one PostgreSQL share a backlog through claims with leases. One of three is
 * killed with SIGKILL while it holds a document; the two others take over once its lease runs
 * out, and the derived records and events equal, row for row, those of a single process.
 */
class SharedProcessingTest {
    /** The demo dataset (real histories, ODC-BY, see demo/ATTRIBUTION.md): committed, so this runs on a fresh clone. */
    private static final Path DEMO = Path.of("demo");

    private static final List<String> DUMPS = List.of(
            "select document_id, lineage_key, deriver, number, content_sha256, previous_key, effective_date, provisions, refs from derived_versions",
            "select document_id, to_key, deriver, from_key, number, substantive, substantive_count, technical, observed_at, change_set from derived_changes",
            "select document_id, lineage_key, deriver, target_document_id, provision_id, binding from derived_references",
            "select text_sha256, deriver, topics from derived_texts",
            "select id, type, document_id, payload from events where type not in ('VersionRecorded', 'TimelineReordered')",
            "select document_id, head_key, deriver, claimed_by from derivation_heads");

    @TempDir Path single;
    @TempDir Path shared;

    @Test
    void three_processes_one_killed_midway_derive_exactly_what_one_process_derives() throws Exception {
        try (var one = PostgresSchemas.create(TestStores.PG_URL, "cw_single"); var three = PostgresSchemas.create(TestStores.PG_URL, "cw_shared")) {
            importWithoutProcessing(single, one.url());
            importWithoutProcessing(shared, three.url());
            try (Workspace w = Clausewatch.open(new StorageConfig(single, Optional.of(one.url())))) {
                assertThat(w.processor().catchUp(p -> {}).failed()).isZero();
            }

            List<Process> workers = new ArrayList<>();
            for (int i = 0; i < 3; i++) workers.add(process(shared, three.url(), i));
            Process victim = workers.getFirst();
            assertThat(waitUntilHolding(three.url(), victim.pid(), Duration.ofMinutes(3)))
                    .as("the first worker claimed a document before it was killed").isTrue();
            victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            for (Process survivor : workers.subList(1, 3)) {
                assertThat(survivor.waitFor(6, TimeUnit.MINUTES)).as(() -> "survivors finish; their logs end:\n" + logTails(shared)).isTrue();
                assertThat(survivor.exitValue()).isZero();
            }

            for (String dump : DUMPS) {
                assertThat(rows(three.url(), dump)).as(dump).isNotEmpty().containsExactlyElementsOf(rows(one.url(), dump));
            }
            assertThat(rows(three.url(), "select count(*) from events where type = 'ChangeDetected'"))
                    .as("every change announced exactly once")
                    .isEqualTo(rows(three.url(), "select count(*) from derived_changes"));
        }
    }

    private static void importWithoutProcessing(Path dataDir, String url) {
        try (Workspace w = Clausewatch.open(new StorageConfig(dataDir, Optional.of(url)))) {
            assertThat(w.importer().importPaths(List.of(DEMO)).versionsAdded()).isGreaterThan(50);
        }
    }

    private static Process process(Path dataDir, String url, int n) throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx600m", "-cp", System.getProperty("java.class.path"),
                Clausewatch.class.getName(), "--data-dir", dataDir.toString(), "--db-url", url, "process", "--lease", "3", "--json")
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("worker-" + n + ".log").toFile()).start();
    }

    /** The last lines each worker wrote, for a failure to say what the workers were doing. */
    private static String logTails(Path dataDir) {
        StringBuilder tails = new StringBuilder();
        for (int n = 0; n < 3; n++) {
            try {
                List<String> lines = java.nio.file.Files.readAllLines(dataDir.resolve("worker-" + n + ".log"));
                tails.append("worker ").append(n).append(":\n").append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()))).append('\n');
            } catch (java.io.IOException e) {
                tails.append("worker ").append(n).append(": no log (").append(e.getMessage()).append(")\n");
            }
        }
        return tails.toString();
    }

    /** Whether the process with this pid holds a claim (worker names are host/pid/random), polled until the deadline. */
    private static boolean waitUntilHolding(String url, long pid, Duration patience) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (!rows(url, "select document_id from derivation_heads where claimed_by like '%/" + pid + "/%'").isEmpty()
                    && !rows(url, "select document_id from derivation_heads where derived_at is not null").isEmpty()) return true;
            Thread.sleep(20);
        }
        return false;
    }

    private static List<String> rows(String url, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) row.append(rs.getString(i)).append('\u001f');
                rows.add(row.toString());
            }
        }
        rows.sort(null); // the same rows in the same order, whatever order the workers wrote them in
        return rows;
    }
}
