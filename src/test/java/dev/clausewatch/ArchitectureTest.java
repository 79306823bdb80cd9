package dev.clausewatch;

import static org.assertj.core.api.Assertions.assertThat;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import dev.clausewatch.archive.ArchiveStore;
import dev.clausewatch.change.ChangeDetector;
import dev.clausewatch.derivation.Derivation;
import dev.clausewatch.derivation.DerivedStore;
import dev.clausewatch.derivation.Derivers;
import dev.clausewatch.derivation.Processor;
import dev.clausewatch.provision.Lineage;
import dev.clausewatch.provision.ProvisionParser;
import dev.clausewatch.provision.References;
import dev.clausewatch.storage.PostgresSchemas;
import dev.clausewatch.storage.StorageConfig;
import org.junit.jupiter.api.Test;

/**
 * Data flows one way: registry → event → capture → extract → archive → provision → change → analysis →
 * derivation → search → ingest, tracking; storage and cli are edges nothing domain-side imports; web and
 * cli read derived records and never derive them.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.clausewatch");

    @Test
    void upstream_concepts_never_import_downstream_ones() {
        String[] order = {"registry", "event", "capture", "extract", "archive", "provision", "change", "knowledge", "analysis", "derivation", "check", "contradiction", "discovery", "alert",
                "account", "search", "ingest", "tracking", "export", "report", "monitoring"};
        for (int i = 0; i < order.length; i++) {
            for (int j = i + 1; j < order.length; j++) {
                noClasses().that().resideInAPackage("dev.clausewatch." + order[i] + "..")
                        .should().dependOnClassesThat().resideInAPackage("dev.clausewatch." + order[j] + "..")
                        .because(order[i] + " is upstream of " + order[j])
                        .check(CLASSES);
            }
        }
    }

    @Test
    void the_domain_knows_nothing_of_storage_or_the_command_line() {
        noClasses().that().resideInAnyPackage("dev.clausewatch.registry..", "dev.clausewatch.capture..",
                        "dev.clausewatch.archive..", "dev.clausewatch.ingest..", "dev.clausewatch.extract..", "dev.clausewatch.tracking..", "dev.clausewatch.provision..", "dev.clausewatch.change..", "dev.clausewatch.knowledge..", "dev.clausewatch.analysis..", "dev.clausewatch.search..",
                        "dev.clausewatch.event..", "dev.clausewatch.derivation..", "dev.clausewatch.alert..", "dev.clausewatch.account..",
                        "dev.clausewatch.monitoring..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.clausewatch.storage..", "dev.clausewatch.cli..",
                        "org.jdbi..", "org.flywaydb..", "picocli..", "java.sql..")
                .check(CLASSES);
    }

    @Test
    void only_the_composition_root_wires_storage_to_the_command_line() {
        noClasses().that().resideInAPackage("dev.clausewatch.cli..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.clausewatch.Clausewatch")
                .check(CLASSES);
    }

    @Test
    void the_web_only_reads_derived_records_and_never_derives_them() {
        noClasses().that().resideInAPackage("dev.clausewatch.web..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.clausewatch.storage..", "org.jdbi..", "java.sql..")
                .orShould().dependOnClassesThat().belongToAnyOf(Processor.class, Derivation.class, DerivedStore.class, Lineage.class,
                        ProvisionParser.class, ChangeDetector.class, References.class, ArchiveStore.class)
                .because("pages and the API render what the processor stored")
                .check(CLASSES);
    }

    @Test
    void the_command_line_reads_derived_records_runs_the_processor_and_opens_stores_only_by_their_configuration() {
        // The benchmark, evaluation and training commands work on corpora of files, not on the archive's records.
        noClasses().that().resideInAPackage("dev.clausewatch.cli..")
                .and().haveNameNotMatching(".*\\.(BenchCommand|PipelineBench|EvaluateCommand|ClauseCommands|HistoryCorpus|SnapshotCorpus|ChangeLabelsEvaluation)(\\$.*)?")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.clausewatch.storage..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(StorageConfig.class, PostgresSchemas.class))))
                .orShould().dependOnClassesThat().belongToAnyOf(Derivation.class, DerivedStore.class, Lineage.class, References.class,
                        ArchiveStore.class)
                .check(CLASSES);
    }

    @Test
    void derived_records_are_written_only_by_the_processor() {
        noClasses().that().doNotBelongToAnyOf(Processor.class)
                .should().callMethod(DerivedStore.class, "commit", DerivedStore.Work.class, Derivers.class, java.time.Instant.class)
                .check(CLASSES);
    }

    @Test
    void only_the_derived_store_writes_the_derived_tables() throws java.io.IOException {
        java.nio.file.Path main = java.nio.file.Path.of("src/main/java");
        try (var files = java.nio.file.Files.walk(main)) {
            java.util.List<String> writers = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return java.util.regex.Pattern.compile("(?i)(insert into|update|delete from) (derived_\\w+|derivation_heads)")
                            .matcher(java.nio.file.Files.readString(f)).find();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(f -> f.getFileName().toString()).toList();
            org.assertj.core.api.Assertions.assertThat(writers).containsExactly("JdbiDerivedStore.java");
        }
    }

    @Test
    void packages_have_no_cycles() {
        slices().matching("dev.clausewatch.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void the_product_holds_the_product_benchmarks_and_evaluations_are_built_apart() throws Exception {
        java.nio.file.Path product = java.nio.file.Path.of(dev.clausewatch.Clausewatch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (var files = java.nio.file.Files.walk(product)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .noneMatch(name -> name.matches("(BenchCommand|PipelineBench|AlertSoakBench|KillSoakBench|ExportBench|EvaluateCommand|ChangeLabelsEvaluation"
                            + "|HistoryCorpus|SnapshotCorpus|ClauseEvaluations|TopicEvaluations|AlertFeedbackEvaluation)(\\$.*)?\\.class"));
        }
        // Built from src/bench/java, they still reach the product's commands when their jar is beside it.
        assertThat(Class.forName("dev.clausewatch.cli.BenchCommand").getProtectionDomain().getCodeSource().getLocation())
                .isNotEqualTo(dev.clausewatch.Clausewatch.class.getProtectionDomain().getCodeSource().getLocation());
    }
}
