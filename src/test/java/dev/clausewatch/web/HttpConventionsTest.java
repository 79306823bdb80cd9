package dev.clausewatch.web;

import static dev.clausewatch.archive.Observations.seen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.TestStores;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP as its clients expect it (issue 17), on a real server (port 0) over real archived documents:
 * conditional requests, 406, problem details, and paging headers on every list.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpConventionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DocumentId EXAMPLE = DocumentId.parse("example/terms-of-service");
    private final HttpClient http = HttpClient.newHttpClient();
    private Workspace workspace;
    private Javalin app;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        workspace = TestStores.SQLITE.open(dir);
        workspace.importer().importPaths(List.of(TestStores.shared("data/ota-history/chatgpt/terms-of-service"),
                TestStores.shared("seeds/001_bd4926011f68c2e1.txt")));
        workspace.registry().register(new Document(EXAMPLE, "Example Terms"));
        workspace.archive().record(EXAMPLE, List.of(seen("# Terms\n\nYou may not resell the service.\n", "2024-01-01T00:00:00Z")));
        workspace.processor().catchUp(p -> {});
        app = new WebServer(workspace.registry(), workspace.archive(), workspace.records(), workspace.analyzer()).start("127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
        app.stop();
        workspace.close();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        if (headers.length > 0) request.headers(headers);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One of every kind of public page, feed and API route. */
    private List<String> everyKindOfAddress() throws Exception {
        String document = get("/documents/chatgpt/terms-of-service").body();
        Matcher provision = Pattern.compile("href=\"/documents/chatgpt/terms-of-service/provisions/(p[0-9a-f]{11})\"").matcher(document);
        assertThat(provision.find()).isTrue();
        String terms = "/documents/chatgpt/terms-of-service";
        return List.of("/", "/platforms/chatgpt", terms, terms + "/changes?from=1&to=6", terms + "/provisions/" + provision.group(1),
                "/topics/ai-training-on-user-content", "/search?q=use", "/methodology", "/regulations/eu-gdpr",
                "/feeds/documents/chatgpt/terms-of-service.atom", "/feeds/platforms/chatgpt.atom",
                "/api/v1/platforms", "/api/v1/platforms/chatgpt/documents", "/api/v1" + terms + "/versions", "/api/v1" + terms + "/provisions",
                "/api/v1" + terms + "/changes", "/api/v1" + terms + "/references", "/api/v1/topics", "/api/v1/search?q=content",
                "/api/v1/openapi.json");
    }

    @Test
    @Order(1)
    void every_page_and_route_sends_a_strong_etag_and_answers_304_when_the_client_holds_it() throws Exception {
        for (String path : everyKindOfAddress()) {
            var first = get(path);
            assertThat(first.statusCode()).as(path).isEqualTo(200);
            String etag = first.headers().firstValue("ETag").orElseThrow(() -> new AssertionError(path + " has no ETag"));
            assertThat(etag).as(path + ": a strong tag, quoted").matches("\"[0-9a-f]{64}\"");
            assertThat(get(path).headers().firstValue("ETag")).as(path + ": the same body, the same tag").hasValue(etag);

            var revalidated = get(path, "If-None-Match", etag);
            assertThat(revalidated.statusCode()).as(path).isEqualTo(304);
            assertThat(revalidated.body()).as(path).isEmpty();
            assertThat(revalidated.headers().firstValue("ETag")).as(path).hasValue(etag);
            assertThat(get(path, "If-None-Match", "\"other\", W/" + etag).statusCode()).as(path + ": a list, a weak form").isEqualTo(304);
            assertThat(get(path, "If-None-Match", "*").statusCode()).as(path).isEqualTo(304);
            assertThat(get(path, "If-None-Match", "\"" + "0".repeat(64) + "\"").statusCode()).as(path + ": another tag").isEqualTo(200);
        }
    }

    @Test
    @Order(2)
    void archive_pages_and_routes_say_when_they_last_changed_and_answer_304_to_a_date_as_new() throws Exception {
        Thread.sleep(1_100); // nothing is dated within a second of a change: HTTP dates count whole seconds
        // These also show the registry, the search index, captures or the log's heads, which the derived records do not date.
        java.util.Set<String> undated = java.util.Set.of("/", "/platforms/chatgpt", "/search?q=use", "/api/v1/platforms",
                "/api/v1/platforms/chatgpt/documents", "/api/v1/search?q=content", "/api/v1/openapi.json");
        for (String path : everyKindOfAddress()) {
            var first = get(path);
            if (undated.contains(path)) {
                assertThat(first.headers().firstValue("Last-Modified")).as(path).isEmpty();
                assertThat(get(path, "If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT").statusCode()).as(path).isEqualTo(200);
                continue;
            }
            Instant lastModified = httpDate(first.headers().firstValue("Last-Modified").orElseThrow(() -> new AssertionError(path + " has no Last-Modified")));
            assertThat(lastModified).as(path).isBeforeOrEqualTo(Instant.now()).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
            String date = first.headers().firstValue("Last-Modified").orElseThrow();
            assertThat(get(path, "If-Modified-Since", date).statusCode()).as(path).isEqualTo(304);
            assertThat(get(path, "If-Modified-Since", DateTimeFormatter.RFC_1123_DATE_TIME.format(lastModified.minusSeconds(1).atZone(java.time.ZoneOffset.UTC)))
                    .statusCode()).as(path + ": a client's copy from a second earlier").isEqualTo(200);
            assertThat(get(path, "If-Modified-Since", "yesterday").statusCode()).as(path + ": an unreadable date is ignored").isEqualTo(200);
            // If-None-Match decides when both are sent (RFC 9110 §13.2.2): a stale tag gets the page even with a current date.
            assertThat(get(path, "If-None-Match", "\"stale\"", "If-Modified-Since", date).statusCode()).as(path).isEqualTo(200);
        }
        // A precondition never hides a failure (RFC 9110 §13.2.1): what does not exist is a 404 whatever the date.
        assertThat(get("/documents/nobody/terms-of-service", "If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/documents/nobody/terms-of-service/provisions", "If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT").statusCode())
                .isEqualTo(404);
    }

    @Test
    @Order(3)
    void a_request_that_takes_none_of_the_route_s_media_type_gets_406_and_any_that_does_gets_it() throws Exception {
        record Case(String path, String accept, int status) {}
        List<Case> cases = List.of(
                new Case("/api/v1/platforms", "application/xml", 406),
                new Case("/api/v1/platforms", "text/html", 406),
                new Case("/api/v1/platforms", "application/json;q=0, text/html", 406),
                new Case("/api/v1/platforms", "application/json", 200),
                new Case("/api/v1/platforms", "application/*", 200),
                new Case("/api/v1/platforms", "text/html;q=0.9, */*;q=0.1", 200),
                new Case("/documents/chatgpt/terms-of-service", "application/json", 406),
                new Case("/documents/chatgpt/terms-of-service", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", 200),
                new Case("/feeds/platforms/chatgpt.atom", "application/atom+xml", 200),
                new Case("/feeds/platforms/chatgpt.atom", "application/xml", 200),
                new Case("/feeds/platforms/chatgpt.atom", "text/html", 406));
        for (Case c : cases) {
            var response = get(c.path(), "Accept", c.accept());
            assertThat(response.statusCode()).as(c.path() + " with Accept: " + c.accept()).isEqualTo(c.status());
        }
        var refused = get("/api/v1/platforms", "Accept", "application/xml");
        assertThat(JSON.readTree(refused.body()).get("detail").asText())
                .isEqualTo("/api/v1/platforms is application/json, which the request's Accept (application/xml) does not take.");
        assertThat(get("/api/v1/platforms").statusCode()).as("no Accept takes everything").isEqualTo(200);
    }

    @Test
    @Order(4)
    void api_errors_are_problem_details() throws Exception {
        for (String path : List.of("/api/v1/documents/nobody/terms-of-service/versions?limit=5", "/api/v1/platforms?limit=0", "/api/v1/no/such/route")) {
            var response = get(path);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("type").asText()).as(path).isEqualTo("about:blank");
            assertThat(problem.get("status").asInt()).as(path).isEqualTo(response.statusCode()).isBetween(400, 499);
            assertThat(problem.get("title").asText()).as(path).isNotBlank();
            assertThat(problem.get("detail").asText()).as(path).isNotBlank();
            assertThat(problem.get("instance").asText()).as(path).isEqualTo(path);
        }
        var refused = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/platforms"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(refused.body()).get("status").asInt()).isEqualTo(405);
    }

    @Test
    @Order(5)
    void every_list_says_its_total_and_links_its_pages_keeping_the_query() throws Exception {
        String terms = "/api/v1/documents/chatgpt/terms-of-service";
        var far = get("/api/v1/platforms?offset=" + Integer.MAX_VALUE);
        assertThat(far.statusCode()).as("an offset past the end is an empty page, not an overflow").isEqualTo(200);
        assertThat(far.body()).isEqualTo("[]");
        assertThat(links(far).get("prev")).doesNotContain("offset=-");
        // Lists their callers always had whole stay whole unless a part is asked for.
        int provisions = JSON.readTree(get(terms + "/provisions").body()).get("provisions").size();
        assertThat(get(terms + "/provisions").headers().firstValue("X-Total-Count")).hasValue(String.valueOf(provisions));
        for (String path : List.of("/api/v1/platforms", "/api/v1/platforms/chatgpt/documents", terms + "/versions", terms + "/provisions",
                terms + "/changes", "/api/v1/topics", "/api/v1/search?q=content")) {
            var whole = get(path);
            long total = Long.parseLong(whole.headers().firstValue("X-Total-Count").orElseThrow(() -> new AssertionError(path + " has no X-Total-Count")));
            assertThat(total).as(path).isPositive();
            assertThat(links(whole)).as(path).containsKeys("first", "last");

            // Walk the pages, two items at a time, by the "next" links alone: every item once, in order.
            List<JsonNode> walked = new ArrayList<>();
            String next = path + (path.contains("?") ? "&" : "?") + "limit=2";
            int pages = 0;
            while (next != null) {
                var page = get(next);
                assertThat(page.statusCode()).as(next).isEqualTo(200);
                items(page).forEach(walked::add);
                next = links(page).get("next");
                if (next != null && path.contains("q=")) assertThat(next).as("the search's words stay in the link").contains("q=content");
                assertThat((long) ++pages).as(path).isLessThanOrEqualTo(total / 2 + 1);
            }
            List<JsonNode> all = new ArrayList<>();
            items(get(path + (path.contains("?") ? "&" : "?") + "limit=1000")).forEach(all::add);
            assertThat(walked).as(path).hasSize((int) Math.min(total, 1000)).isEqualTo(all);
        }
    }

    @Test
    @Order(6)
    void a_new_version_changes_the_tags_and_the_date_of_what_shows_it() throws Exception {
        String path = "/api/v1/documents/example/terms-of-service/provisions";
        var before = get(path);
        String etag = before.headers().firstValue("ETag").orElseThrow();
        String date = before.headers().firstValue("Last-Modified").orElseThrow();
        Thread.sleep(1_100); // HTTP dates count whole seconds
        workspace.archive().record(EXAMPLE, List.of(seen("# Terms\n\nYou may not resell or sublicense the service.\n", Instant.now().toString())));
        workspace.processor().catchUp(p -> {});
        Thread.sleep(1_100); // dated only a second after the change
        var after = get(path, "If-None-Match", etag);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));
        assertThat(get(path, "If-Modified-Since", date).statusCode()).as("the archive changed after that date").isEqualTo(200);
        assertThat(httpDate(after.headers().firstValue("Last-Modified").orElseThrow())).isAfter(httpDate(date));
    }

    private static Instant httpDate(String value) {
        return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }

    /** The Link header's targets by relation. */
    private static java.util.Map<String, String> links(HttpResponse<String> response) {
        java.util.Map<String, String> byRel = new java.util.HashMap<>();
        Matcher m = Pattern.compile("<([^>]*)>;\\s*rel=\"([^\"]+)\"").matcher(response.headers().firstValue("Link").orElse(""));
        while (m.find()) byRel.put(m.group(2), m.group(1));
        return byRel;
    }

    /** The list a response carries: the body when it is an array, else its one list field. */
    private static Iterable<JsonNode> items(HttpResponse<String> response) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        if (body.isArray()) return body;
        for (String field : List.of("hits", "provisions", "changes")) if (body.has(field)) return body.get(field);
        throw new AssertionError("no list in " + response.uri());
    }
}
