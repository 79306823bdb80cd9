package dev.clausewatch.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clausewatch.TestStores;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.PlatformId;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {
    private static final URI TERMS = URI.create("https://acme.example/policies/terms-of-use/");

    @Test
    void undeclared_policies_on_the_platforms_own_sites_are_proposed_once_whatever_their_language_and_history_is_not() {
        String html = """
                <main><p>See our <a href="/policies/usage-policies">Usage Policies</a> and the
                <a href="https://acme.example/policies/terms-of-use">Terms of Use</a> (also <a href="/fr/policies/terms-of-use">en français</a>).</p>
                <p><a href="/policies/terms-of-use/revisions/2024-01-01">Previous version</a> ·
                <a href="https://regulator.example/privacy-rules">the regulator's privacy rules</a> ·
                <a href="/de/guidelines">Deutsch</a> <a href="/fr/guidelines">Français</a> ·
                <a href="https://help.acme.example/model-card">Model Card</a> · <a href="/pricing">Pricing</a> ·
                <a href="mailto:legal@acme.example">legal</a></p>
                <footer><a href="/policies">All policies</a> <a href="https://help.acme.example/how-we-use-data">How we use data: privacy</a>
                <a href="https://help.acme.example/community-guidelines">Community Guidelines</a> <a href="https://go.acme.example/fwlink">privacy</a>
                <a href="https://www.acme.example/policies/terms-of-use">Terms</a> <a href="https://privacy@acme.example">privacy</a></footer></main>""";
        List<Proposal> proposals = Discovery.propose("acme", List.of(TERMS), List.of(new Discovery.Page("acme/terms-of-service", TERMS, html, true)));
        // Not proposed: the hub of policies, a help article about privacy, a redirector, the declared terms under www., a mail address as a link.
        assertThat(proposals).extracting(p -> p.url().toString()).containsExactly("https://acme.example/policies/usage-policies",
                "https://acme.example/de/guidelines", "https://help.acme.example/model-card", "https://help.acme.example/community-guidelines");
        assertThat(proposals.getFirst().linkTexts()).containsExactly("Usage Policies");
        assertThat(proposals.getFirst().foundOn()).containsExactly("acme/terms-of-service");
        assertThat(proposals.get(1).linkTexts()).as("one proposal for the guidelines in two languages").containsExactly("Deutsch", "Français");
    }

    @Test
    void links_kept_in_an_archived_version_are_read_too_and_an_accepted_proposal_is_declared_not_captured(@TempDir Path dir) {
        try (Workspace w = TestStores.SQLITE.open(dir)) {
            w.importer().importPaths(List.of(Path.of("demo/ota-history/amazon-web-services"), Path.of("demo/clipped")));
            w.processor().catchUp(p -> {});
            ArchiveDiscovery discovery = new ArchiveDiscovery(w.registry(), w.archive());
            List<Proposal> proposals = discovery.proposals(new PlatformId("amazon-web-services"));
            // The demo imports the AUP's versions without its declaration: its address is proposed too, to be declared.
            assertThat(proposals).extracting(p -> p.url().toString()).containsExactlyInAnyOrder("https://aws.amazon.com/service-terms", "https://aws.amazon.com/aup");
            assertThat(proposals).extracting(p -> p.suggestedType().orElse("")).containsExactlyInAnyOrder("Service Terms", "Acceptable Use Policy");
            Proposal serviceTerms = proposals.stream().filter(p -> p.url().toString().equals("https://aws.amazon.com/service-terms")).findFirst().orElseThrow();
            assertThat(serviceTerms.foundOn()).anyMatch(f -> f.startsWith("amazon-web-services/responsible-ai-policy"));

            DocumentId accepted = discovery.accept(new PlatformId("amazon-web-services"), "Service Terms", serviceTerms.url());
            assertThat(w.registry().declarations(accepted)).singleElement()
                    .satisfies(d -> assertThat(d.sources().getFirst().location()).isEqualTo(serviceTerms.url()));
            assertThat(w.archive().timeline(accepted)).as("accepting declares; nothing is captured").isEmpty();
            assertThat(discovery.proposals(new PlatformId("amazon-web-services"))).extracting(p -> p.url().toString())
                    .doesNotContain("https://aws.amazon.com/service-terms");
            assertThatThrownBy(() -> discovery.accept(new PlatformId("amazon-web-services"), "Service Terms", URI.create("https://aws.amazon.com/other")))
                    .hasMessageContaining("already declared");
            assertThatThrownBy(() -> discovery.proposals(new PlatformId("nobody"))).hasMessageContaining("\"nobody\" is not in the registry");
        }
    }
}
