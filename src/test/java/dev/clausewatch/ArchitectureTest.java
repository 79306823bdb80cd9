package dev.clausewatch;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Data flows one way: registry → capture → extract → archive → ingest, tracking; storage and cli are edges nothing domain-side imports. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.clausewatch");

    @Test
    void upstream_concepts_never_import_downstream_ones() {
        String[] order = {"registry", "capture", "extract", "archive", "provision", "change", "knowledge", "analysis", "search", "ingest", "tracking"};
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
                        "dev.clausewatch.archive..", "dev.clausewatch.ingest..", "dev.clausewatch.extract..", "dev.clausewatch.tracking..", "dev.clausewatch.provision..", "dev.clausewatch.change..", "dev.clausewatch.knowledge..", "dev.clausewatch.analysis..", "dev.clausewatch.search..")
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
    void packages_have_no_cycles() {
        slices().matching("dev.clausewatch.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
