package dev.clausewatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.clausewatch.TestStores;
import dev.clausewatch.cli.Workspace;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person's path through the app in Debian's Chromium: home → document → version in force on a
 * date → what changed → substantive only → a provision's analysis. Screenshots are kept in
 * target/test-artifacts/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserJourneyTest {
    private static final Path ARTIFACTS = Path.of("target", "test-artifacts");
    private Workspace workspace;
    private Javalin app;
    private Playwright playwright;
    private Browser browser;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        workspace = TestStores.SQLITE.open(dir);
        workspace.importer().importPaths(List.of(TestStores.shared("data/ota-history/chatgpt/terms-of-service"),
                TestStores.shared("seeds/001_bd4926011f68c2e1.txt")));
        app = new WebServer(workspace.registry(), workspace.archive(), workspace.changes(), workspace.analyzer()).start("127.0.0.1", 0);
        Files.createDirectories(ARTIFACTS);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(Path.of("/usr/bin/chromium")).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run")));
    }

    @AfterAll
    void stop() {
        browser.close();
        playwright.close();
        app.stop();
        workspace.close();
    }

    @Test
    void from_home_to_a_substantive_change_and_a_provisions_analysis() {
        Page page = browser.newPage();
        page.navigate("http://127.0.0.1:" + app.port() + "/");
        shot(page, "1-home");
        page.click("text=Terms of Service");
        assertThat(page.locator("h1").textContent()).isEqualTo("ChatGPT Terms of Service");

        page.fill("#at", "2025-12-01");
        page.click("button:has-text('Show')");
        assertThat(page.content()).contains("Version 1 of 6");
        shot(page, "2-document-in-force-2025-12-01");

        page.navigate("http://127.0.0.1:" + app.port() + "/documents/chatgpt/terms-of-service/changes?from=1&to=6");
        int allRows = page.locator("tbody tr").count();
        page.check("#substantive");
        page.click("button:has-text('Compare')");
        int substantiveRows = page.locator("tbody tr").count();
        assertThat(substantiveRows).isPositive().isLessThan(allRows);
        assertThat(page.locator("tr.cosmetic").count()).isZero();
        shot(page, "3-change-substantive-only");

        // The version pickers make the shareable URL of any pair.
        page.selectOption("#from", "5");
        page.selectOption("#to", "6");
        page.click("button:has-text('Compare')");
        assertThat(page.url()).endsWith("/documents/chatgpt/terms-of-service/changes?from=5&to=6&substantive=on");
        assertThat(page.locator("main p").first().textContent()).startsWith("Version 5 → version 6: cosmetic.").contains("Provisions: 1 modified.");
        assertThat(page.locator("main").textContent()).contains("No substantive change between these versions.");
        shot(page, "3b-change-picked-versions");

        page.navigate("http://127.0.0.1:" + app.port() + "/documents/amazon-web-services/responsible-ai-policy");
        page.click("text=Responsible AI Requirements");
        assertThat(page.locator("blockquote").textContent()).contains("consequential decisions");
        assertThat(page.content()).contains("Governance exposure", "Regulatory landscape", "Action items");
        page.keyboard().press("Tab");
        assertThat(page.evaluate("document.activeElement.textContent")).isEqualTo("Skip to content");
        shot(page, "4-provision-analysis");

        page.click("main a[href^='/topics/']");
        assertThat(page.url()).contains("/topics/");
        assertThat(page.locator("tbody tr").count()).isGreaterThan(1);
        assertThat(page.locator("main").textContent()).contains("amazon-web-services", "chatgpt");
        shot(page, "5-topic-comparison");

        page.navigate("http://127.0.0.1:" + app.port() + "/");
        page.fill("#q", "consequential decisions");
        page.press("#q", "Enter");
        assertThat(page.locator("main h2").textContent()).endsWith("found");
        shot(page, "6-search");
        page.click("main ol li a >> nth=0");
        assertThat(page.locator("blockquote").textContent()).contains("consequential decisions");
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve(name + ".png")).setFullPage(true));
        assertThat(ARTIFACTS.resolve(name + ".png")).exists();
    }
}
