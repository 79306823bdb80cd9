package dev.clausewatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.clausewatch.TestStores;
import dev.clausewatch.alert.Plan;
import dev.clausewatch.archive.Observed;
import dev.clausewatch.archive.Provenance;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.ProvisionKind;
import dev.clausewatch.registry.DocumentId;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watching in Debian's Chromium: a person signs up, creates an organisation, is refused a provision
 * watch on the Free plan with the sentence, watches the provision from its page once the plan allows
 * it, and after a capture that changes the clause sees the alert in the organisation's history.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertsInBrowserTest {
    private static final DocumentId AUP = DocumentId.parse("amazon-web-services/acceptable-use-policy");
    private Workspace w;
    private Javalin app;
    private Playwright playwright;
    private Browser browser;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        w = TestStores.SQLITE.open(dir);
        w.importer().importPaths(List.of(Path.of("demo/ota-history/amazon-web-services")));
        w.processor().catchUp(p -> {});
        app = new WebServer(w.registry(), w.archive(), w.records(), w.analyzer())
                .withAccounts(w.accounts(), w.memberships(), w.organisationRecords()).start("127.0.0.1", 0);
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    void stop() {
        browser.close();
        playwright.close();
        app.stop();
        w.close();
    }

    @Test
    void sign_up_watch_a_provision_from_its_page_and_see_the_alert_after_a_capture() throws Exception {
        String base = "http://127.0.0.1:" + app.port();
        Provision clause = w.records().current(AUP).orElseThrow().provisions().stream()
                .filter(p -> p.kind() != ProvisionKind.HEADING && w.archive().text(w.archive().timeline(AUP).getLast().version()).contains(p.markdown()))
                .filter(p -> p.text().length() > 60).findFirst().orElseThrow();
        Page page = browser.newPage();
        page.navigate(base + "/documents/" + AUP + "/provisions/" + clause.id());
        page.click("text=Watch this provision");
        assertThat(page.url()).as("signing in first, then back").contains("/signin?then=");
        page.click("text=Sign up");
        page.fill("input[name=name]", "Ada Lovelace");
        page.fill("input[name=email]", "ada@acme.test");
        page.fill("input[name=password]", "analytical engine notes");
        page.click("button:has-text('Create the account')");
        assertThat(page.locator("p.notice").textContent()).isEqualTo("Welcome: your account is ready.");
        page.fill("input[name=id]", "acme");
        page.fill("input[name=name]", "Acme Compliance");
        page.click("button:has-text('Create')");
        assertThat(page.locator("h1").textContent()).isEqualTo("Acme Compliance");
        Chromium.shot(page, "alerts-1-organisation");

        page.navigate(base + "/documents/" + AUP + "/provisions/" + clause.id());
        page.click("text=Watch this provision");
        page.click("button:has-text('Watch')");
        assertThat(page.locator("p.notice").textContent()).as("the Free plan's refusal, on the page")
                .isEqualTo("Watching a single provision is part of the Professional plan; the Free plan watches platforms and documents.");
        Chromium.shot(page, "alerts-2-refused-on-free");

        w.notifications().organisations().changePlan("acme", Plan.PROFESSIONAL); // plans are set by an administrator
        page.navigate(base + "/documents/" + AUP + "/provisions/" + clause.id());
        page.click("text=Watch this provision");
        page.click("button:has-text('Watch')");
        assertThat(page.locator("p.notice").textContent()).isEqualTo("Watching it: changes will reach your channels.");
        assertThat(page.locator("main table").last().textContent()).contains(AUP + "#" + clause.id());
        Chromium.shot(page, "alerts-3-watchlist");

        String latest = w.archive().text(w.archive().timeline(AUP).getLast().version());
        w.archive().record(AUP, List.of(new Observed(latest.replace(clause.markdown(), clause.markdown().replaceFirst("\\.?$", ", or to train weapons targeting systems."))
                .getBytes(StandardCharsets.UTF_8), Instant.now(), false, "test", List.of(), new Provenance("test", "capture-1", Map.of()))));
        w.processor().catchUp(p -> {});
        w.notifications().run();

        page.navigate(base + "/orgs/acme/alerts");
        assertThat(page.locator("main table").last().textContent()).contains("Amazon Web Services Acceptable Use Policy: 1 substantive change");
        page.click("button:has-text('Relevant')");
        assertThat(page.locator("p.notice").textContent()).isEqualTo("Thank you: your answer is recorded.");
        Chromium.shot(page, "alerts-4-history");
        page.click("main table a:has-text('substantive change')");
        assertThat(page.content()).contains("weapons targeting systems");
    }

}
