package dev.clausewatch.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.TestStores;
import dev.clausewatch.change.ChangeDetector;
import dev.clausewatch.change.ChangeSet;
import dev.clausewatch.change.DocumentChanges;
import dev.clausewatch.change.ProvisionChange;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.DocumentId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provisions, identity, dates, references and changes on the real histories of ../shared/data. */
class ProvisionsOfRealDocumentsTest {
    private final ProvisionParser parser = new ProvisionParser();

    @TempDir Path dir;

    @Test
    void the_seed_policy_states_its_date_and_incorporates_the_aup_and_the_service_terms() throws Exception {
        String body = Files.readString(TestStores.shared("seeds/001_bd4926011f68c2e1.txt")).replaceFirst("(?s)\\A---.*?\\n---\\n", "");
        List<Provision> provisions = parser.parse(body);

        EffectiveDate date = EffectiveDate.in(provisions).orElseThrow();
        assertThat(date.date()).isEqualTo(LocalDate.of(2023, 9, 28));
        assertThat(date.quote()).isEqualTo("Last Updated: September 28, 2023");

        List<Reference> references = References.in(provisions, (url, name) -> Optional.empty());
        assertThat(references).filteredOn(r -> r.name().equals("AWS Acceptable Use Policy")).first().satisfies(r -> {
            assertThat(r.url()).contains("https://aws.amazon.com/aup/");
            assertThat(r.binding()).as("\"This Policy supplements the AWS Acceptable Use Policy\"").isTrue();
            assertThat(r.partOfTarget()).as("the policy is part of the AUP's rules, not the reverse").isTrue();
            assertThat(r.relation()).isEqualTo("is part of");
            assertThat(r.sentence()).startsWith("This Policy supplements the AWS Acceptable Use Policy and AWS Service Terms");
        });
        assertThat(references).filteredOn(r -> r.name().equals("AWS Service Terms"))
                .singleElement().satisfies(r -> {
                    assertThat(r.url()).contains("https://aws.amazon.com/service-terms/");
                    assertThat(r.binding()).isTrue();
                });
        // "…as noted in the AWS Acceptable Use Policy" only points the reader there.
        assertThat(references).anySatisfy(r -> {
            assertThat(r.sentence()).startsWith("AWS may investigate and enforce violations");
            assertThat(r.binding()).isFalse();
        });
    }

    @Test
    void the_aws_aup_prohibition_keeps_one_id_from_2021_to_2026() throws Exception {
        // The lead-in of AWS's list of prohibited uses is the provision a compliance team tracks; around it
        // the list grew and the date line changed five times.
        List<List<Provision>> history = lineage(TestStores.shared("data/ota-history/amazon-web-services/acceptable-use-policy"));
        assertThat(history).hasSize(6);
        List<String> ids = new ArrayList<>();
        for (List<Provision> version : history) {
            ids.add(version.stream().filter(p -> p.text().startsWith("You may not use, or facilitate or allow others to use, the Services"))
                    .findFirst().orElseThrow().id());
        }
        assertThat(ids).containsOnly(ids.getFirst());
    }

    @Test
    void facebooks_minimum_age_rule_keeps_its_id_from_the_2010s_wording_to_the_2020s_one() throws Exception {
        // Facebook's ban on users under 13 is a provision researchers follow through the PGA and OTA archives:
        // "You will not use Facebook if you are under 13." became "You are under 13 years old." as the list was rewritten.
        try (Workspace w = TestStores.SQLITE.open(dir)) {
            // Both archives' whole Facebook histories (4.6 MB): run only beside the whole shared data.
            w.importer().importPaths(List.of(TestStores.wholeShared("data/pga-v1-history/facebook/terms-of-service"),
                    TestStores.wholeShared("data/ota-history/facebook/terms-of-service")));
            w.processor().catchUp(p -> {});
            List<DocumentChanges.VersionProvisions> history = w.records().history(DocumentId.parse("facebook/terms-of-service"));
            String early = idOf(history, "2012", "You will not use Facebook if you are under 13.");
            String late = idOf(history, "2026", "You are under 13 years old.");
            assertThat(late).isEqualTo(early);
        }
    }

    @Test
    void xs_2023_addition_on_training_ai_models_is_a_substantive_change_quoted_in_full() throws Exception {
        Path folder = TestStores.shared("data/ota-history/twitter/privacy-policy");
        JsonNode manifest = new ObjectMapper().readTree(folder.resolve("manifest.json").toFile());
        List<String> files = new ArrayList<>();
        manifest.get("versions").forEach(v -> files.add(v.get("file").asText()));
        int added = files.indexOf("2023-08-23T03-41-34Z_193f9b0.md");
        String before = Files.readString(folder.resolve(files.get(added - 1))), after = Files.readString(folder.resolve(files.get(added)));
        assertThat(before).doesNotContain("train our machine learning");

        ChangeSet changes = new ChangeDetector().compare(parser.parse(before), parser.parse(after), false);
        String sentence = "We may use the information we collect and publicly available information to help train our machine learning "
                + "or artificial intelligence models for the purposes outlined in this policy.";
        assertThat(changes.substantive()).isTrue();
        assertThat(changes.substantiveChanges()).anySatisfy(change -> assertThat(quotes(change)).contains(sentence));
    }

    private static List<String> quotes(ProvisionChange change) {
        List<String> quotes = new ArrayList<>();
        change.after().ifPresent(p -> quotes.add(p.text()));
        change.edits().forEach(e -> quotes.add(e.inserted()));
        return quotes.stream().filter(q -> q.contains("machine learning")).map(q -> q.substring(q.indexOf("We may use"))).toList();
    }

    private static String idOf(List<DocumentChanges.VersionProvisions> history, String year, String text) {
        return history.stream().filter(v -> v.entry().firstObservedAt().toString().startsWith(year))
                .flatMap(v -> v.provisions().stream()).filter(p -> p.text().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no provision \"" + text + "\" in a " + year + " version")).id();
    }

    private List<List<Provision>> lineage(Path folder) throws Exception {
        JsonNode manifest = new ObjectMapper().readTree(folder.resolve("manifest.json").toFile());
        List<Lineage.VersionText> versions = new ArrayList<>();
        for (JsonNode v : manifest.get("versions")) {
            versions.add(new Lineage.VersionText(v.get("sha256").asText(), Files.readString(folder.resolve(v.get("file").asText()))));
        }
        return new Lineage(parser).of(folder.toString(), versions);
    }
}
