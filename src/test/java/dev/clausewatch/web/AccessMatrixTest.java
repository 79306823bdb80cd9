package dev.clausewatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.TestStores;
import dev.clausewatch.account.ApiToken;
import dev.clausewatch.account.Role;
import dev.clausewatch.account.User;
import dev.clausewatch.alert.Alert;
import dev.clausewatch.alert.Plan;
import dev.clausewatch.alert.Watch;
import dev.clausewatch.cli.Workspace;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Isolation on a real server: every organisation route of the API, every organisation page and form,
 * and the private feed, asked by every role and every token scope of one organisation about the
 * records of another, is refused (403 or 404, or 401 with no credentials) and no answer carries
 * anything of the other organisation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {
    private static final String OTHER_MARK = "other-secret-mark";
    private Workspace w;
    private Javalin app;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    /** Who asks: a cookie and CSRF secret for people, a bearer secret for tokens, nothing for the anonymous. */
    private record Actor(String name, Optional<String> cookie, Optional<String> csrf, Optional<String> bearer) {}
    private final List<Actor> actors = new ArrayList<>();
    private String otherAlert;
    private String ownAlert;

    @BeforeAll
    void start(@TempDir Path dir) {
        w = TestStores.SQLITE.open(dir);
        w.importer().importPaths(List.of(Path.of("demo/ota-history/amazon-web-services")));
        w.processor().catchUp(p -> {});
        var orgs = w.notifications().organisations();
        User stranger = w.accounts().signUp("stranger@other.test", "Stranger", "the other organisation's owner");
        w.memberships().createOrganisation(stranger, "other", "Other " + OTHER_MARK);
        orgs.changePlan("other", Plan.PROFESSIONAL);
        orgs.watch("other", Watch.document(dev.clausewatch.registry.DocumentId.parse("amazon-web-services/acceptable-use-policy")));
        orgs.email("other", "other-mail", OTHER_MARK + "@other.test");
        otherAlert = alert("other");
        w.organisationRecords().renewFeed(w.memberships().access(stranger, "other"));

        User owner = w.accounts().signUp("owner@acme.test", "Owner", "a long passphrase number 0");
        w.memberships().createOrganisation(owner, "acme", "Acme");
        orgs.changePlan("acme", Plan.PROFESSIONAL);
        orgs.email("acme", "counsel", "counsel@acme.test");
        ownAlert = alert("acme");
        for (Role role : Role.values()) {
            User user = role == Role.OWNER ? owner : w.accounts().signUp(role.label() + "@acme.test", role.label(), "a long passphrase number " + role.ordinal());
            if (role != Role.OWNER) w.memberships().addMember("acme", user, role);
            var session = w.accounts().signIn(user.email(), role == Role.OWNER ? "a long passphrase number 0" : "a long passphrase number " + role.ordinal());
            actors.add(new Actor(role.label(), Optional.of(Signed.COOKIE + "=" + session.token()), Optional.of(session.csrf()), Optional.empty()));
        }
        var ownerAccess = w.memberships().access(owner, "acme");
        for (ApiToken.Scope scope : ApiToken.Scope.values()) {
            String secret = w.memberships().createToken(ownerAccess, scope.name(), Set.of(scope)).secret();
            actors.add(new Actor("token " + scope, Optional.empty(), Optional.empty(), Optional.of(secret)));
        }
        actors.add(new Actor("anonymous", Optional.empty(), Optional.empty(), Optional.empty()));
        app = new WebServer(w.registry(), w.archive(), w.records(), w.analyzer())
                .withAccounts(w.accounts(), w.memberships(), w.organisationRecords()).start("127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
        app.stop();
        w.close();
    }

    private String alert(String organisation) {
        Alert alert = new Alert("event@" + organisation, organisation, "event", "amazon-web-services/acceptable-use-policy", Alert.Cadence.SAME_DAY,
                new Alert.Message("A change for " + organisation + (organisation.equals("other") ? " " + OTHER_MARK : ""),
                        "amazon-web-services/acceptable-use-policy", "AUP", Optional.empty(), 1, 2, Instant.now(), "the wording changes what it says",
                        "/documents/amazon-web-services/acceptable-use-policy/changes?from=1&to=2", List.of(), List.of(), ""), Instant.now());
        w.alerts().record(alert, List.of(), Instant.now());
        return alert.id();
    }

    private HttpResponse<String> send(Actor actor, HandlerType method, String path, String body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        actor.cookie().ifPresent(c -> request.header("Cookie", c));
        actor.bearer().ifPresent(b -> request.header("Authorization", "Bearer " + b));
        if (method == HandlerType.GET) {
            request.GET();
        } else {
            actor.csrf().filter(x -> contentType.equals("application/json")).ifPresent(c -> request.header("X-CSRF-Token", c));
            request.header("Content-Type", contentType).method(method.name(), HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String concrete(String path, String org, String alert, String channel) {
        return path.replace("{org}", org).replace("{alert}", URLEncoder.encode(alert, StandardCharsets.UTF_8)).replace("{channel}", channel);
    }

    private static String body(String path) {
        if (path.endsWith("/watches")) return "{\"kind\":\"platform\",\"target\":\"amazon-web-services\"}";
        if (path.endsWith("/channels")) return "{\"kind\":\"email\",\"id\":\"intruder\",\"address\":\"intruder@evil.test\"}";
        if (path.endsWith("/digest")) return "{\"day\":\"monday\",\"hour\":9,\"timeZone\":\"UTC\"}";
        return "{}";
    }

    @Test
    void a_report_comes_to_people_whose_organisation_is_on_the_professional_plan() throws Exception {
        String path = "/documents/amazon-web-services/acceptable-use-policy/report.pdf";
        Actor anonymous = actors.stream().filter(a -> a.name().equals("anonymous")).findFirst().orElseThrow();
        var anonymousAnswer = send(anonymous, HandlerType.GET, path, "", "");
        assertThat(anonymousAnswer.statusCode()).as("a page asks a stranger to sign in first").isEqualTo(303);
        assertThat(anonymousAnswer.headers().firstValue("Location").orElse("")).startsWith("/signin");
        User watcher = w.accounts().signUp("watcher@small.test", "Watcher", "a long passphrase for small");
        w.memberships().createOrganisation(watcher, "small", "Small");
        w.notifications().organisations().changePlan("small", Plan.WATCHER);
        var session = w.accounts().signIn("watcher@small.test", "a long passphrase for small");
        var refused = send(new Actor("watcher", Optional.of(Signed.COOKIE + "=" + session.token()), Optional.of(session.csrf()), Optional.empty()),
                HandlerType.GET, path, "", "");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Professional plan");
        Actor viewer = actors.stream().filter(a -> a.name().equals(Role.VIEWER.label())).findFirst().orElseThrow();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).header("Cookie", viewer.cookie().orElseThrow()).build();
        HttpResponse<byte[]> pdf = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        // A watchlist links each watched document's report on a plan with reports, and none on another.
        var aup = Watch.document(dev.clausewatch.registry.DocumentId.parse("amazon-web-services/acceptable-use-policy"));
        w.memberships().createOrganisation(watcher, "big", "Big");
        w.notifications().organisations().changePlan("big", Plan.PROFESSIONAL);
        w.notifications().organisations().watch("big", aup);
        w.notifications().organisations().watch("small", aup);
        Actor watcherActor = new Actor("watcher", Optional.of(Signed.COOKIE + "=" + session.token()), Optional.empty(), Optional.empty());
        assertThat(send(watcherActor, HandlerType.GET, "/orgs/big/watchlist", "", "").body()).contains("href=\"" + path + "\"");
        assertThat(send(watcherActor, HandlerType.GET, "/orgs/small/watchlist", "", "").body()).contains("acceptable-use-policy").doesNotContain("report.pdf");
    }

    @Test
    void every_api_route_about_another_organisation_is_refused_to_every_role_and_token() throws Exception {
        Map<String, Integer> answered = new LinkedHashMap<>();
        var routes = new OrganisationApi(null, null, null).routes().keySet();
        assertThat(routes).hasSizeGreaterThanOrEqualTo(14);
        for (OrganisationApi.Route route : routes) {
            String path = route.path() + (route.method() == HandlerType.DELETE && route.path().endsWith("/watches") ? "?kind=platform&target=amazon-web-services" : "");
            for (String target : List.of(concrete(path, "other", otherAlert, "other-mail"), concrete(path, "acme", otherAlert, "other-mail"))) {
                for (Actor actor : actors) {
                    HttpResponse<String> response = send(actor, route.method(), target, body(route.path()), "application/json");
                    answered.put(actor.name() + " " + route.method() + " " + target, response.statusCode());
                    assertThat(response.body()).as(actor.name() + " " + route.method() + " " + target).doesNotContain(OTHER_MARK);
                    if (target.contains("/orgs/other")) {
                        assertThat(response.statusCode()).as(actor.name() + " " + route.method() + " " + target)
                                .isEqualTo(actor.name().equals("anonymous") ? 401 : 404);
                    } else if (target.contains(otherAlert.replace("@", "%40")) || target.contains("other-mail")) {
                        assertThat(response.statusCode()).as(actor.name() + " " + route.method() + " " + target).isIn(401, 403, 404);
                    }
                }
            }
        }
        assertThat(w.alerts().watches("other")).as("nothing changed in the other organisation").hasSize(1);
        assertThat(w.alerts().channels("other")).singleElement().satisfies(c -> assertThat(c.id()).isEqualTo("other-mail"));
        assertThat(answered).hasSizeGreaterThan(14 * 2 * 8 - 1);
    }

    @Test
    void every_organisation_page_and_form_about_another_organisation_is_refused_and_the_private_feed_shows_only_its_own() throws Exception {
        var pages = List.of("/orgs/other", "/orgs/other/watchlist", "/orgs/other/alerts", "/orgs/other/channels", "/orgs/other/digest");
        var forms = List.of("/orgs/other/watches", "/orgs/other/watches/remove", "/orgs/other/channels", "/orgs/other/channels/remove",
                "/orgs/other/channels/test", "/orgs/other/feed", "/orgs/other/feed/revoke", "/orgs/other/alerts/feedback", "/orgs/other/digest",
                "/orgs/other/members/invite", "/orgs/other/members/role", "/orgs/other/tokens", "/orgs/other/tokens/revoke");
        for (Actor actor : actors.stream().filter(a -> a.bearer().isEmpty()).toList()) {
            for (String page : pages) {
                HttpResponse<String> response = send(actor, HandlerType.GET, page, "", "");
                assertThat(response.statusCode()).as(actor.name() + " GET " + page).isEqualTo(actor.name().equals("anonymous") ? 303 : 404);
                assertThat(response.body()).doesNotContain(OTHER_MARK);
            }
            for (String form : forms) {
                String fields = "_csrf=" + actor.csrf().orElse("") + "&kind=email&target=amazon-web-services&id=other-mail&address=x%40evil.test"
                        + "&alert=" + URLEncoder.encode(otherAlert, StandardCharsets.UTF_8) + "&answer=relevant&day=monday&hour=9&zone=UTC"
                        + "&email=intruder%40evil.test&role=owner&name=intruder&scopes=read";
                HttpResponse<String> response = send(actor, HandlerType.POST, form, fields, "application/x-www-form-urlencoded");
                assertThat(response.statusCode()).as(actor.name() + " POST " + form).isIn(401, 403, 404);
                assertThat(response.body()).doesNotContain(OTHER_MARK);
            }
        }
        // Own alerts with another organisation's alert id: not found, not the other's alert.
        Actor analyst = actors.stream().filter(a -> a.name().equals("analyst")).findFirst().orElseThrow();
        HttpResponse<String> feedback = send(analyst, HandlerType.POST, "/orgs/acme/alerts/feedback",
                "_csrf=" + analyst.csrf().orElseThrow() + "&alert=" + URLEncoder.encode(otherAlert, StandardCharsets.UTF_8) + "&answer=relevant",
                "application/x-www-form-urlencoded");
        assertThat(feedback.statusCode()).isEqualTo(404);
        assertThat(w.alerts().watches("other")).hasSize(1);

        // A form without the CSRF secret is refused even with the session cookie.
        Actor owner = actors.getFirst();
        HttpResponse<String> forged = send(owner, HandlerType.POST, "/orgs/acme/watches", "kind=platform&target=amazon-web-services",
                "application/x-www-form-urlencoded");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("this form is stale or was not sent from Clausewatch");
        assertThat(w.alerts().watches("acme")).isEmpty();

        // Signing in needs the form's own secret too: another site cannot sign someone into its account.
        HttpResponse<String> loginCsrf = send(actors.getLast(), HandlerType.POST, "/signin", "email=owner%40acme.test&password=a+long+passphrase+number+0",
                "application/x-www-form-urlencoded");
        assertThat(loginCsrf.statusCode()).isEqualTo(403);
        assertThat(loginCsrf.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(Signed.COOKIE + "="));

        // The private feed: its own alerts only; a made-up or revoked address is not found.
        Actor anonymous = actors.getLast();
        String feed = w.organisationRecords().renewFeed(w.memberships().access(w.accounts().user("owner@acme.test").orElseThrow(), "acme"));
        HttpResponse<String> atom = send(anonymous, HandlerType.GET, feed, "", "");
        assertThat(atom.statusCode()).isEqualTo(200);
        assertThat(atom.body()).contains("A change for acme").doesNotContain(OTHER_MARK);
        assertThat(send(anonymous, HandlerType.GET, "/feeds/alerts/cwf_madeup.atom", "", "").statusCode()).isEqualTo(404);
        w.organisationRecords().revokeFeed(w.memberships().access(w.accounts().user("owner@acme.test").orElseThrow(), "acme"));
        assertThat(send(anonymous, HandlerType.GET, feed, "", "").statusCode()).isEqualTo(404);
    }

    @Test
    void within_its_own_organisation_each_role_and_scope_may_do_what_it_is_given_and_no_more() throws Exception {
        for (Actor actor : actors) {
            HttpResponse<String> read = send(actor, HandlerType.GET, "/api/v1/orgs/acme/alerts", "", "");
            assertThat(read.statusCode()).as(actor.name()).isEqualTo(actor.name().equals("anonymous") ? 401 : 200);
            if (read.statusCode() == 200) assertThat(read.body()).contains(ownAlert).doesNotContain(OTHER_MARK);
            HttpResponse<String> watch = send(actor, HandlerType.POST, "/api/v1/orgs/acme/watches", body("/watches"), "application/json");
            boolean mayWatch = Set.of("owner", "admin", "analyst", "token WATCH").contains(actor.name());
            assertThat(watch.statusCode()).as(actor.name() + " adds a watch").isEqualTo(mayWatch ? 201 : actor.name().equals("anonymous") ? 401 : 403);
            HttpResponse<String> channels = send(actor, HandlerType.POST, "/api/v1/orgs/acme/channels",
                    "{\"kind\":\"email\",\"id\":\"c-" + actor.name().replace(' ', '-').toLowerCase() + "\",\"address\":\"x@acme.test\"}", "application/json");
            boolean mayManage = Set.of("owner", "admin", "token CHANNELS").contains(actor.name());
            assertThat(channels.statusCode()).as(actor.name() + " adds a channel").isEqualTo(mayManage ? 201 : actor.name().equals("anonymous") ? 401 : 403);
        }
    }
}
