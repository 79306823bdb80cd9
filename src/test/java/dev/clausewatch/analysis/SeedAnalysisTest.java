package dev.clausewatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.TestStores;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.References;
import dev.clausewatch.provision.RegisteredDocuments;
import dev.clausewatch.registry.DocumentId;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 001, the AWS Responsible AI Policy, analysed as the product's seed page expects. */
class SeedAnalysisTest {
    private static final DocumentId RAI = DocumentId.parse("amazon-web-services/responsible-ai-policy");

    @TempDir Path dir;

    @Test
    void each_prohibition_gets_its_topic_the_consequential_decisions_paragraph_its_instruments_and_the_aup_is_incorporated() {
        try (Workspace w = TestStores.SQLITE.open(dir)) {
            w.importer().importPaths(List.of(TestStores.shared("seeds/001_bd4926011f68c2e1.txt"),
                    TestStores.shared("data/ota-history/amazon-web-services")));
            w.processor().catchUp(p -> {});
            List<Provision> provisions = w.records().history(RAI).getLast().provisions();

            Map<String, String> prohibitions = Map.of(
                    "for intentional disinformation", "prohibited-use-disinformation",
                    "to violate the privacy rights of others", "privacy-tracking-identification",
                    "to depict a person", "likeness-and-voice-consent",
                    "for harm or abuse of a minor", "child-safety",
                    "to harass", "harassment",
                    "to intentionally circumvent safety filters", "safety-filter-circumvention",
                    "to perform a lethal function in a weapon", "autonomous-weapons");
            // Its topic first (the likeliest); "to depict a person" also gets privacy-tracking-identification, less sure (see EVALUATION.md).
            prohibitions.forEach((start, topic) -> assertThat(w.analyzer().topics(provision(provisions, start)))
                    .as(start).extracting(TopicMatch::topicId).first().isEqualTo(topic));

            Provision decisions = provision(provisions, "Responsible AI Requirements.");
            var references = References.in(provisions, new RegisteredDocuments(w.registry(), Optional.empty()), RAI);
            ProvisionAnalysis analysis = w.analyzer().analyze(decisions, references, id -> List.of());
            assertThat(analysis.topics()).extracting(TopicMatch::topicId).contains("consequential-decisions-oversight");
            // The few instruments that bear most, each once, the EU AI Act (Annex III, Art. 26) and the GDPR (Art. 22) among them; the rest behind "more".
            assertThat(analysis.landscape()).hasSizeLessThanOrEqualTo(5).extracting(ProvisionAnalysis.RegulatoryPoint::regulationId)
                    .doesNotHaveDuplicates().contains("eu-ai-act", "eu-gdpr");
            assertThat(analysis.landscape()).filteredOn(p -> p.regulationId().equals("eu-ai-act")).singleElement()
                    .satisfies(p -> assertThat(p.why()).contains("Annex III", "Art. 26"));
            assertThat(analysis.landscape()).filteredOn(p -> p.regulationId().equals("eu-gdpr")).singleElement()
                    .satisfies(p -> assertThat(p.why()).contains("Art. 22"));
            assertThat(analysis.moreInstruments()).isNotEmpty().doesNotContainAnyElementsOf(analysis.landscape().stream().map(ProvisionAnalysis.RegulatoryPoint::name).toList());
            // Written from the provision: what it requires of you, on its condition; exposure read from the wording.
            assertThat(analysis.meaning()).anySatisfy(m -> assertThat(m).startsWith("Requires you to evaluate the potential risks of your use case")
                    .contains("if you use the AI/ML Services to make consequential decisions"));
            assertThat(analysis.exposure().level()).isEqualTo(ProvisionAnalysis.Level.MEDIUM);
            assertThat(analysis.exposure().reasons()).anySatisfy(r -> assertThat(r).startsWith("+2 it puts a duty on you"));
            assertThat(analysis.disclaimer()).contains("not a legal determination");
            // Compliance considerations: once per instrument, with enforcement, penalties, the next date and caveats,
            // not the landscape again.
            var considerations = analysis.complianceConsiderations();
            assertThat(considerations).hasSize((int) analysis.landscape().stream().map(ProvisionAnalysis.RegulatoryPoint::regulationId).distinct().count());
            assertThat(considerations).filteredOn(c -> c.startsWith("EU AI Act (EU)")).singleElement().satisfies(c -> assertThat(c)
                    .contains("Enforced by", "Penalties:", "From 2027-12-02: Annex III").doesNotContain("confirm it against", "2026-12-02"));
            assertThat(considerations).noneMatch(c -> analysis.landscape().stream().anyMatch(p -> c.contains(p.why())));
            // Action items end with the instruments' next dates, soonest first.
            List<String> dated = analysis.actionItems().stream().filter(i -> i.startsWith("Before ")).toList();
            // The EU AI Act date is the one of the part cited (Annex III high-risk), not merely the next one.
            assertThat(dated).anySatisfy(i -> assertThat(i).startsWith("Before 2027-12-02, prepare for EU AI Act: Annex III"))
                    .anySatisfy(i -> assertThat(i).startsWith("Before 2027-01-01, prepare for Colorado AI Act"));
            assertThat(analysis.actionItems()).contains("Determine whether it applies to you: 'If you use the AI/ML Services to make consequential decisions'");
            assertThat(dated).extracting(i -> i.substring(7, 17)).isSorted();
            assertThat(analysis.knowledgeAsOf()).contains("2026-11-22");

            Provision supplements = provision(provisions, "This AWS Responsible AI Policy");
            ProvisionAnalysis incorporation = w.analyzer().analyze(supplements, references,
                    id -> id.equals(DocumentId.parse("amazon-web-services/acceptable-use-policy"))
                            ? w.records().history(id).getLast().provisions() : List.of());
            assertThat(incorporation.incorporations()).extracting(ProvisionAnalysis.Incorporation::target)
                    .contains("amazon-web-services/acceptable-use-policy");
            assertThat(incorporation.interpretiveNote()).contains("amazon-web-services/acceptable-use-policy", "not reproduced");
            assertThat(incorporation.exposure().reasons()).anySatisfy(r -> assertThat(r).contains("part of amazon-web-services/acceptable-use-policy"));
            assertThat(incorporation.meaning()).as("the policy supplements the AUP: it is part of the AUP's rules, not the reverse")
                    .anySatisfy(m -> assertThat(m).startsWith("This document becomes part of the rules of amazon-web-services/acceptable-use-policy"));
        }
    }

    private static Provision provision(List<Provision> provisions, String start) {
        return provisions.stream().filter(p -> p.text().startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no provision starts with \"" + start + "\""));
    }
}
