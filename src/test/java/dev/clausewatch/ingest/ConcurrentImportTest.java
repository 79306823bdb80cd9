package dev.clausewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.Clausewatch;
import dev.clausewatch.TestStores;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.Document;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two imports of the same real data at once, through two separate connections pools, end with one copy. */
class ConcurrentImportTest {
    private static final List<Path> DATA = List.of(
            TestStores.shared("data/ota-history/claude-ai"), TestStores.shared("data/ota-history/amazon-web-services"),
            TestStores.shared("data/pga-v1-history/instagram"));

    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void two_simultaneous_imports_store_everything_exactly_once(TestStores store) {
        try (Workspace first = store.open(dir);
             Workspace second = Clausewatch.open(TestStores.sameStore(first, dir))) {
            var a = CompletableFuture.supplyAsync(() -> first.importer().importPaths(DATA));
            var b = CompletableFuture.supplyAsync(() -> second.importer().importPaths(DATA));
            ImportReport one = a.join(), two = b.join();

            int observations = one.observationsAdded() + two.observationsAdded();
            int alreadyThere = one.alreadyArchived() + two.alreadyArchived();
            assertThat(observations).isEqualTo(alreadyThere);
            assertThat(one.versionsAdded() + two.versionsAdded()).isEqualTo(countVersions(first));

            ImportReport afterwards = first.importer().importPaths(DATA);
            assertThat(afterwards.observationsAdded()).isZero();
            assertThat(afterwards.alreadyArchived()).isEqualTo(observations);
            assertThat(first.verifier().verify().findings()).isEmpty();
        }
    }

    private static int countVersions(Workspace w) {
        int versions = 0;
        for (Document d : w.registry().documents()) versions += w.archive().timeline(d.id()).size();
        return versions;
    }
}
