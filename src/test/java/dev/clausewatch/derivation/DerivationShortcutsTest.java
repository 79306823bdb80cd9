package dev.clausewatch.derivation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.TestStores;
import dev.clausewatch.change.ChangeDetector;
import dev.clausewatch.change.DocumentChanges.Event;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.provision.References;
import dev.clausewatch.provision.RegisteredDocuments;
import dev.clausewatch.registry.Document;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor takes two shortcuts for speed: the change set reuses the alignment lineage made
 * for the same pair, and references are found once per distinct provision of a run. Over every
 * version of the committed demo histories (real documents, ODC-BY, see demo/ATTRIBUTION.md), what
 * it stored equals what the plain, shortcut-free calls give.
 */
class DerivationShortcutsTest {
    @TempDir Path dir;

    @Test
    void stored_change_sets_and_references_equal_those_derived_without_shortcuts() {
        try (Workspace w = TestStores.SQLITE.open(dir)) {
            w.importer().importPaths(List.of(Path.of("demo")));
            assertThat(w.processor().catchUp(p -> {}).failed()).isZero();
            ChangeDetector detector = new ChangeDetector();
            int pairs = 0, versions = 0;
            for (Document d : w.registry().documents()) {
                var resolver = new RegisteredDocuments(w.registry(), w.registry().platform(d.id().platform()));
                for (var version : w.records().history(d.id())) {
                    assertThat(w.records().references(version)).as(d.id() + " version " + version.entry().number())
                            .isEqualTo(References.in(version.provisions(), resolver, d.id()));
                    versions++;
                }
                for (Event event : w.records().events(d.id())) {
                    var fresh = detector.compare(event.before().provisions(), event.after().provisions(), event.changes().technical());
                    assertThat(event.changes()).as(d.id() + " change to " + event.after().entry().number()).isEqualTo(fresh);
                    pairs++;
                }
            }
            assertThat(versions).isGreaterThan(50);
            assertThat(pairs).isGreaterThan(30);
        }
    }
}
