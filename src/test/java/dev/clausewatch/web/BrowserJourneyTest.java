package dev.clausewatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
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
    private Workspace workspace;
    private Javalin app;
    private Playwright playwright;
    private Browser browser;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        workspace = TestStores.SQLITE.open(dir);
        workspace.importer().importPaths(List.of(TestStores.shared("data/ota-history/chatgpt/terms-of-service"),
                TestStores.shared("seeds/001_bd4926011f68c2e1.txt")));
        workspace.processor().catchUp(p -> {});
        app = new WebServer(workspace.registry(), workspace.archive(), workspace.records(), workspace.analyzer()).start("127.0.0.1", 0);
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
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
        Chromium.shot(page, "1-home");
        assertReadable(page);
        page.click("main table a:has-text('ChatGPT')");
        assertThat(page.locator("h1").textContent()).isEqualTo("ChatGPT");
        // Substantive changes by default (the demo's one cosmetic change is counted and one click away).
        // One mark per change, or one numbered mark for changes too close together to draw apart.
        int drawn = page.locator("svg.timeline circle.mark").count() - page.locator("svg.timeline text.count").count()
                + page.locator("svg.timeline text.count").allTextContents().stream().mapToInt(Integer::parseInt).sum();
        assertThat(drawn).isEqualTo(page.locator("main ol > li").count()).isEqualTo(4);
        assertThat(page.locator("text=Show every change").count()).isEqualTo(1);
        Chromium.shot(page, "1b-platform-timeline");
        assertReadable(page);
        page.click("main table a:has-text('Terms of Service')");
        assertThat(page.locator("h1").textContent()).isEqualTo("ChatGPT Terms of Service");
        assertReadable(page);

        page.fill("#at", "2025-12-01");
        page.click("button:has-text('Show')");
        assertThat(page.content()).contains("Version 1 of 6");
        Chromium.shot(page, "2-document-in-force-2025-12-01");

        page.navigate("http://127.0.0.1:" + app.port() + "/documents/chatgpt/terms-of-service/changes?from=1&to=6");
        int allRows = page.locator("tbody tr").count();
        page.check("#substantive");
        page.click("button:has-text('Compare')");
        int substantiveRows = page.locator("tbody tr").count();
        assertThat(substantiveRows).isPositive().isLessThan(allRows);
        assertThat(page.locator("tr.cosmetic").count()).isZero();
        Chromium.shot(page, "3-change-substantive-only");
        assertReadable(page);

        // The version pickers make the shareable URL of any pair.
        page.selectOption("#from", "5");
        page.selectOption("#to", "6");
        page.click("button:has-text('Compare')");
        assertThat(page.url()).endsWith("/documents/chatgpt/terms-of-service/changes?from=5&to=6&substantive=on");
        assertThat(page.locator("main p").first().textContent()).startsWith("Version 5 → version 6: cosmetic.").contains("Provisions: 1 modified.");
        assertThat(page.locator("main").textContent()).contains("No substantive change between these versions.");
        Chromium.shot(page, "3b-change-picked-versions");

        page.navigate("http://127.0.0.1:" + app.port() + "/documents/amazon-web-services/responsible-ai-policy");
        page.click("article.text .provision:has-text('Responsible AI Requirements') a.anchor");
        assertThat(page.locator("main > blockquote").textContent()).contains("consequential decisions");
        assertThat(page.content()).contains("Governance exposure", "Regulatory landscape", "Action items");
        page.keyboard().press("Tab");
        assertThat(page.evaluate("document.activeElement.textContent")).isEqualTo("Skip to content");
        Chromium.shot(page, "4-provision-analysis");
        assertReadable(page);
        assertThat(page.locator("h2:has-text('How other platforms handle this') + p, ul.peers li").count()).isPositive();

        page.click("main a[href^='/topics/']");
        assertThat(page.url()).contains("/topics/");
        assertThat(page.locator("tbody tr").count()).isGreaterThan(1);
        assertThat(page.locator("main").textContent()).contains("Amazon Web Services", "ChatGPT");
        Chromium.shot(page, "5-topic-comparison");
        assertReadable(page);

        page.navigate("http://127.0.0.1:" + app.port() + "/");
        page.fill("#q", "consequential decisions");
        page.press("#q", "Enter");
        assertThat(page.locator("main h2").textContent()).endsWith("found");
        Chromium.shot(page, "6-search");
        assertReadable(page);
        page.click("main ol li a >> nth=0");
        assertThat(page.locator("main > blockquote").textContent()).contains("consequential decisions");
    }

    @Test
    void the_document_page_reads_as_text_not_as_a_wall_of_links() throws Exception {
        Page page = browser.newPage();
        page.navigate("http://127.0.0.1:" + app.port() + "/documents/chatgpt/terms-of-service");
        // Characters of the main element's text: inside links, and drawn in the links' colour (the site nav's).
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) page.evaluate("""
                () => {
                  const linkColour = getComputedStyle(document.querySelector('header nav a')).color;
                  const main = document.querySelector('main');
                  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
                  let total = 0, linked = 0, coloured = 0;
                  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                    const chars = n.textContent.replace(/\\s+/g, '').length;
                    if (!chars || !n.parentElement.getClientRects().length) continue;
                    total += chars;
                    if (n.parentElement.closest('a')) linked += chars;
                    if (getComputedStyle(n.parentElement).color === linkColour) coloured += chars;
                  }
                  return {total, linked, coloured};
                }
                """);
        double total = ((Number) counts.get("total")).doubleValue();
        assertThat(total).isGreaterThan(10_000);
        // Inside links: the ¶ anchors, the topic badges (drawn in ink) and the lists after the text; the provisions' words are not.
        assertThat(((Number) counts.get("linked")).doubleValue() / total).as("share of the text inside links: " + counts).isLessThan(0.2);
        assertThat(((Number) counts.get("coloured")).doubleValue() / total).as("share of the text in the links' colour: " + counts).isLessThan(0.05);
        // Each provision keeps its way to its analysis: a ¶ with a name a screen reader says.
        var anchor = page.locator("article.text a.anchor").first();
        assertThat(anchor.getAttribute("aria-label")).matches("Provision p[0-9a-f]{11} — its analysis");
        assertThat(page.locator("article.text a.anchor").count()).isEqualTo(page.locator("article.text .provision").count());
        assertReadable(page);
        Files.createDirectories(SCREENSHOTS);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("document-page.png")).setFullPage(true));
        assertThat(SCREENSHOTS.resolve("document-page.png")).isNotEmptyFile();
        anchor.click();
        assertThat(page.url()).contains("/documents/chatgpt/terms-of-service/provisions/p");
    }

    /** The screenshots kept as artifacts of the build for people to look at (the journey's stay in target/test-artifacts/). */
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /**
     * WCAG 2.1 contrast, measured in the browser on what it rendered: every element with text of its
     * own, its computed colour against the first opaque background behind it, at least 4.5:1 (3:1 for
     * large text). Also checks that keyboard focus is visible: a focused link gets an outline.
     */
    private static void assertReadable(Page page) {
        @SuppressWarnings("unchecked")
        List<String> failures = (List<String>) page.evaluate(CONTRAST);
        assertThat(failures).as("text below the WCAG AA contrast on " + page.url()).isEmpty();
        Object outline = page.evaluate("() => { const a = document.querySelector('main a, main button, main input, main select');"
                + " if (!a) return 'nothing focusable'; a.focus(); return getComputedStyle(a).outlineStyle; }");
        assertThat(outline).as("focus outline on " + page.url()).isNotIn("none", "nothing focusable");
    }

    private static final String CONTRAST = """
            () => {
              const rgba = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return [0, 0, 0, 0];
                const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
              const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
              const background = el => { for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor);
                if (c[3] > 0.5) return c; } return [255, 255, 255, 1]; };
              const failures = [];
              for (const el of document.body.querySelectorAll('*')) {
                const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
                const style = getComputedStyle(el);
                if (!own || style.visibility === 'hidden' || style.display === 'none' || el.getClientRects().length === 0) continue;
                const rect = el.getBoundingClientRect();
                if (rect.right < 0 || rect.bottom < 0) continue; // moved off screen, like the skip link until focused
                const fg = rgba(style.fill && el instanceof SVGElement ? style.fill : style.color), bg = background(el);
                const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a);
                const ratio = (l1 + 0.05) / (l2 + 0.05);
                const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
                const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
                if (ratio < needed) failures.push(el.tagName + ' "' + el.textContent.trim().slice(0, 40) + '" ' + ratio.toFixed(2) + ':1');
              }
              return failures;
            }
            """;

}
