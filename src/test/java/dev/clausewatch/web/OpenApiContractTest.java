package dev.clausewatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import dev.clausewatch.TestStores;
import dev.clausewatch.account.ApiToken;
import dev.clausewatch.account.Role;
import dev.clausewatch.account.User;
import dev.clausewatch.alert.Alert;
import dev.clausewatch.alert.Plan;
import dev.clausewatch.alert.Watch;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.DocumentId;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI description is a contract (issue 17). On a real server (port 0) over the committed
 * demo data, with an organisation, its API tokens and a signed-in session, every documented
 * operation is asked for real, and so is a sample of refusals; each answer's status must be
 * documented for its operation, and its media type, required headers and body (against the
 * documented JSON Schema, draft 2020-12, formats asserted) must be as documented. The description
 * itself is held to the redocly recommended rules that matter here, so a clone without npm checks
 * them too ({@code .ci/run} also runs redocly itself when it can).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the schema registry finds the description, so a response schema's {@code #/components/…} references resolve in it. */
    private static final String DESCRIPTION_IRI = "https://clausewatch.test/openapi.json";
    private static final String AUP = "/api/v1/documents/amazon-web-services/acceptable-use-policy";
    private static final String RAI = "/api/v1/documents/amazon-web-services/responsible-ai-policy";
    private static final String CHATGPT = "/api/v1/documents/chatgpt/terms-of-service";
    private static final String ORG = "/api/v1/orgs/{org}";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    /** Who asks: the organisation's token (every scope), a read-only token, its owner's session with or without the CSRF secret, or no one. */
    private enum As { TOKEN, READ_TOKEN, SESSION, SESSION_WITHOUT_CSRF, ANONYMOUS }

    /** One request: the documented path it is an instance of, who sends it, and the status it must get. */
    private record Call(String method, String template, String path, String body, As as, int status, Map<String, String> headers) {
        Call expect(int expected) {
            return new Call(method, template, path, body, as, expected, headers);
        }

        Call by(As who) {
            return new Call(method, template, path, body, who, status, headers);
        }

        Call header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Call(method, template, path, body, as, status, more);
        }

        String name() {
            return method.toUpperCase(Locale.ROOT) + " " + path + " as " + as;
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private JsonNode description;
    private SchemaRegistry registry;
    private Workspace w;
    private Javalin app;
    private String token;
    private String readToken;
    private String cookie;
    private String csrf;
    private String alertId;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        String text = new String(WebServer.class.getResourceAsStream("/web/openapi.json").readAllBytes(), StandardCharsets.UTF_8);
        description = JSON.readTree(text);
        registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), builder -> builder
                .schemas(Map.of(DESCRIPTION_IRI, text))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        w = TestStores.SQLITE.open(dir);
        // The clipped policy brings a snapshot, so evidence has a snapshot's proof; ChatGPT comes after the head, so its evidence is not yet.
        w.importer().importPaths(List.of(Path.of("demo/ota-history/amazon-web-services"), Path.of("demo/clipped")));
        w.ledger().seal();
        w.importer().importPaths(List.of(Path.of("demo/ota-history/chatgpt")));
        w.processor().catchUp(p -> {});
        organisation();
        app = new WebServer(w.registry(), w.archive(), w.records(), w.analyzer()).withLedger(w.ledger())
                .withAccounts(w.accounts(), w.memberships(), w.organisationRecords()).start("127.0.0.1", 0);
    }

    /** Acme on the Professional plan: an e-mail channel, a watch, an alert for its digest, two tokens and its owner signed in. */
    private void organisation() {
        User owner = w.accounts().signUp("owner@acme.test", "Owner", "a long passphrase for acme");
        w.memberships().createOrganisation(owner, "acme", "Acme");
        var organisations = w.notifications().organisations();
        organisations.changePlan("acme", Plan.PROFESSIONAL);
        organisations.email("acme", "counsel", "counsel@acme.test");
        organisations.watch("acme", Watch.document(DocumentId.parse("amazon-web-services/acceptable-use-policy")));
        Alert alert = new Alert("event@acme", "acme", "event", "amazon-web-services/acceptable-use-policy", Alert.Cadence.DIGEST,
                new Alert.Message("A change to the AUP", "amazon-web-services/acceptable-use-policy", "AWS Acceptable Use Policy", Optional.empty(), 5, 6,
                        Instant.now(), "a new obligation", AUP.replace("/api/v1", "") + "/changes?from=5&to=6",
                        List.of(new Alert.Item("p8b44dd8bdda", "MODIFIED", "OBLIGATION_ADDED", List.of("AWS Acceptable Use Policy"), Optional.of("before"),
                                Optional.of("after"), List.of("unilateral-modification"), "medium", "/documents/amazon-web-services/acceptable-use-policy")),
                        List.of("unilateral-modification"), ""), Instant.now());
        w.alerts().record(alert, List.of("counsel"), Instant.now());
        alertId = alert.id();
        var access = w.memberships().access(owner, "acme");
        token = w.memberships().createToken(access, "everything", Set.of(ApiToken.Scope.values())).secret();
        readToken = w.memberships().createToken(access, "reader", Set.of(ApiToken.Scope.READ)).secret();
        var session = w.accounts().signIn("owner@acme.test", "a long passphrase for acme");
        cookie = Signed.COOKIE + "=" + session.token();
        csrf = session.csrf();
    }

    @AfterAll
    void stop() {
        app.stop();
        w.close();
    }

    @Test
    void every_documented_operation_answers_as_documented() throws Exception {
        Set<String> answered = new TreeSet<>();
        for (Call call : successes()) {
            check(call);
            answered.add(operationId(call));
        }
        assertThat(answered).as("every operation was asked and answered with success").containsExactlyInAnyOrderElementsOf(operations().keySet());
    }

    /** One request per operation that succeeds, in an order where each finds what it needs (a test message before the delivery log). */
    private List<Call> successes() throws Exception {
        String org = ORG.replace("{org}", "acme");
        return List.of(
                get("/api/v1/platforms", "/api/v1/platforms?limit=1&offset=1"),
                get("/api/v1/platforms/{platform}/documents", "/api/v1/platforms/amazon-web-services/documents"),
                get("/api/v1/documents/{platform}/{type}/versions", AUP + "/versions?limit=2&offset=2"),
                get("/api/v1/documents/{platform}/{type}/versions/in-force", AUP + "/versions/in-force?at=2023-01-01"),
                get("/api/v1/documents/{platform}/{type}/versions/{number}/evidence", RAI + "/versions/1/evidence"),
                get("/api/v1/documents/{platform}/{type}/provisions", RAI + "/provisions?at=1"),
                get("/api/v1/documents/{platform}/{type}/provisions/{id}/analysis", RAI + "/provisions/" + consequentialDecisions() + "/analysis"),
                get("/api/v1/documents/{platform}/{type}/references", RAI + "/references"),
                get("/api/v1/documents/{platform}/{type}/changes", CHATGPT + "/changes?from=1&limit=5"),
                get("/api/v1/topics", "/api/v1/topics"),
                get("/api/v1/topics/{topic}/comparison", "/api/v1/topics/consequential-decisions-oversight/comparison"),
                get("/api/v1/search", "/api/v1/search?q=consequential+decisions&past=true"),
                get("/api/v1/platforms/{platform}/contradictions", "/api/v1/platforms/chatgpt/contradictions"),
                get("/api/v1/checks", "/api/v1/checks?use=pre-screen+job+applicants+with+a+language+model&platforms=amazon-web-services,chatgpt&jurisdictions=EU,US"),
                get("/api/v1/exports/{format}", "/api/v1/exports/changes?document=amazon-web-services/acceptable-use-policy"),
                get("/api/v1/openapi.json", "/api/v1/openapi.json"),
                get(ORG, org).by(As.TOKEN),
                get(ORG + "/watches", org + "/watches").by(As.TOKEN),
                send("post", ORG + "/watches", org + "/watches", "{\"kind\":\"platform\",\"target\":\"chatgpt\"}").by(As.TOKEN).expect(201),
                get(ORG + "/alerts", org + "/alerts").by(As.TOKEN),
                get(ORG + "/alerts/{alert}", org + "/alerts/" + URLEncoder.encode(alertId, StandardCharsets.UTF_8)).by(As.TOKEN),
                send("post", ORG + "/channels", org + "/channels", "{\"kind\":\"email\",\"id\":\"ops\",\"address\":\"ops@acme.test\"}").by(As.SESSION).expect(201),
                get(ORG + "/channels", org + "/channels").by(As.SESSION),
                send("post", ORG + "/channels/{channel}/test", org + "/channels/counsel/test", "").by(As.TOKEN).expect(202),
                get(ORG + "/deliveries", org + "/deliveries").by(As.TOKEN),
                get(ORG + "/digest", org + "/digest").by(As.TOKEN),
                send("put", ORG + "/digest", org + "/digest", "{\"day\":\"friday\",\"hour\":16,\"timeZone\":\"Europe/Brussels\"}").by(As.SESSION),
                get(ORG + "/members", org + "/members").by(As.TOKEN),
                send("delete", ORG + "/watches", org + "/watches?kind=platform&target=chatgpt", "").by(As.TOKEN).expect(204),
                send("delete", ORG + "/channels/{channel}", org + "/channels/ops", "").by(As.TOKEN).expect(204));
    }

    /** The provision of the clipped Responsible AI Policy on consequential decisions, whose analysis has peers on other platforms. */
    private String consequentialDecisions() throws Exception {
        for (JsonNode p : JSON.readTree(request(get("", RAI + "/provisions")).body()).get("provisions")) {
            if (p.get("text").asText().contains("consequential decisions")) return p.get("id").asText();
        }
        throw new AssertionError("the demo's Responsible AI Policy has no provision on consequential decisions");
    }

    @Test
    void refusals_and_conditional_answers_are_as_documented() throws Exception {
        String org = ORG.replace("{org}", "acme");
        List<Call> calls = new ArrayList<>(List.of(
                get("/api/v1/platforms/{platform}/documents", "/api/v1/platforms/nobody/documents").expect(404),
                get("/api/v1/documents/{platform}/{type}/versions", AUP + "/versions?limit=0").expect(400),
                get("/api/v1/documents/{platform}/{type}/versions", "/api/v1/documents/nobody/terms-of-service/versions").expect(404),
                get("/api/v1/documents/{platform}/{type}/versions/in-force", AUP + "/versions/in-force?at=2019-01-01").expect(404),
                get("/api/v1/documents/{platform}/{type}/versions/{number}/evidence", AUP + "/versions/x/evidence").expect(400),
                get("/api/v1/documents/{platform}/{type}/versions/{number}/evidence", AUP + "/versions/9/evidence").expect(404),
                get("/api/v1/documents/{platform}/{type}/versions/{number}/evidence", CHATGPT + "/versions/1/evidence").expect(409),
                get("/api/v1/documents/{platform}/{type}/provisions/{id}/analysis", RAI + "/provisions/p00000000000/analysis").expect(404),
                get("/api/v1/documents/{platform}/{type}/changes", CHATGPT + "/changes?from=99").expect(404),
                get("/api/v1/topics/{topic}/comparison", "/api/v1/topics/astrology/comparison").expect(404),
                get("/api/v1/search", "/api/v1/search?q=").expect(400),
                get("/api/v1/search", "/api/v1/search?q=terms&since=last-week").expect(400),
                get("/api/v1/checks", "/api/v1/checks?platforms=chatgpt").expect(400),
                get("/api/v1/platforms/{platform}/contradictions", "/api/v1/platforms/nobody/contradictions").expect(404),
                get("/api/v1/checks", "/api/v1/checks?use=hire+people&platforms=nobody").expect(400),
                get("/api/v1/checks", "/api/v1/checks?use=hire+people&platforms=chatgpt&jurisdictions=Europe").expect(400),
                get("/api/v1/exports/{format}", "/api/v1/exports/parquet").expect(404),
                get("/api/v1/platforms", "/api/v1/platforms").header("Accept", "text/html").expect(406),
                get("/api/v1/topics", "/api/v1/topics").header("If-None-Match", etag("/api/v1/topics", As.ANONYMOUS)).expect(304),
                get("/api/v1/topics", "/api/v1/topics").header("If-Modified-Since", lastModified("/api/v1/topics")).expect(304),
                get(ORG, "/api/v1/orgs/other").by(As.TOKEN).expect(404),
                get(ORG + "/alerts/{alert}", org + "/alerts/none").by(As.TOKEN).expect(404),
                get(ORG + "/members", org + "/members").by(As.TOKEN).header("If-None-Match", etag(org + "/members", As.TOKEN)).expect(304),
                send("post", ORG + "/watches", org + "/watches", "{\"kind\":\"astrology\",\"target\":\"stars\"}").by(As.TOKEN).expect(400),
                send("post", ORG + "/channels", org + "/channels", "{\"kind\":\"email\",\"id\":\"x\",\"address\":\"x@acme.test\"}").by(As.READ_TOKEN).expect(403),
                send("put", ORG + "/digest", org + "/digest", "{\"day\":\"friday\",\"hour\":16,\"timeZone\":\"UTC\"}").by(As.SESSION_WITHOUT_CSRF).expect(403),
                send("delete", ORG + "/watches", org + "/watches", "").by(As.TOKEN).expect(400)));
        calls.addAll(everyOrganisationOperationAnonymously());
        for (Call call : calls) check(call);
    }

    /** Every organisation operation asked with no credentials: 401, as its security says. */
    private List<Call> everyOrganisationOperationAnonymously() {
        return operations().values().stream().filter(o -> o.path().startsWith(ORG)).map(o -> send(o.method(), o.path(),
                o.path().replace("{org}", "acme").replace("{alert}", "a").replace("{channel}", "counsel"), "{}").by(As.ANONYMOUS).expect(401)).toList();
    }

    @Test
    void every_route_the_server_registers_is_documented_and_nothing_else() {
        var server = new WebServer(w.registry(), w.archive(), w.records(), w.analyzer()).withAccounts(w.accounts(), w.memberships(), w.organisationRecords());
        Set<String> registered = new TreeSet<>();
        var organisationRoutes = new OrganisationApi(null, null, null).routes().keySet();
        organisationRoutes.forEach(r -> registered.add(r.method().name().toLowerCase(Locale.ROOT) + " " + r.path()));
        // The archive's routes all answer GET (and HEAD, as GET does: HEAD is not described apart).
        Set<String> organisationPaths = new HashSet<>();
        organisationRoutes.forEach(r -> organisationPaths.add(r.path()));
        server.apiRoutes().stream().filter(p -> !organisationPaths.contains(p)).forEach(p -> registered.add("get " + p));
        Set<String> documented = new TreeSet<>();
        operations().values().forEach(o -> documented.add(o.method() + " " + o.path()));
        assertThat(documented).isEqualTo(registered);
        assertThat(organisationRoutes).extracting(OrganisationApi.Route::method).doesNotContain(HandlerType.HEAD);
    }

    // ---- the description against redocly's recommended rules (the ones that bear on this API) ----

    /** An operation of the description: its method, path and node. */
    private record Operation(String method, String path, JsonNode node) {}

    /** Every operation by its operationId (a missing or repeated id fails here, naming the operation). */
    private Map<String, Operation> operations() {
        Map<String, Operation> operations = new LinkedHashMap<>();
        description.get("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (!METHODS.contains(method.getKey())) return;
            String id = method.getValue().path("operationId").asText("");
            String where = method.getKey() + " " + path.getKey();
            assertThat(id).as("the operationId of " + where).matches("[a-z][a-zA-Z0-9]*");
            assertThat(operations).as("operationId " + id + " of " + where + " is unique").doesNotContainKey(id);
            operations.put(id, new Operation(method.getKey(), path.getKey(), method.getValue()));
        }));
        return operations;
    }

    @Test
    void the_description_is_openapi_3_1_with_licence_servers_and_declared_tags() {
        assertThat(description.get("openapi").asText()).isEqualTo("3.1.0");
        JsonNode license = description.at("/info/license");
        assertThat(license.path("name").asText()).as("info.license.name").isNotBlank();
        assertThat(license.has("url") || license.has("identifier")).as("info.license has a url or an SPDX identifier").isTrue();
        assertThat(description.path("servers")).as("servers").isNotEmpty().allSatisfy(s -> assertThat(s.path("url").asText()).isNotBlank());
        Set<String> declared = new LinkedHashSet<>();
        description.get("tags").forEach(t -> {
            assertThat(t.path("description").asText()).as("tag " + t.path("name").asText() + " has a description").isNotBlank();
            declared.add(t.get("name").asText());
        });
        Set<String> used = new LinkedHashSet<>();
        operations().forEach((id, o) -> {
            assertThat(o.node().path("tags")).as(id + " has a tag").isNotEmpty();
            o.node().path("tags").forEach(t -> used.add(t.asText()));
        });
        assertThat(used).as("tags used are declared, and every declared tag is used").containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void every_operation_has_a_summary_a_success_an_error_security_and_its_path_parameters() {
        Set<String> schemes = fieldNames(description.at("/components/securitySchemes"));
        operations().forEach((id, o) -> {
            assertThat(o.node().path("summary").asText()).as(id + " has a summary").isNotBlank();
            Set<String> statuses = fieldNames(o.node().get("responses"));
            assertThat(statuses).as(id + " has a 2xx response").anyMatch(s -> s.startsWith("2"));
            assertThat(statuses).as(id + " has a 4xx response").anyMatch(s -> s.startsWith("4"));
            JsonNode security = o.node().get("security");
            assertThat(security).as(id + " says its security").isNotNull();
            // Public routes say so explicitly ([]); an organisation's need a token or a session.
            assertThat(security.isEmpty()).as(id + " is public exactly when it is not an organisation's").isEqualTo(!o.path().startsWith(ORG));
            security.forEach(requirement -> assertThat(fieldNames(requirement)).as(id + "'s security schemes are declared").isSubsetOf(schemes));
            assertThat(pathParameters(o)).as(id + " declares exactly its path's parameters").isEqualTo(placeholders(o.path()));
        });
    }

    @Test
    void every_error_is_problem_details_and_every_success_with_a_body_has_a_schema() {
        operations().forEach((id, o) -> o.node().get("responses").properties().forEach(r -> {
            JsonNode response = resolve(r.getValue());
            String status = r.getKey();
            if (status.startsWith("4")) {
                assertThat(fieldNames(response.path("content"))).as(id + " " + status + " media type").containsExactly(Problem.MEDIA_TYPE);
                assertThat(response.at("/content/application~1problem+json/schema/$ref").asText()).as(id + " " + status).isEqualTo("#/components/schemas/Problem");
            } else if (!status.equals("204") && !status.equals("304")) {
                assertThat(response.path("content")).as(id + " " + status + " has content").isNotEmpty();
                response.get("content").forEach(media -> assertThat(media.path("schema").isObject()).as(id + " " + status + " has a schema").isTrue());
            }
        }));
    }

    @Test
    void every_reference_resolves_and_every_component_is_used() {
        Set<String> references = new TreeSet<>();
        collectReferences(description, references);
        references.forEach(ref -> assertThat(description.at(ref.substring(1)).isMissingNode()).as(ref + " resolves").isFalse());
        for (String kind : List.of("schemas", "parameters", "responses", "headers")) {
            fieldNames(description.at("/components/" + kind)).forEach(name ->
                    assertThat(references).as("components/" + kind + "/" + name + " is used").contains("#/components/" + kind + "/" + name));
        }
        Set<String> usedSchemes = new TreeSet<>();
        operations().values().forEach(o -> o.node().path("security").forEach(r -> usedSchemes.addAll(fieldNames(r))));
        assertThat(usedSchemes).as("every security scheme is used").isEqualTo(fieldNames(description.at("/components/securitySchemes")));
    }

    /** The enums of the description are the code's: a new reason, kind or state must be documented (and a dropped one dropped). */
    @Test
    void the_enums_are_the_codes() {
        assertEnum("/components/schemas/VersionFields/properties/kind", dev.clausewatch.archive.VersionKind.values(), Enum::name);
        assertEnum("/components/schemas/Provision/properties/kind", dev.clausewatch.provision.ProvisionKind.values(), Enum::name);
        assertEnum("/components/schemas/ProvisionChange/properties/kind", dev.clausewatch.change.ChangeKind.values(), Enum::name);
        assertThat(fieldNames(description.at("/components/schemas/ChangeSet/properties/counts/properties")))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(dev.clausewatch.change.ChangeKind.values()).map(Enum::name).toList());
        assertEnum("/components/schemas/ProvisionChange/properties/reason", dev.clausewatch.change.Reason.values(), Enum::name);
        assertEnum("/components/schemas/Analysis/properties/exposure/properties/level", dev.clausewatch.analysis.ProvisionAnalysis.Level.values(), Enum::name);
        assertEnum("/components/schemas/Watch/properties/kind", Watch.Kind.values(), Enum::name);
        assertEnum("/components/schemas/Alert/properties/cadence", Alert.Cadence.values(), Enum::name);
        assertEnum("/components/schemas/Delivery/properties/state", dev.clausewatch.alert.Delivery.State.values(), Enum::name);
        assertEnum("/components/schemas/Channel/properties/kind", dev.clausewatch.alert.Channel.Kind.values(), Enum::name);
        assertEnum("/components/schemas/Member/properties/role", Role.values(), Role::label);
        assertEnum("/components/schemas/ApplicableProvision/properties/role", dev.clausewatch.check.Role.values(), dev.clausewatch.check.Role::label);
        assertEnum("/components/schemas/Organisation/properties/plan", Plan.values(), Plan::label);
        assertEnum("/components/schemas/DigestSchedule/properties/day", DayOfWeek.values(), d -> d.name().toLowerCase(Locale.ROOT));
    }

    private <E> void assertEnum(String pointer, E[] values, Function<E, String> name) {
        List<String> documented = new ArrayList<>();
        description.at(pointer + "/enum").forEach(v -> documented.add(v.asText()));
        assertThat(documented).as(pointer).containsExactlyInAnyOrderElementsOf(Arrays.stream(values).map(name).toList());
    }

    // ---- asking the server and checking the answer ----

    private static Call get(String template, String path) {
        return new Call("get", template, path, "", path.startsWith("/api/v1/orgs/") ? As.TOKEN : As.ANONYMOUS, 200, Map.of());
    }

    private static Call send(String method, String template, String path, String body) {
        return new Call(method, template, path, body, As.TOKEN, 200, Map.of());
    }

    /** Sends the call and checks its status, media type, headers and body against the documented response for that status. */
    private void check(Call call) throws Exception {
        HttpResponse<byte[]> r = request(call);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as(call.name() + " answered " + body).isEqualTo(call.status());
        JsonNode operation = description.path("paths").path(call.template()).path(call.method());
        assertThat(operation.isObject()).as(call.name() + ": " + call.method() + " " + call.template() + " is documented").isTrue();
        JsonNode response = resolve(operation.path("responses").path(String.valueOf(r.statusCode())));
        assertThat(response.isObject()).as(call.name() + ": status " + r.statusCode() + " is documented for " + operationId(call)).isTrue();
        checkHeaders(call, response, r);
        if (!response.has("content")) {
            assertThat(r.body()).as(call.name() + ": no body, as documented").isEmpty();
            return;
        }
        String documentedType = response.get("content").fieldNames().next();
        String sent = r.headers().firstValue("Content-Type").map(Negotiation::essence).orElse("");
        assertThat(sent).as(call.name() + ": media type").isEqualTo(documentedType);
        JsonNode schema = response.get("content").get(documentedType).get("schema");
        if (documentedType.endsWith("json")) {
            assertThat(violations(operationId(call) + "/" + r.statusCode(), schema, body)).as(call.name() + " against " + schema + ":\n" + excerpt(body)).isEmpty();
        } else {
            assertThat(new String(r.body(), 0, 2, StandardCharsets.US_ASCII)).as(call.name() + " is a zip archive").isEqualTo("PK");
        }
    }

    /** The headers the response documents as required are sent; a count is a number. */
    private void checkHeaders(Call call, JsonNode response, HttpResponse<byte[]> r) {
        response.path("headers").properties().forEach(h -> {
            Optional<String> value = r.headers().firstValue(h.getKey());
            if (resolve(h.getValue()).path("required").asBoolean()) {
                assertThat(value).as(call.name() + " sends " + h.getKey()).isPresent();
            }
            if (h.getKey().equals("X-Total-Count")) value.ifPresent(v -> assertThat(v).as(call.name() + " X-Total-Count").matches("\\d+"));
        });
    }

    /** The body's violations of the schema, each with where in the body and what is wrong. */
    private List<String> violations(String name, JsonNode schema, String body) {
        var compiled = registry.getSchema(SchemaLocation.of("https://clausewatch.test/responses/" + name), absolute(schema).toString(), InputFormat.JSON);
        return compiled.validate(body, InputFormat.JSON).stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    /** The schema with its {@code #/components/…} references made to point into the description, where the registry finds them. */
    private static JsonNode absolute(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        List<JsonNode> pending = new ArrayList<>(List.of(copy));
        while (!pending.isEmpty()) {
            JsonNode node = pending.removeLast();
            if (node instanceof ObjectNode object && object.path("$ref").asText().startsWith("#/")) object.put("$ref", DESCRIPTION_IRI + object.get("$ref").asText());
            node.forEach(pending::add);
        }
        return copy;
    }

    private HttpResponse<byte[]> request(Call call) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + call.path()));
        switch (call.as()) {
            case TOKEN -> request.header("Authorization", "Bearer " + token);
            case READ_TOKEN -> request.header("Authorization", "Bearer " + readToken);
            case SESSION -> request.header("Cookie", cookie).header("X-CSRF-Token", csrf);
            case SESSION_WITHOUT_CSRF -> request.header("Cookie", cookie);
            case ANONYMOUS -> { }
        }
        call.headers().forEach(request::header);
        if (call.method().equals("get")) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").method(call.method().toUpperCase(Locale.ROOT), HttpRequest.BodyPublishers.ofString(call.body()));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String etag(String path, As as) throws Exception {
        return request(get("", path).by(as)).headers().firstValue("ETag").orElseThrow();
    }

    /** The route's date; a route is dated only a second after the records last changed, so this waits for one if need be. */
    private String lastModified(String path) throws Exception {
        for (int attempt = 0; attempt < 30; attempt++) {
            Optional<String> date = request(get("", path)).headers().firstValue("Last-Modified");
            if (date.isPresent()) return date.get();
            Thread.sleep(100);
        }
        throw new AssertionError(path + " is never dated");
    }

    private String operationId(Call call) {
        return description.path("paths").path(call.template()).path(call.method()).path("operationId").asText(call.method() + " " + call.template());
    }

    private static String excerpt(String body) {
        return body.length() > 2000 ? body.substring(0, 2000) + "…" : body;
    }

    // ---- reading the description ----

    /** A response, parameter or header, following its {@code $ref} into the components. */
    private JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? description.at(node.get("$ref").asText().substring(1)) : node;
    }

    private Set<String> pathParameters(Operation o) {
        Set<String> names = new TreeSet<>();
        Stream.concat(stream(description.path("paths").path(o.path()).path("parameters")), stream(o.node().path("parameters"))).map(this::resolve)
                .filter(p -> p.path("in").asText().equals("path")).forEach(p -> {
                    assertThat(p.path("required").asBoolean()).as(o.path() + " path parameter " + p.path("name").asText() + " is required").isTrue();
                    names.add(p.path("name").asText());
                });
        return names;
    }

    private static Set<String> placeholders(String path) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    private static void collectReferences(JsonNode node, Set<String> into) {
        if (node.isObject() && node.has("$ref")) into.add(node.get("$ref").asText());
        node.forEach(child -> collectReferences(child, into));
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
