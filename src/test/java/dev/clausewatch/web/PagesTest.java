package dev.clausewatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.TestStores;
import dev.clausewatch.cli.Workspace;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The server-rendered pages on a real server (port 0) over real archived documents. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private Workspace workspace;
    private Javalin app;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path clip = dir.resolve("clip.md");
        Files.writeString(clip, Files.readString(TestStores.shared("seeds/001_bd4926011f68c2e1.txt"))
                .replace("for intentional disinformation or deception;", "for intentional disinformation or deception `<script>alert(1)</script>`;"));
        workspace = TestStores.SQLITE.open(dir);
        workspace.importer().importPaths(List.of(TestStores.shared("data/ota-history/chatgpt"), clip));
        app = new WebServer(workspace.registry(), workspace.archive(), workspace.changes(), workspace.analyzer()).start("127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
        app.stop();
        workspace.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void home_lists_platforms_with_links_to_their_documents_and_sends_security_headers() throws Exception {
        var home = get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(home.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'", "default-src 'none'");
        assertThat(home.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(home.body()).contains("<main id=\"content\">", "href=\"/documents/chatgpt/terms-of-service\"", "lang=\"en\"")
                .doesNotContain("<script");
        Matcher css = Pattern.compile("href=\"(/static/app-[0-9a-f]{12}\\.css)\"").matcher(home.body());
        assertThat(css.find()).isTrue();
        var stylesheet = get(css.group(1));
        assertThat(stylesheet.headers().firstValue("Cache-Control").orElse("")).contains("immutable");
        assertThat(stylesheet.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
    }

    @Test
    void a_document_page_shows_provisions_history_and_the_version_in_force_on_a_date() throws Exception {
        var page = get("/documents/chatgpt/terms-of-service?at=2025-12-01");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Version 1 of 6", "<label for=\"at\">", "what changed", "value=\"2025-12-01\"");
    }

    @Test
    void a_platform_page_counts_substantive_and_cosmetic_changes_and_lists_its_timeline() throws Exception {
        var page = get("/platforms/chatgpt");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>ChatGPT</h1>", "Governance timeline", "href=\"/documents/chatgpt/terms-of-service/changes?from=5&amp;to=6\"");
        assertThat(get("/methodology").body()).contains("<h1>Methodology</h1>", "not a legal determination");
        assertThat(get("/platforms/nobody").statusCode()).isEqualTo(404);
    }

    @Test
    void atom_feeds_of_a_document_and_a_platform_read_with_a_real_feed_parser() throws Exception {
        for (String path : List.of("/feeds/documents/chatgpt/terms-of-service.atom", "/feeds/platforms/chatgpt.atom")) {
            var response = get(path);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/atom+xml");
            var feed = new com.rometools.rome.io.SyndFeedInput().build(new java.io.StringReader(response.body()));
            assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
            // The terms of service have six versions, so five changes; the platform feed adds the other ChatGPT documents'.
            assertThat(feed.getEntries()).extracting(e -> e.getLink()).filteredOn(l -> l.contains("/terms-of-service/")).hasSize(5);
            assertThat(feed.getEntries()).extracting(e -> e.getLink()).anySatisfy(l -> assertThat(l).endsWith("/documents/chatgpt/terms-of-service/changes?from=5&to=6"));
            assertThat(feed.getEntries()).anySatisfy(e -> assertThat(e.getTitle()).contains("substantive changes"));
            assertThat(feed.getEntries()).extracting(e -> e.getUpdatedDate()).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        }
    }

    @Test
    void a_topic_feed_lists_only_substantive_changes_touching_that_topic() throws Exception {
        var response = get("/feeds/topics/ai-training-on-user-content.atom");
        assertThat(response.statusCode()).isEqualTo(200);
        var feed = new com.rometools.rome.io.SyndFeedInput().build(new java.io.StringReader(response.body()));
        assertThat(feed.getTitle()).startsWith("Use of user inputs, outputs or content to train or improve models");
        assertThat(feed.getEntries()).isNotEmpty().allSatisfy(e -> assertThat(e.getTitle())
                .contains("substantive changes on Use of user inputs, outputs or content to train or improve models"));
        // Every entry's change really has a substantive provision change on the topic, checked against the API.
        for (var entry : feed.getEntries()) {
            String path = java.net.URI.create(entry.getLink()).getRawPath().replace("/documents/", "/api/v1/documents/");
            var api = get(path + "?" + java.net.URI.create(entry.getLink()).getRawQuery());
            assertThat(api.statusCode()).isEqualTo(200);
            assertThat(api.body()).contains("\"substantive\":true");
        }
        assertThat(get("/feeds/topics/no-such-topic.atom").statusCode()).isEqualTo(404);
        assertThat(get("/topics/ai-training-on-user-content").body()).contains("href=\"/feeds/topics/ai-training-on-user-content.atom\"");
        assertThat(get("/documents/chatgpt/terms-of-service").body()).contains("href=\"/feeds/documents/chatgpt/terms-of-service.atom\"");
    }

    @Test
    void the_topic_comparison_page_names_each_platform_with_its_stance() throws Exception {
        var page = get("/topics/ai-training-on-user-content");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Use of user inputs, outputs or content to train or improve models</h1>", "<td>chatgpt</td>",
                "<td>amazon-web-services</td>");
        assertThat(get("/topics/no-such-topic").statusCode()).isEqualTo(404);
    }

    @Test
    void the_search_page_lists_passages_with_links_and_keeps_the_filters() throws Exception {
        assertThat(get("/").body()).contains("<form method=\"get\" action=\"/search\" role=\"search\">", "<label for=\"q\">");
        var page = get("/search?q=consequential+decisions&platform=amazon-web-services");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsPattern("<h2>\\d+ passages? found</h2>")
                .containsPattern("href=\"/documents/amazon-web-services/responsible-ai-policy/provisions/p[0-9a-f]{11}\"")
                .contains("<option value=\"amazon-web-services\" selected>");
        assertThat(get("/search").body()).contains("<h1>Search provisions</h1>").doesNotContain("found</h2>");
        var escaped = get("/search?q=%3Cscript%3Ealert(1)%3C/script%3E");
        assertThat(escaped.body()).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void user_supplied_text_is_escaped() throws Exception {
        var page = get("/documents/amazon-web-services/responsible-ai-policy");
        assertThat(page.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
    }

    @Test
    void a_change_page_shows_both_sides_and_filters_to_substantive_changes() throws Exception {
        var all = get("/documents/chatgpt/terms-of-service/changes?from=1&to=6");
        var substantive = get("/documents/chatgpt/terms-of-service/changes?from=1&to=6&substantive=on");
        assertThat(all.body()).contains("<del>", "<ins>", "Substantive changes only");
        assertThat(substantive.body()).doesNotContain("class=\"cosmetic\"").contains("class=\"substantive\"");
        assertThat(substantive.body().length()).isLessThan(all.body().length());
    }

    @Test
    void the_consequential_decisions_provision_has_its_full_analysis() throws Exception {
        var document = get("/documents/amazon-web-services/responsible-ai-policy").body();
        Matcher link = Pattern.compile("href=\"(/documents/amazon-web-services/responsible-ai-policy/provisions/p[0-9a-f]{11})\">Responsible AI Requirements")
                .matcher(document);
        assertThat(link.find()).isTrue();
        var page = get(link.group(1)).body();
        assertThat(page).contains("consequential-decisions-oversight", "Governance exposure", "Regulatory landscape", "EU AI Act",
                "Jurisdiction flags", "Action items", "Interpretive note", "not a legal determination");
    }
}
