package dev.clausewatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.TestStores;
import dev.clausewatch.archive.HeadSigner;
import dev.clausewatch.archive.MerkleTree;
import dev.clausewatch.archive.TreeHead;
import dev.clausewatch.cli.Workspace;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API on a real server (port 0) over real archived histories. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Workspace workspace;
    private Javalin app;

    @BeforeAll
    void start(@TempDir Path dir) {
        workspace = TestStores.SQLITE.open(dir);
        workspace.importer().importPaths(List.of(TestStores.shared("data/ota-history/amazon-web-services"),
                TestStores.shared("data/ota-history/chatgpt"), TestStores.shared("seeds/001_bd4926011f68c2e1.txt")));
        workspace.processor().catchUp(p -> {});
        workspace.ledger().seal();
        app = new WebServer(workspace.registry(), workspace.archive(), workspace.records(), workspace.analyzer())
                .withLedger(workspace.ledger()).start("127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
        app.stop();
        workspace.close();
    }

    private record Response(int status, JsonNode body, String contentType) {}

    private Response get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), JSON.readTree(r.body()), r.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void platforms_and_their_documents_are_listed() throws Exception {
        Response platforms = get("/api/v1/platforms");
        assertThat(platforms.status()).isEqualTo(200);
        assertThat(platforms.contentType()).startsWith("application/json");
        assertThat(platforms.body().findValuesAsText("id")).contains("amazon-web-services", "chatgpt");
        assertThat(get("/api/v1/platforms/amazon-web-services/documents").body().findValuesAsText("id"))
                .contains("amazon-web-services/acceptable-use-policy", "amazon-web-services/responsible-ai-policy");
    }

    @Test
    void versions_and_the_version_in_force_at_a_date() throws Exception {
        assertThat(get("/api/v1/documents/amazon-web-services/acceptable-use-policy/versions").body()).hasSize(6);
        Response inForce = get("/api/v1/documents/amazon-web-services/acceptable-use-policy/versions/in-force?at=2023-01-01");
        assertThat(inForce.body().get("number").asInt()).isEqualTo(2);
        assertThat(inForce.body().get("markdown").asText()).contains("Acceptable Use Policy");
    }

    @Test
    void a_version_comes_with_its_evidence_an_inclusion_proof_under_a_signed_head_anyone_can_check() throws Exception {
        String document = "/api/v1/documents/amazon-web-services/acceptable-use-policy";
        JsonNode listed = get(document + "/versions").body().get(1);
        Response evidence = get(document + "/versions/2/evidence");
        assertThat(evidence.status()).isEqualTo(200);
        JsonNode version = evidence.body().get("version");
        assertThat(version.get("sha256").asText()).isEqualTo(listed.get("sha256").asText());
        assertThat(version.get("chainHash").asText()).hasSize(64);

        // Checked as someone holding only this answer would: the head's signature under its own key, and the audit path to its root.
        TreeHead head = TreeHead.fromJson(evidence.body().get("treeHead").toString());
        assertThat(HeadSigner.selfConsistent(head)).isTrue();
        assertThat(head).isEqualTo(workspace.ledger().newestHead().orElseThrow());
        assertThat(proves(version.get("inclusion"), head)).isTrue();
        // An imported history's versions name no snapshot (captured ones do: LedgerTest proves their rows are logged).
        assertThat(evidence.body().get("snapshots")).allSatisfy(s -> assertThat(proves(s.get("inclusion"), head)).isTrue());

        JsonNode forged = ((com.fasterxml.jackson.databind.node.ObjectNode) version.get("inclusion").deepCopy())
                .put("leafHash", "00".repeat(32));
        assertThat(proves(forged, head)).as("another record's hash does not prove").isFalse();

        assertThat(get(document + "/versions/7/evidence").body().get("detail").asText())
                .isEqualTo("No version 7 of amazon-web-services/acceptable-use-policy: it has versions 1 to 6.");
        assertThat(get(document + "/versions/x/evidence").status()).isEqualTo(400);
    }

    private static boolean proves(JsonNode inclusion, TreeHead head) {
        HexFormat hex = HexFormat.of();
        List<byte[]> path = new java.util.ArrayList<>();
        inclusion.get("auditPath").forEach(h -> path.add(hex.parseHex(h.asText())));
        return MerkleTree.verifyInclusion(hex.parseHex(inclusion.get("leafHash").asText()), inclusion.get("leafIndex").asInt(),
                inclusion.get("treeSize").asInt(), path, head.root()) && inclusion.get("treeSize").asInt() == head.size();
    }

    @Test
    void a_version_archived_after_the_newest_head_is_not_yet_evidence(@TempDir Path dir) throws Exception {
        try (Workspace fresh = TestStores.SQLITE.open(dir)) {
            fresh.importer().importPaths(List.of(TestStores.shared("data/ota-history/chatgpt")));
            Javalin server = new WebServer(fresh.registry(), fresh.archive(), fresh.records(), fresh.analyzer()).withLedger(fresh.ledger()).start("127.0.0.1", 0);
            try {
                // Whichever of ChatGPT's documents the data at hand holds (the whole shared data, or the committed sample).
                String document = fresh.registry().documents().getFirst().id().toString();
                String url = "http://127.0.0.1:" + server.port() + "/api/v1/documents/" + document + "/versions/1/evidence";
                HttpResponse<String> before = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(before.statusCode()).isEqualTo(409);
                assertThat(JSON.readTree(before.body()).get("detail").asText()).contains("after the newest signed tree head", "clausewatch head");
                fresh.ledger().seal();
                assertThat(http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void lists_page_with_limit_and_offset_and_say_where_the_next_page_is() throws Exception {
        String versions = "/api/v1/documents/amazon-web-services/acceptable-use-policy/versions";
        HttpResponse<String> first = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + versions + "?limit=4")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(first.body()).findValuesAsText("number")).containsExactly("1", "2", "3", "4");
        assertThat(first.headers().firstValue("X-Total-Count")).contains("6");
        assertThat(first.headers().firstValue("Link").orElseThrow()).contains("<" + versions + "?limit=4&offset=4>; rel=\"next\"")
                .contains("<" + versions + "?limit=4&offset=0>; rel=\"first\"").doesNotContain("rel=\"prev\"");

        HttpResponse<String> last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + versions + "?limit=4&offset=4")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(last.body()).findValuesAsText("number")).containsExactly("5", "6");
        assertThat(last.headers().firstValue("Link").orElseThrow()).as("no page after the last").doesNotContain("rel=\"next\"")
                .contains("<" + versions + "?limit=4&offset=0>; rel=\"prev\"", "<" + versions + "?limit=4&offset=4>; rel=\"last\"");

        Response bad = get(versions + "?limit=0");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("detail").asText()).isEqualTo("The parameter limit=0 must be a whole number from 1 to 1000.");
        assertThat(get("/api/v1/platforms?offset=x").body().get("detail").asText()).isEqualTo("The parameter offset=x must be a whole number from 0 up.");
    }

    @Test
    void provisions_carry_ids_and_the_effective_date() throws Exception {
        JsonNode body = get("/api/v1/documents/amazon-web-services/responsible-ai-policy/provisions").body();
        assertThat(body.get("effectiveDate").asText()).isEqualTo("2023-09-28");
        assertThat(body.get("provisions").findValuesAsText("id")).allSatisfy(id -> assertThat(id).matches("p[0-9a-f]{11}"));
    }

    @Test
    void changes_between_two_versions_are_classified() throws Exception {
        JsonNode body = get("/api/v1/documents/chatgpt/terms-of-service/changes?from=1&to=6").body();
        assertThat(body.get("substantive").asBoolean()).isTrue();
        JsonNode changes = body.get("changes");
        assertThat(changes.findValuesAsText("reason")).anySatisfy(r -> assertThat(dev.clausewatch.change.Reason.valueOf(r).substantive()).isTrue());
        assertThat(changes.findValuesAsText("explanation")).allSatisfy(e -> assertThat(e).isNotBlank());
        List<Integer> significance = changes.findValues("significance").stream().map(JsonNode::asInt).toList();
        assertThat(significance).as("the most significant first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void the_openapi_document_lists_exactly_the_api_routes_and_each_answers() throws Exception {
        JsonNode openApi = get("/api/v1/openapi.json").body();
        assertThat(openApi.get("openapi").asText()).startsWith("3.");
        List<String> documented = new java.util.ArrayList<>();
        openApi.get("paths").fieldNames().forEachRemaining(documented::add);
        var server = new WebServer(workspace.registry(), workspace.archive(), workspace.records(), workspace.analyzer())
                .withAccounts(workspace.accounts(), workspace.memberships(), workspace.organisationRecords());
        assertThat(documented).containsExactlyInAnyOrderElementsOf(server.apiRoutes());
        String provision = get("/api/v1/documents/amazon-web-services/acceptable-use-policy/provisions").body()
                .get("provisions").get(0).get("id").asText();
        for (String path : documented) {
            if (path.startsWith("/api/v1/orgs/")) continue; // an organisation's routes need a token: AccessMatrixTest answers each
            if (path.contains("{format}")) { // a zip archive, not JSON
                assertThat(zip(path.replace("{format}", "changes") + "?document=amazon-web-services/acceptable-use-policy")).containsKey("changes.csv");
                continue;
            }
            String concrete = path.replace("{platform}", "amazon-web-services").replace("{type}", "acceptable-use-policy")
                    .replace("{id}", provision).replace("{number}", "1").replace("{topic}", "incorporation-by-reference")
                    + (path.endsWith("/search") ? "?q=acceptable" : "") + (path.endsWith("/checks") ? "?use=scrape+websites&platforms=amazon-web-services" : "");
            assertThat(get(concrete).status()).as(concrete).isEqualTo(200);
        }
    }

    @Test
    void a_provisions_analysis_has_every_part_with_citations_and_peers_on_other_platforms() throws Exception {
        JsonNode provisions = get("/api/v1/documents/amazon-web-services/responsible-ai-policy/provisions").body().get("provisions");
        String id = null;
        for (JsonNode p : provisions) if (p.get("text").asText().contains("consequential decisions")) id = p.get("id").asText();
        assertThat(id).as("the consequential-decisions provision").isNotNull();
        JsonNode body = get("/api/v1/documents/amazon-web-services/responsible-ai-policy/provisions/" + id + "/analysis").body();
        JsonNode analysis = body.get("analysis");
        assertThat(analysis.get("provisionId").asText()).isEqualTo(id);
        assertThat(analysis.get("topics").findValuesAsText("topicId")).contains("consequential-decisions-oversight");
        assertThat(analysis.get("landscape").findValuesAsText("regulationId")).contains("eu-ai-act");
        assertThat(analysis.get("exposure").get("level").asText()).isIn("LOW", "MEDIUM", "HIGH");
        for (String part : List.of("meaning", "affects", "jurisdictionFlags", "contractImplications", "complianceConsiderations", "actionItems")) {
            assertThat(analysis.get(part)).as(part).isNotEmpty();
        }
        assertThat(analysis.get("disclaimer").asText()).contains("not a legal determination");
        assertThat(body.get("peers")).isNotEmpty().allSatisfy(peer -> assertThat(peer.get("document").asText()).doesNotStartWith("amazon-web-services/"));

        Response missing = get("/api/v1/documents/amazon-web-services/responsible-ai-policy/provisions/p00000000000/analysis");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("detail").asText()).isEqualTo(
                "No provision p00000000000 in the current version of amazon-web-services/responsible-ai-policy.");
    }

    @Test
    void references_go_both_ways_between_the_responsible_ai_and_acceptable_use_policies() throws Exception {
        // The Responsible AI Policy "supplements the AWS Acceptable Use Policy": binding, and seen from both sides.
        JsonNode rai = get("/api/v1/documents/amazon-web-services/responsible-ai-policy/references").body();
        assertThat(rai.get("refersTo")).anySatisfy(r -> {
            assertThat(r.get("target").asText()).isEqualTo("amazon-web-services/acceptable-use-policy");
            assertThat(r.get("binding").asBoolean()).isTrue();
        });
        JsonNode aup = get("/api/v1/documents/amazon-web-services/acceptable-use-policy/references").body();
        assertThat(aup.get("referredToBy").findValuesAsText("from")).contains("amazon-web-services/responsible-ai-policy");
    }

    @Test
    void topics_are_listed_and_compared_across_platforms() throws Exception {
        Response topics = get("/api/v1/topics?limit=5");
        assertThat(topics.body()).hasSize(5);
        assertThat(topics.body().get(0).get("regulations")).isNotEmpty();
        JsonNode comparison = get("/api/v1/topics/consequential-decisions-oversight/comparison").body();
        assertThat(comparison.get("title").asText()).isNotBlank();
        assertThat(comparison.get("rows").findValuesAsText("platform")).contains("amazon-web-services");
        Response unknown = get("/api/v1/topics/astrology/comparison");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("detail").asText()).isEqualTo("No topic astrology in the knowledge data.");
    }

    @Test
    void search_finds_provisions_with_filters_and_refuses_bad_input_with_a_sentence() throws Exception {
        JsonNode body = get("/api/v1/search?q=consequential+decisions").body();
        assertThat(body.get("total").asInt()).isPositive();
        JsonNode best = body.get("hits").get(0);
        assertThat(best.get("document").asText()).isEqualTo("amazon-web-services/responsible-ai-policy");
        assertThat(best.get("provision").asText()).matches("p[0-9a-f]{11}");
        assertThat(best.get("current").asBoolean()).isTrue();

        JsonNode filtered = get("/api/v1/search?q=use&platform=chatgpt&type=terms-of-service&limit=5").body();
        assertThat(filtered.get("hits")).hasSizeLessThanOrEqualTo(5)
                .allSatisfy(h -> assertThat(h.get("document").asText()).isEqualTo("chatgpt/terms-of-service"));
        assertThat(get("/api/v1/search?q=terms&past=true").body().get("total").asInt())
                .isGreaterThan(get("/api/v1/search?q=terms").body().get("total").asInt());

        Response empty = get("/api/v1/search?q=");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().get("detail").asText()).isEqualTo("The search needs words: the parameter q is empty.");
        assertThat(get("/api/v1/search?q=terms&since=last-week").body().get("detail").asText())
                .isEqualTo("The parameter since=last-week must be a date written YYYY-MM-DD.");
    }

    @Test
    void errors_are_json_with_a_sentence() throws Exception {
        Response early = get("/api/v1/documents/amazon-web-services/acceptable-use-policy/versions/in-force?at=2019-01-01");
        assertThat(early.status()).isEqualTo(404);
        assertThat(early.body().get("detail").asText()).isEqualTo("No version of amazon-web-services/acceptable-use-policy in force on 2019-01-01.");
        assertThat(early.body().get("title").asText()).isEqualTo("Not Found");
        Response unknown = get("/api/v1/documents/nobody/terms-of-service/versions");
        assertThat(unknown.body().get("detail").asText()).isEqualTo("No document nobody/terms-of-service is tracked.");
        Response badDate = get("/api/v1/documents/amazon-web-services/acceptable-use-policy/versions/in-force?at=yesterday");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(get("/api/v1/nothing-here").body().get("status").asInt()).isEqualTo(404);
    }

    @Test
    void exports_stream_as_zip_archives_with_their_attribution_and_the_signed_head() throws Exception {
        String head = workspace.ledger().newestHead().orElseThrow().rootHash();
        Map<String, String> changes = zip("/api/v1/exports/changes?document=amazon-web-services/acceptable-use-policy");
        assertThat(changes).containsOnlyKeys("changes.csv", "ATTRIBUTION.md");
        assertThat(changes.get("changes.csv").lines().skip(1)).isNotEmpty().allSatisfy(row -> assertThat(row).startsWith("amazon-web-services/acceptable-use-policy,"));
        assertThat(changes.get("ATTRIBUTION.md")).contains("ODC-BY 1.0", head);
        Map<String, String> ota = zip("/api/v1/exports/ota?document=amazon-web-services/acceptable-use-policy");
        assertThat(ota.keySet()).contains("README.md").filteredOn(name -> name.startsWith("Amazon Web Services/Acceptable Use Policy/")).hasSize(6);
        assertThat(zip("/api/v1/exports/provisions?document=amazon-web-services/acceptable-use-policy").get("provisions.jsonl").lines())
                .allSatisfy(line -> assertThat(JSON.readTree(line).get("document").asText()).isEqualTo("amazon-web-services/acceptable-use-policy"));
        Response unknown = get("/api/v1/exports/parquet");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("detail").asText()).contains("parquet", "ota, provisions and changes");
    }

    /** The entries of the zip archive a route answers, by name. */
    private Map<String, String> zip(String path) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
        Map<String, String> entries = new java.util.LinkedHashMap<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(r.body()))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) entries.put(e.getName(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return entries;
    }
}
