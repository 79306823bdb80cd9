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
import java.util.Map;
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
    private dev.clausewatch.tracking.TrackingEvent attempt;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path clip = dir.resolve("clip.md");
        Files.writeString(clip, Files.readString(TestStores.shared("seeds/001_bd4926011f68c2e1.txt"))
                .replace("for intentional disinformation or deception;", "for intentional disinformation or deception `<script>alert(1)</script>`;"));
        // Two more ChatGPT documents, declared and never captured: one whose capture was tried (an address
        // captures never reach, refused before any connection) and one never tried.
        Path declaration = dir.resolve("ChatGPT.json");
        Files.writeString(declaration, """
                {"name": "ChatGPT", "terms": {
                  "Developer Terms": {"fetch": "http://127.0.0.1:9/developer-terms", "select": ["main"]},
                  "Acceptable Use Policy": {"fetch": "https://example.invalid/usage-policies", "select": ["main"]}}}""");
        workspace = TestStores.SQLITE.open(dir);
        workspace.importer().importPaths(List.of(TestStores.shared("data/ota-history/chatgpt/terms-of-service"),
                TestStores.shared("data/ota-history/chatgpt/privacy-policy"), clip, declaration));
        workspace.processor().catchUp(p -> {});
        attempt = workspace.tracker().capture(dev.clausewatch.registry.DocumentId.parse("chatgpt/developer-terms"));
        app = new WebServer(workspace.registry(), workspace.archive(), workspace.records(), workspace.analyzer())
                .withTracking(workspace.trackingLog()).start("127.0.0.1", 0);
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
    void the_check_page_offers_a_form_answers_a_use_with_quoted_provisions_and_escapes_what_it_was_given() throws Exception {
        var form = get("/check");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("<form method=\"get\" action=\"/check\">", "name=\"platforms\" value=\"amazon-web-services\"", "<textarea id=\"use\"");
        String use = java.net.URLEncoder.encode("spread intentional disinformation to deceive voters", java.nio.charset.StandardCharsets.UTF_8);
        var answer = get("/check?use=" + use + "&platforms=amazon-web-services&jurisdictions=EU");
        assertThat(answer.statusCode()).isEqualTo(200);
        // The clipped policy here carries a script in that very provision: quoted, escaped.
        assertThat(answer.body()).contains("would be prohibited", "for intentional disinformation or deception", "&lt;script&gt;",
                "/documents/amazon-web-services/responsible-ai-policy/provisions/p", "value=\"amazon-web-services\" checked", "EU AI Act",
                "href=\"/watch?kind=use&amp;target=amazon-web-services%7CEU%7Cspread+intentional+disinformation+to+deceive+voters\"")
                .doesNotContain("<script>alert(1)</script>");
        var hostile = get("/check?use=" + java.net.URLEncoder.encode("hire <script>alert(1)</script> people", java.nio.charset.StandardCharsets.UTF_8)
                + "&platforms=amazon-web-services");
        assertThat(hostile.statusCode()).isEqualTo(200);
        assertThat(hostile.body()).contains("hire &lt;script&gt;alert(1)&lt;/script&gt; people").doesNotContain("<script>alert(1)</script>");
        var bad = get("/check?use=hire&platforms=nobody");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(bad.body()).contains("nobody");
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
        var gzipped = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/")).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(home.body());
        }
    }

    @Test
    void a_document_page_shows_provisions_history_and_the_version_in_force_on_a_date() throws Exception {
        var page = get("/documents/chatgpt/terms-of-service?at=2025-12-01");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Version 1 of 6", "<label for=\"at\">", "what changed", "value=\"2025-12-01\"");
        // A past version's provisions carry their exposure too, from that version's own references.
        assertThat(page.body()).containsPattern("<span class=\"level (high|medium|low)\">(high|medium|low) exposure</span>");
    }

    @Test
    void home_lists_the_latest_substantive_changes_before_the_cosmetic_ones() throws Exception {
        var home = get("/").body();
        assertThat(home).contains("<h2>Latest substantive changes</h2>", "<h2>Latest cosmetic changes</h2>");
        assertThat(home.indexOf("Latest substantive changes")).isLessThan(home.indexOf("Latest cosmetic changes"));
        String substantive = home.substring(home.indexOf("Latest substantive changes"), home.indexOf("Latest cosmetic changes"));
        List<String> dates = Pattern.compile("<li>(\\d{4}-\\d{2}-\\d{2}) — ").matcher(substantive).results().map(m -> m.group(1)).toList();
        assertThat(dates).isNotEmpty().isSortedAccordingTo(java.util.Comparator.reverseOrder());
        // Each listed change really is substantive, as the change API says, and the link opens it with the filter on.
        Matcher links = Pattern.compile("href=\"(/documents/[^\"?]+/changes)\\?from=(\\d+)&amp;to=(\\d+)&amp;substantive=on\"").matcher(substantive);
        int checked = 0;
        while (links.find()) {
            String api = "/api/v1" + links.group(1).substring(0) + "?from=" + links.group(2) + "&to=" + links.group(3);
            assertThat(get(api).body()).as(api).contains("\"substantive\":true");
            checked++;
        }
        assertThat(checked).isEqualTo(dates.size());
    }

    @Test
    void a_platform_page_counts_substantive_and_cosmetic_changes_and_lists_its_timeline() throws Exception {
        var page = get("/platforms/chatgpt");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>ChatGPT</h1>", "Governance timeline");
        // The chart: an accessible SVG with one mark per listed change, each linking to its change page.
        var html = org.jsoup.Jsoup.parse(page.body());
        var svg = html.selectFirst("svg.timeline");
        assertThat(svg).isNotNull();
        assertThat(svg.attr("role")).isEqualTo("img");
        assertThat(svg.select("title").first().text()).contains("ChatGPT");
        int listed = html.select("h3:contains(Substantive changes) ~ ol > li").size();
        // Changes too close to draw apart share a numbered mark: the marks stand for every listed change.
        assertThat(drawn(svg.select("a"))).isEqualTo(listed);
        assertThat(svg.select("a > circle.cosmetic")).as("substantive changes by default").isEmpty();
        // Cosmetic changes are counted and one click away.
        var hidden = html.selectFirst("a[href=/platforms/chatgpt?all=on]");
        assertThat(hidden).isNotNull();
        int cosmetic = Integer.parseInt(hidden.parent().text().replaceAll("^(\\d+) cosmetic.*", "$1"));
        assertThat(cosmetic).isPositive();
        var everything = org.jsoup.Jsoup.parse(get("/platforms/chatgpt?all=on").body());
        assertThat(everything.select("h3:contains(Every change) ~ ol > li")).hasSize(listed + cosmetic);
        assertThat(drawn(everything.select("svg.timeline a"))).isEqualTo(listed + cosmetic);
        assertThat(everything.select("svg.timeline a > circle.cosmetic")).isNotEmpty();
        assertThat(everything.select("svg.timeline a").eachAttr("href")).allSatisfy(href -> assertThat(href).startsWith("/documents/chatgpt/"));
        // The exposure roll-up: a count per level for each document, and a total row.
        var rows = html.select("table tbody tr");
        assertThat(rows.select("th[scope=row]").text()).isEqualTo("All documents");
        int high = rows.stream().filter(r -> !r.hasClass("total")).mapToInt(r -> Integer.parseInt(r.select("td").get(4).text())).sum();
        assertThat(rows.select("tr.total td").get(3).text()).isEqualTo(String.valueOf(high));
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
            // Each entry says in words what changed and where, for a feed reader: no internal counts map.
            assertThat(feed.getEntries()).allSatisfy(e -> assertThat(e.getDescription().getValue())
                    .doesNotContain("MODIFIED=").containsPattern("^(\\d+ substantive provision changes?|Cosmetic change only)"));
            assertThat(feed.getEntries()).anySatisfy(e -> assertThat(e.getDescription().getValue()).containsPattern("\\n- (modified|added|removed|moved|split|merged)"));
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
        assertThat(page.body()).contains("<h1>Use of user inputs, outputs or content to train or improve models</h1>", "<td>ChatGPT</td>",
                "<td>Amazon Web Services</td>");
        // Its timeline: a row per platform whose documents changed on the topic, each mark linking to a change the topic feed lists too.
        var html = org.jsoup.Jsoup.parse(page.body());
        var marks = html.select("svg.timeline a");
        assertThat(marks).isNotEmpty().allSatisfy(a -> assertThat(a.attr("href")).matches("/documents/[a-z0-9-]+/[a-z0-9-]+/changes\\?from=\\d+&to=\\d+"));
        String feed = get("/feeds/topics/ai-training-on-user-content.atom").body();
        assertThat(marks.stream().filter(a -> a.selectFirst("text") == null)).allSatisfy(a -> assertThat(feed).contains(a.attr("href").replace("&", "&amp;")));
        assertThat(get("/topics/no-such-topic").statusCode()).isEqualTo(404);
    }

    @Test
    void a_regulation_page_draws_the_changes_mapped_to_it_and_names_its_topics_and_key_provisions() throws Exception {
        var page = get("/regulations/eu-ai-act");
        assertThat(page.statusCode()).isEqualTo(200);
        var html = org.jsoup.Jsoup.parse(page.body());
        assertThat(html.selectFirst("h1").text()).isEqualTo("EU AI Act");
        assertThat(html.select("h2:contains(Topics it bears on) + ul a").eachAttr("href")).contains("/topics/consequential-decisions-oversight");
        assertThat(html.select("svg.timeline a")).isNotEmpty()
                .allSatisfy(a -> assertThat(a.attr("href")).matches("/documents/[a-z0-9-]+/[a-z0-9-]+/changes\\?from=\\d+&to=\\d+"));
        // One key provision: the topics whose reasons cite it, fewer than the whole instrument's.
        var article = org.jsoup.Jsoup.parse(get("/regulations/eu-ai-act?article=Art.%2050").body());
        assertThat(article.selectFirst("h1").text()).isEqualTo("EU AI Act Art. 50");
        assertThat(article.select("h2:contains(Topics it bears on) + ul li").size()).isPositive()
                .isLessThan(html.select("h2:contains(Topics it bears on) + ul li").size());
        assertThat(get("/regulations/no-such-law").statusCode()).isEqualTo(404);
        assertThat(get("/regulations/eu-ai-act?article=Art.%20999").statusCode()).isEqualTo(404);
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
        assertThat(escaped.body()).doesNotContain("<script>alert(1)").contains("value=\"&lt;script>alert(1)&lt;/script>\"");
    }

    @Test
    void the_search_page_links_to_the_next_and_previous_results_keeping_the_filters() throws Exception {
        var first = org.jsoup.Jsoup.parse(get("/search?q=use&platform=chatgpt").body());
        assertThat(first.select("p.muted:contains(Showing)").text()).startsWith("Showing 1–20 of ");
        var next = first.selectFirst("a[rel=next]");
        assertThat(next).isNotNull();
        assertThat(next.attr("href")).contains("q=use", "platform=chatgpt", "offset=20");
        assertThat(first.selectFirst("a[rel=prev]")).isNull();
        var second = org.jsoup.Jsoup.parse(get(next.attr("href")).body());
        assertThat(second.select("p.muted:contains(Showing)").text()).startsWith("Showing 21–");
        assertThat(second.selectFirst("a[rel=prev]").attr("href")).contains("offset=0", "platform=chatgpt");
    }

    @Test
    void bad_input_on_a_page_answers_with_an_html_page_that_says_what_is_wrong() throws Exception {
        var badDate = get("/search?q=use&since=yesterday");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(badDate.body()).contains("<h1>This request cannot be answered</h1>", "The parameter since=yesterday must be a date written YYYY-MM-DD.");
        var unknown = get("/documents/chatgpt/no-such-type");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("<h1>Not found</h1>", "No document chatgpt/no-such-type is tracked");
        var noPage = get("/no/such/page");
        assertThat(noPage.statusCode()).isEqualTo(404);
        assertThat(noPage.body()).contains("There is no page GET /no/such/page.");
        var noVersion = get("/documents/chatgpt/terms-of-service/changes?from=1&to=99");
        assertThat(noVersion.statusCode()).isEqualTo(404);
        assertThat(noVersion.body()).contains("No version 99 of chatgpt/terms-of-service: it has versions 1 to 6.");
        // The API keeps its JSON errors.
        assertThat(get("/api/v1/no-such-route").body()).startsWith("{").contains("\"detail\":\"There is no API route GET /api/v1/no-such-route.\"");
    }

    @Test
    void a_method_a_route_does_not_answer_gets_405_with_the_methods_it_does() throws Exception {
        for (String path : List.of("/documents/chatgpt/terms-of-service", "/api/v1/platforms")) {
            var delete = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(delete.statusCode()).as(path).isEqualTo(405);
            assertThat(delete.headers().firstValue("Allow")).as(path).hasValue("GET, HEAD");
            assertThat(delete.body()).as(path).contains(path + " does not answer DELETE; it answers GET, HEAD.");
        }
        assertThat(get("/no/such/page").statusCode()).as("a path no method answers stays 404").isEqualTo(404);
    }

    @Test
    void a_gzipped_answer_says_it_varies_with_accept_encoding() throws Exception {
        for (String path : List.of("/documents/chatgpt/terms-of-service", "/api/v1/platforms")) {
            var gzipped = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).header("Accept-Encoding", "gzip").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            // Javalin gzips bodies of 1,500 bytes or more: the document page is, the short platform list is not; both vary.
            if (path.startsWith("/documents")) assertThat(gzipped.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
            assertThat(gzipped.headers().allValues("Vary")).as(path).contains("Accept-Encoding");
            assertThat(get(path).headers().allValues("Vary")).as(path + ", plain").contains("Accept-Encoding");
        }
    }

    @Test
    void head_answers_as_get_does_without_the_body() throws Exception {
        for (String path : List.of("/", "/documents/chatgpt/terms-of-service", "/api/v1/platforms", "/no/such/page")) {
            var got = get(path);
            var head = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).HEAD().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).as(path).isEqualTo(got.statusCode());
            assertThat(head.headers().firstValue("Content-Type")).as(path).isEqualTo(got.headers().firstValue("Content-Type"));
            assertThat(head.body()).as(path).isEmpty();
        }
    }

    /** Every page a visitor can reach from the home page in the journey, for the checks that apply to all pages. */
    private List<String> everyKindOfPage() throws Exception {
        String document = get("/documents/amazon-web-services/responsible-ai-policy").body();
        Matcher provision = Pattern.compile("href=\"(/documents/amazon-web-services/responsible-ai-policy/provisions/p[0-9a-f]{11})\"").matcher(document);
        assertThat(provision.find()).isTrue();
        return List.of("/", "/platforms/chatgpt", "/documents/chatgpt/terms-of-service", "/documents/chatgpt/privacy-policy",
                "/documents/amazon-web-services/responsible-ai-policy", "/documents/chatgpt/terms-of-service/changes?from=1&to=6",
                provision.group(1), "/topics", "/topics/ai-training-on-user-content", "/search", "/search?q=use", "/methodology", "/no/such/page");
    }

    @Test
    void every_page_has_one_h1_and_headings_that_never_skip_a_level() throws Exception {
        for (String path : everyKindOfPage()) {
            var html = org.jsoup.Jsoup.parse(get(path).body());
            var headings = html.select("h1, h2, h3, h4, h5, h6");
            assertThat(html.select("h1")).as(path).hasSize(1);
            int previous = 0;
            for (var h : headings) {
                int level = Integer.parseInt(h.tagName().substring(1));
                assertThat(level).as(path + ": " + h.outerHtml() + " follows an h" + previous).isLessThanOrEqualTo(previous + 1);
                previous = level;
            }
            // Every form control has a label naming it.
            for (var control : html.select("input:not([type=hidden]), select, textarea")) {
                assertThat(html.select("label[for=" + control.id() + "]")).as(path + ": label for " + control.outerHtml()).isNotEmpty();
            }
            assertThat(html.select("main")).as(path).hasSize(1);
        }
    }

    @Test
    void user_supplied_text_is_escaped() throws Exception {
        var page = get("/documents/amazon-web-services/responsible-ai-policy");
        assertThat(page.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
        // Error pages repeat what was asked: escaped too.
        var badDate = get("/search?q=use&since=%3Cscript%3Ealert(1)%3C/script%3E");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("since=&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
        var badPath = get("/documents/%3Cscript%3Ealert(1)%3C%2Fscript%3E/terms-of-service");
        assertThat(badPath.statusCode()).isEqualTo(404);
        assertThat(badPath.body()).doesNotContain("<script>alert(1)");
    }

    @Test
    void a_change_page_shows_both_sides_and_filters_to_substantive_changes() throws Exception {
        var all = get("/documents/chatgpt/terms-of-service/changes?from=1&to=6");
        var substantive = get("/documents/chatgpt/terms-of-service/changes?from=1&to=6&substantive=on");
        assertThat(all.body()).contains("<del>", "<ins>", "Substantive changes only");
        // The structured summary on top: the effective dates, the sections with substantive changes, the topics they touch.
        var summary = org.jsoup.Jsoup.parse(all.body()).selectFirst("section[aria-labelledby=summary]");
        assertThat(summary.text()).contains("Effective date stated:", "Substantive changes in:", "Governance topics touched:");
        assertThat(summary.select("a.badge[href^=/topics/]")).isNotEmpty();
        var cosmetic = org.jsoup.Jsoup.parse(get("/documents/chatgpt/terms-of-service/changes?from=5&to=6").body()).selectFirst("section[aria-labelledby=summary]");
        assertThat(cosmetic.text()).contains("No substantive change: nothing a reader is bound by changed.");
        // Version 5 reorders provisions of version 4: each is a row saying where it went, not a removal and an addition.
        var moves = org.jsoup.Jsoup.parse(get("/documents/chatgpt/terms-of-service/changes?from=4&to=5").body()).select("strong.move");
        assertThat(moves).isNotEmpty().allSatisfy(m -> assertThat(m.text()).startsWith("Moved "));
        assertThat(substantive.body()).doesNotContain("class=\"cosmetic\"").contains("class=\"substantive\"");
        assertThat(substantive.body().length()).isLessThan(all.body().length());
    }

    @Test
    void the_consequential_decisions_provision_has_its_full_analysis() throws Exception {
        var document = org.jsoup.Jsoup.parse(get("/documents/amazon-web-services/responsible-ai-policy").body());
        var link = document.selectFirst("article.text .provision:contains(Responsible AI Requirements) a.anchor");
        assertThat(link).isNotNull();
        var page = get(link.attr("href")).body();
        assertThat(page).contains("consequential-decisions-oversight", "Governance exposure", "Regulatory landscape", "EU AI Act",
                "Jurisdiction flags", "Action items", "Interpretive note", "not a legal determination");
        var html = org.jsoup.Jsoup.parse(page);
        // The seed's sections, in its order: quote with document and date, meaning, who it affects, the five-part analysis, peers, history.
        assertThat(html.select("blockquote footer").first().text()).contains("Amazon Web Services Responsible AI Policy", "version 1", "captured 20");
        assertThat(html.select("h2").eachText()).containsSubsequence("What it means", "Who it affects", "Compliance analysis",
                "How other platforms handle this", "History of this provision");
        // Exposure read from the wording, as the seed page has it: medium, a duty on you on a heavily regulated subject.
        assertThat(html.select("h3").eachText()).containsSubsequence("1. Regulatory landscape", "2. Governance exposure: medium",
                "3. Jurisdiction flags", "4. Contract and vendor implications", "5. Compliance considerations", "Action items");
        assertThat(html.select("h3:contains(Governance exposure) + ul li").eachText()).anySatisfy(r -> assertThat(r).startsWith("+2 it puts a duty on you"));
        assertThat(html.select("h2:contains(Who it affects) + ul li")).isNotEmpty();
        assertThat(html.select("h3:contains(Regulatory landscape) + ol > li > a").eachAttr("href")).as("each instrument links to its page")
                .isNotEmpty().allSatisfy(href -> assertThat(href).startsWith("/regulations/")).contains("/regulations/eu-ai-act");
        assertThat(html.select("ul.peers footer a[href^=/documents/chatgpt/]")).isNotEmpty();
        assertThat(html.select("h2:contains(History of this provision) ~ ul li").first().text()).contains("first appears");
    }

    @Test
    void the_document_page_reads_as_a_document_with_a_discreet_anchor_per_provision() throws Exception {
        var id = dev.clausewatch.registry.DocumentId.parse("chatgpt/privacy-policy");
        var html = org.jsoup.Jsoup.parse(get("/documents/" + id).body());
        var text = html.selectFirst("main article.text");
        assertThat(text).isNotNull();
        // No provision's words inside a link: the only links in the text are the ¶ anchors and the topic badges.
        assertThat(text.select("a:not(.anchor):not(.badge)")).isEmpty();
        var knowledge = workspace.analyzer().knowledge();
        var provisions = workspace.records().current(id).orElseThrow().provisions();
        assertThat(provisions).anySatisfy(p -> assertThat(p.kind()).isEqualTo(dev.clausewatch.provision.ProvisionKind.HEADING));
        for (var p : provisions) {
            var element = text.getElementById(p.id());
            assertThat(element).as(p.id()).isNotNull();
            // One anchor to the provision's own page, named for a screen reader.
            assertThat(element.select("a.anchor")).as(p.id()).singleElement().satisfies(a -> {
                assertThat(a.attr("href")).isEqualTo("/documents/" + id + "/provisions/" + p.id());
                assertThat(a.attr("aria-label")).isEqualTo("Provision " + p.id() + " — its analysis");
                assertThat(a.text()).isEqualTo("¶");
            });
            // The words themselves as text of the element, outside any link.
            var words = element.clone();
            words.select("a, span.level").remove();
            assertThat(words.text()).as(p.id()).contains(p.text());
            // A heading at its depth under the page's h1, other provisions as paragraphs.
            String tag = p.kind() == dev.clausewatch.provision.ProvisionKind.HEADING ? "h" + Math.min(6, 2 + p.trail().size()) : "p";
            assertThat(element.tagName()).as(p.id() + " " + p.kind()).isEqualTo(tag);
        }
        // Topic badges say the topic's title, not its id.
        var badges = html.select("main a.badge");
        assertThat(badges).isNotEmpty().allSatisfy(b -> {
            String topic = b.attr("href").substring("/topics/".length());
            assertThat(b.text()).isEqualTo(knowledge.topic(topic).orElseThrow().title()).isNotEqualTo(topic);
        });
        // The change page's summary and the provision page name topics by title too.
        var change = org.jsoup.Jsoup.parse(get("/documents/chatgpt/terms-of-service/changes?from=1&to=6").body());
        assertThat(change.select("a.badge")).isNotEmpty().allSatisfy(b -> assertThat(b.text())
                .isEqualTo(knowledge.topic(b.attr("href").substring("/topics/".length())).orElseThrow().title()));
        var provision = org.jsoup.Jsoup.parse(get(text.selectFirst(".provision:has(a.badge) a.anchor").attr("href")).body());
        assertThat(provision.select("ul.topics > li > a")).isNotEmpty().allSatisfy(a -> assertThat(a.text())
                .isEqualTo(knowledge.topic(a.attr("href").substring("/topics/".length())).orElseThrow().title()));
    }

    @Test
    void platforms_are_named_as_people_know_them_wherever_a_reader_sees_one() throws Exception {
        var rai = org.jsoup.Jsoup.parse(get("/documents/amazon-web-services/responsible-ai-policy").body());
        String provision = rai.selectFirst("article.text .provision:contains(Responsible AI Requirements) a.anchor").attr("href");
        for (String path : List.of("/", "/platforms/chatgpt", "/platforms/amazon-web-services", "/documents/chatgpt/terms-of-service",
                "/documents/chatgpt/terms-of-service/changes?from=1&to=6", provision, "/topics", "/topics/ai-training-on-user-content",
                "/search?q=use&past=on", "/search?q=consequential+decisions")) {
            var html = org.jsoup.Jsoup.parse(get(path).body());
            // What the documents themselves say may name a web address (chatgpt.com): only what the app writes is checked.
            html.select("article.text, blockquote, q, td > a[href*=/provisions/]").remove();
            assertThat(html.body().text()).as(path).doesNotContainPattern("\\b(chatgpt|amazon-web-services)\\b");
        }
        var topic = org.jsoup.Jsoup.parse(get("/topics/ai-training-on-user-content").body());
        assertThat(topic.select("tbody td:first-child").eachText()).contains("ChatGPT", "Amazon Web Services");
        var search = org.jsoup.Jsoup.parse(get("/search?q=use&platform=chatgpt").body());
        assertThat(search.selectFirst("#platform option[value=chatgpt]").text()).isEqualTo("ChatGPT");
        assertThat(search.selectFirst("#platform option[selected]").attr("value")).isEqualTo("chatgpt");
        var peers = org.jsoup.Jsoup.parse(get(provision).body()).select("ul.peers footer a[href*=/provisions/]");
        assertThat(peers).isNotEmpty().allSatisfy(a -> assertThat(a.text()).doesNotContain("/").startsWith("ChatGPT "));
    }

    @Test
    void the_topics_page_lists_the_40_topics_with_counts_that_agree_with_the_topic_and_document_pages() throws Exception {
        var html = org.jsoup.Jsoup.parse(get("/topics").body());
        assertThat(html.select("header nav a[href=/topics]")).hasSize(1);
        var rows = html.select("table tbody tr");
        var knowledge = workspace.analyzer().knowledge();
        assertThat(knowledge.topics()).hasSize(40);
        assertThat(rows).hasSize(40);
        // Provisions carrying each topic, counted on the current version of every archived document's page.
        Map<String, Integer> badges = new java.util.HashMap<>();
        var home = org.jsoup.Jsoup.parse(get("/").body());
        List<String> documents = home.select("main table a[href^=/documents/]").eachAttr("href");
        assertThat(documents).hasSize(3);
        for (String document : documents) {
            for (var badge : org.jsoup.Jsoup.parse(get(document).body()).select("article.text a.badge")) {
                badges.merge(badge.attr("href").substring("/topics/".length()), 1, Integer::sum);
            }
        }
        int changed = 0;
        for (var row : rows) {
            var link = row.selectFirst("td a");
            String id = link.attr("href").substring("/topics/".length());
            assertThat(link.text()).isEqualTo(knowledge.topic(id).orElseThrow().title());
            int provisions = Integer.parseInt(row.select("td").get(1).text()), changes = Integer.parseInt(row.select("td").get(2).text());
            assertThat(provisions).as(id).isEqualTo(badges.getOrDefault(id, 0));
            // Substantive changes: the marks of the topic page's timeline, where a numbered mark stands for several.
            var topic = org.jsoup.Jsoup.parse(get("/topics/" + id).body());
            assertThat(drawn(topic.select("svg.timeline a"))).as(id).isEqualTo(changes);
            changed += changes;
        }
        assertThat(badges.values().stream().mapToInt(Integer::intValue).sum()).isPositive();
        assertThat(changed).isPositive();
        assertThat(rows.select("td:first-child").eachText()).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
    }

    @Test
    void search_marks_the_words_found_and_never_lets_a_query_or_a_document_write_markup() throws Exception {
        var html = org.jsoup.Jsoup.parse(get("/search?q=consequential+decisions&platform=amazon-web-services").body());
        var quotes = html.select("main ol > li > blockquote");
        assertThat(quotes).isNotEmpty().allSatisfy(q -> assertThat(q.select("mark")).isNotEmpty());
        // Stemmed as the index is: "decisions" marks "decision" as well.
        assertThat(html.select("main blockquote mark").eachText()).isNotEmpty()
                .allSatisfy(m -> assertThat(m.toLowerCase(java.util.Locale.ROOT)).matches("consequential|decisions?"));
        // The clipped policy's text carries a script tag: marked words inside it, the tag itself escaped.
        var script = get("/search?q=disinformation+script+alert");
        assertThat(script.body()).contains("&lt;<mark>script</mark>&gt;<mark>alert</mark>(1)&lt;/<mark>script</mark>&gt;").doesNotContain("<script>");
        // Markup in the query is echoed as text, and only the app's own <mark> elements mark.
        var injected = get("/search?q=%3Cmark%3Edisinformation%3C/mark%3E+%3Cimg+src=x+onerror=alert(1)%3E");
        assertThat(injected.statusCode()).isEqualTo(200);
        assertThat(injected.body()).doesNotContain("<img").contains("value=\"&lt;mark>disinformation&lt;/mark> &lt;img src=x onerror=alert(1)>\"");
        assertThat(org.jsoup.Jsoup.parse(injected.body()).select("main *").stream().map(org.jsoup.nodes.Element::tagName).distinct())
                .doesNotContain("img", "script");
    }

    @Test
    void search_shows_a_text_held_by_several_versions_once_with_them() throws Exception {
        // A text of the privacy policy held by more than one run of versions or more than one provision (its table of
        // contents repeats section titles; texts come and go): found from the records, not from the index.
        var id = dev.clausewatch.registry.DocumentId.parse("chatgpt/privacy-policy");
        Map<String, java.util.TreeSet<Integer>> versions = new java.util.HashMap<>();
        Map<String, java.util.Set<String>> holders = new java.util.HashMap<>();
        var history = workspace.records().history(id);
        for (var v : history) {
            for (var p : v.provisions()) {
                if (p.kind() == dev.clausewatch.provision.ProvisionKind.HEADING) continue;
                versions.computeIfAbsent(p.text(), k -> new java.util.TreeSet<>()).add(v.entry().number());
                holders.computeIfAbsent(p.text(), k -> new java.util.HashSet<>()).add(p.id());
            }
        }
        String text = holders.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                .filter(t -> t.matches("[\\p{L}\\p{N} .,]{6,80}")).findFirst().orElseThrow();
        var page = org.jsoup.Jsoup.parse(get("/search?q=" + java.net.URLEncoder.encode("\"" + text + "\"", java.nio.charset.StandardCharsets.UTF_8)
                + "&platform=chatgpt&type=privacy-policy&past=on").body());
        var same = page.select("main ol > li").stream().filter(li -> li.selectFirst("blockquote").text().equals(text)).toList();
        assertThat(same).as(text).hasSize(1);
        assertThat(same.getFirst().select("span.muted").text()).contains(inVersions(versions.get(text)), "since 20");
        // No page of results repeats a text of one document.
        var any = org.jsoup.Jsoup.parse(get("/search?q=data&platform=chatgpt&past=on").body());
        var shown = any.select("main ol > li").stream().map(li -> li.selectFirst("a").text() + "|" + li.selectFirst("blockquote").text()).toList();
        assertThat(shown).hasSizeGreaterThan(1).doesNotHaveDuplicates();
    }

    /** "in versions 1–7, 9–10": the versions as runs, written as the search page writes them. */
    private static String inVersions(java.util.SortedSet<Integer> numbers) {
        List<String> runs = new java.util.ArrayList<>();
        int first = numbers.first(), last = first;
        for (int n : numbers.tailSet(first + 1)) {
            if (n == last + 1) last = n;
            else {
                runs.add(first == last ? "" + first : first + "–" + last);
                first = last = n;
            }
        }
        runs.add(first == last ? "" + first : first + "–" + last);
        return (numbers.size() == 1 ? "in version " : "in versions ") + String.join(", ", runs);
    }

    @Test
    void a_platform_page_says_which_declared_documents_were_never_captured_and_why() throws Exception {
        assertThat(attempt.failed()).as(attempt.message()).isTrue();
        var html = org.jsoup.Jsoup.parse(get("/platforms/chatgpt").body());
        var never = html.select("h3:contains(Declared, not captured) + ul.uncaptured li").eachText();
        String day = dev.clausewatch.archive.Chain.instant(attempt.at()).substring(0, 10);
        assertThat(never).hasSize(2).anySatisfy(li -> assertThat(li).startsWith("Developer Terms: never captured: last attempt on " + day
                + " failed: " + attempt.failure().orElseThrow().label()))
                .contains("Acceptable Use Policy: never captured yet: not attempted.");
        // The documents with versions are in the table, not in this list.
        assertThat(html.select("table a[href^=/documents/]").eachText()).contains("Terms of Service", "Privacy Policy")
                .doesNotContain("Developer Terms", "Acceptable Use Policy");
    }

    /** How many changes the chart's marks stand for: one each, or a group's number. */
    private static int drawn(org.jsoup.select.Elements marks) {
        return marks.stream().mapToInt(a -> a.selectFirst("text") == null ? 1 : Integer.parseInt(a.selectFirst("text").text())).sum();
    }
}
