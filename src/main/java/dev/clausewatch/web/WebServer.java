package dev.clausewatch.web;

import dev.clausewatch.account.Accounts;
import dev.clausewatch.account.Memberships;
import dev.clausewatch.account.OrganisationRecords;
import dev.clausewatch.account.Refused;

import dev.clausewatch.analysis.Analyzer;
import dev.clausewatch.analysis.StanceRules;
import dev.clausewatch.analysis.TopicClassifier;
import dev.clausewatch.analysis.TopicComparison;
import dev.clausewatch.archive.Archive;
import dev.clausewatch.archive.Ledger;
import dev.clausewatch.capture.Sha256;
import dev.clausewatch.derivation.DerivedRecords;
import dev.clausewatch.change.DocumentChanges.VersionProvisions;
import dev.clausewatch.change.ProvisionChange;
import dev.clausewatch.knowledge.Knowledge;
import dev.clausewatch.knowledge.Topic;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.Platform;
import dev.clausewatch.registry.PlatformId;
import dev.clausewatch.registry.Registry;
import dev.clausewatch.search.ArchiveSearch;
import dev.clausewatch.search.ProvisionIndex;
import dev.clausewatch.search.SearchQuery;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Serves the archive over HTTP: the pages ({@link Pages}), the JSON API ({@link Api}) and the Atom
 * feeds ({@link Feeds}), with the security headers and the errors they share. Built on plain
 * constructors from the services it needs; {@link #start} binds it (port 0 picks a free port, as the tests do).
 */
public final class WebServer {
    /** A request for something the archive does not have. */
    static final class NotFound extends RuntimeException {
        NotFound(String sentence) {
            super(sentence);
        }
    }

    /** A request for something the archive has but cannot give yet (e.g. evidence before a head covers it). */
    static final class NotYet extends RuntimeException {
        NotYet(String sentence) {
            super(sentence);
        }
    }

    private final java.time.Instant started = java.time.Instant.now();
    private final Registry registry;
    private final ArchiveView view;
    private final Selection selection;
    private final Pages pages;
    private final Api api;
    private final ArchiveSearch search;
    private final Feeds feeds;
    private final Knowledge knowledge;
    private final TopicComparison comparison;
    private final byte[] css;
    private final String cssPath;
    private AccountPages accountPages;
    private dev.clausewatch.monitoring.Monitoring monitoring;
    private OrganisationApi organisationApi;
    private OrganisationRecords organisationRecords;

    /** A server whose search index lives in memory, filled from the derived records when it starts. */
    public WebServer(Registry registry, Archive archive, DerivedRecords changes, Analyzer analyzer) {
        this(registry, archive, changes, analyzer, new ArchiveSearch(registry, changes, analyzer, ProvisionIndex.inMemory()));
    }

    /**
     * A server over the derived records. It only reads them: the processor derives them, and
     * {@code search} is kept current by whoever follows the events (see ServeCommand).
     */
    public WebServer(Registry registry, Archive archive, DerivedRecords changes, Analyzer analyzer, ArchiveSearch search) {
        this.registry = registry;
        this.view = new ArchiveView(registry, archive, changes, analyzer);
        this.selection = new Selection(view);
        // The knowledge the analysis was built with (a user's own files included), not a second copy.
        this.knowledge = analyzer.knowledge();
        this.comparison = new TopicComparison(new TopicClassifier(knowledge), StanceRules.bundled());
        this.css = resource("/web/app.css", "the stylesheet");
        // The asset's name carries its hash, so it can be cached for a year and still change with a release.
        this.cssPath = "/static/app-" + Sha256.of(css).substring(0, 12) + ".css";
        this.pages = new Pages(view, cssPath);
        this.feeds = new Feeds(changes, view);
        this.search = search;
        this.api = new Api(view, selection, search, comparison, resource("/web/openapi.json", "the OpenAPI description"));
    }

    /** The same server with people, organisations and their records: sign-in pages, organisation pages and API, private feeds. */
    public WebServer withAccounts(Accounts accounts, Memberships memberships, OrganisationRecords records) {
        Signed signed = new Signed(accounts);
        this.accountPages = new AccountPages(accounts, memberships, records, signed, pages);
        this.organisationApi = new OrganisationApi(signed, memberships, records);
        this.organisationRecords = records;
        return this;
    }

    /**
     * The same server with operations' routes: {@code /healthz} (the process serves),
     * {@code /readyz} (the store answers and the search index is current: 503 with the failing
     * checks otherwise) and {@code /metrics} (Prometheus), and each request timed by route.
     */
    public WebServer withMonitoring(dev.clausewatch.monitoring.Monitoring monitoring) {
        this.monitoring = monitoring;
        return this;
    }

    /** The same server with the tracking log: a platform page says why a declared document has no version (its last capture's failure, or none attempted). */
    public WebServer withTracking(dev.clausewatch.tracking.TrackingLog log) {
        pages.withTracking(log);
        return this;
    }

    /** The same server with the archive's log: versions' evidence (inclusion proofs under the newest signed head) in the API. */
    public WebServer withLedger(Ledger ledger) {
        api.withLedger(ledger);
        return this;
    }

    private static byte[] resource(String path, String what) {
        try (var in = WebServer.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException(what + " (" + path + ") is missing from the build");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(what + " (" + path + ") cannot be read", e);
        }
    }

    public Javalin start(String host, int port) {
        view.prepareInBackground();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // A path that exists under another method answers 405 with the methods it has (RFC 9110 §15.5.6), not 404.
            config.http.prefer405over404 = true;
            // The home page and search also show the registry and the search index, which the derived records do not date: ETag only.
            getAndHead(config, "/", pages::home);
            archived(config, "/methodology", pages::methodology);
            getAndHead(config, "/search", ctx -> {
                String q = ctx.queryParam("q");
                if (q == null || q.isBlank()) {
                    pages.search(ctx, null, null);
                } else {
                    SearchQuery query = Selection.searchQuery(ctx, 20);
                    pages.search(ctx, search.search(query), query);
                }
            });
            // A check reads the registry (which platforms) as well as the derived records: ETag only.
            getAndHead(config, "/check", ctx -> {
                if (ctx.queryParam("use") == null && ctx.queryParams("platforms").isEmpty()) {
                    pages.check(ctx, null);
                    return;
                }
                pages.check(ctx, view.check(Selection.intendedUse(ctx)));
            });
            archived(config, "/regulations/{regulation}", ctx -> pages.regulation(ctx, view.analyzer().knowledge().regulation(ctx.pathParam("regulation"))
                    .orElseThrow(() -> new NotFound("No regulation " + ctx.pathParam("regulation") + " in the knowledge data.")),
                    java.util.Optional.ofNullable(ctx.queryParam("article"))));
            archived(config, "/topics", pages::topics);
            archived(config, "/topics/{topic}", ctx -> {
                String id = ctx.pathParam("topic");
                pages.topic(ctx, id, topic(id), comparison);
            });
            archived(config, "/feeds/documents/{platform}/{type}.atom", ctx -> {
                Document d = selection.document(ctx, ctx.pathParam("type").replaceAll("\\.atom$", ""));
                feeds.documents(ctx, Feeds.Subject.document(d), List.of(d));
            });
            archived(config, "/feeds/platforms/{platform}.atom", ctx -> {
                Platform p = platform(ctx.pathParam("platform").replaceAll("\\.atom$", ""));
                feeds.documents(ctx, Feeds.Subject.platform(p), registry.documents(p.id()));
            });
            archived(config, "/feeds/topics/{topic}.atom", ctx -> {
                String id = ctx.pathParam("topic").replaceAll("\\.atom$", "");
                Topic topic = topic(id);
                feeds.topic(ctx, Feeds.Subject.topic(topic), registry.documents(), topic.title(), change -> onTopic(change, id));
            });
            // Not dated by the derived records alone: it also says which captures failed, from the tracking log (the ETag covers both).
            getAndHead(config, "/platforms/{platform}", ctx -> pages.platform(ctx, platform(ctx.pathParam("platform"))));
            getAndHead(config, "/platforms/{platform}/contradictions", ctx -> {
                Platform platform = platform(ctx.pathParam("platform"));
                pages.contradictions(ctx, platform, view.contradictions(platform.id()));
            });
            archived(config, "/documents/{platform}/{type}", ctx -> {
                Document document = selection.document(ctx);
                List<VersionProvisions> history = view.history(document);
                String at = ctx.queryParam("at");
                pages.document(ctx, document, history, at == null || at.isBlank() ? history.getLast() : selection.inForce(document, history, at));
            });
            archived(config, "/documents/{platform}/{type}/changes", ctx -> {
                Document document = selection.document(ctx);
                List<VersionProvisions> history = view.history(document);
                Selection.Pair pair = selection.pair(ctx, document, history);
                pages.change(ctx, document, history, pair.from(), pair.to());
            });
            archived(config, "/documents/{platform}/{type}/provisions/{id}", ctx -> pages.provision(ctx, selection.document(ctx), ctx.pathParam("id")));
            getAndHead(config, cssPath, ctx -> ctx.contentType("text/css; charset=utf-8")
                    .header("Cache-Control", "public, max-age=31536000, immutable").result(css));
            config.routes.after(ctx -> {
                ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Referrer-Policy", "no-referrer");
                if (ctx.res().getHeader("Cache-Control") == null) ctx.header("Cache-Control", "no-cache");
                // Javalin gzips a body a client accepts gzipped: a cache must keep the two apart.
                if (ctx.res().getHeader("Vary") == null) ctx.header("Vary", "Accept-Encoding");
                // Only reads are refused for their type: a change has been made by now, and must not look failed.
                boolean reads = ctx.method() == io.javalin.http.HandlerType.GET || ctx.method() == io.javalin.http.HandlerType.HEAD;
                if (reads && ctx.statusCode() / 100 == 2 && !Negotiation.accepts(ctx.header("Accept"), ctx.res().getContentType())) {
                    error(ctx, HttpStatus.NOT_ACCEPTABLE, ctx.path() + " is " + Negotiation.essence(ctx.res().getContentType())
                            + ", which the request's Accept (" + ctx.header("Accept") + ") does not take.");
                }
                // A signed-in person's page is never stored, so a validator for it would only be noise.
                if (!String.valueOf(ctx.res().getHeader("Cache-Control")).contains("no-store")) Conditional.tag(ctx);
            });
            api.routes().forEach((path, handler) -> {
                if (Api.DATED_BY_RECORDS.test(path)) archived(config, path, handler);
                else getAndHead(config, path, handler);
            });
            if (accountPages != null) {
                accountPages.gets().forEach((path, handler) -> getAndHead(config, path, handler));
                accountPages.posts().forEach(config.routes::post);
                organisationApi.routes().forEach((route, handler) -> config.routes.addHttpHandler(route.method(), route.path(), handler));
                getAndHead(config, "/feeds/alerts/{secret}", ctx -> feeds.alerts(ctx, organisationRecords.feed(ctx.pathParam("secret").replaceFirst("\\.atom$", ""))));
                getAndHead(config, "/documents/{platform}/{type}/report.pdf", this::report);
            }
            if (monitoring != null) operations(config);
            config.routes.exception(io.javalin.http.MethodNotAllowedResponse.class, (e, ctx) -> methodNotAllowed(ctx, e));
            config.routes.exception(Refused.class, (e, ctx) -> refused(ctx, e));
            config.routes.exception(NotFound.class, (e, ctx) -> error(ctx, HttpStatus.NOT_FOUND, e.getMessage()));
            config.routes.exception(NotYet.class, (e, ctx) -> error(ctx, HttpStatus.CONFLICT, e.getMessage()));
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
            config.routes.error(404, ctx -> {
                // Our own 404s already carry a sentence; Javalin's "endpoint not found" gets one too.
                if (!ctx.attributeMap().containsKey(ERROR_WRITTEN)) {
                    error(ctx, HttpStatus.NOT_FOUND, "There is no " + (isApi(ctx) ? "API route " : "page ") + ctx.method() + " " + ctx.path() + ".");
                }
            });
        }).start(host, port);
        warm();
        return app;
    }

    private void operations(io.javalin.config.JavalinConfig config) {
        getAndHead(config, "/healthz", ctx -> ctx.json(Map.of("status", "up")));
        getAndHead(config, "/readyz", ctx -> {
            Map<String, Object> checks = new java.util.LinkedHashMap<>();
            checks.put("store", monitoring.storeAnswers() ? "ok" : "the database does not answer");
            checks.put("search", search.current() ? "ok" : "the search index is being brought up to date");
            boolean ready = checks.values().stream().allMatch("ok"::equals);
            Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("status", ready ? "ready" : "not ready", "checks", checks));
            // The backlog is said, not judged: a node far behind still serves what is derived.
            if (ready) {
                var backlog = monitoring.backlog();
                body.put("backlog", Map.of("documents", backlog.documents(), "events", backlog.events(),
                        "lagSeconds", backlog.lag().map(java.time.Duration::toSeconds).orElse(0L)));
            }
            ctx.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).header("Cache-Control", "no-store").json(body);
        });
        getAndHead(config, "/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").header("Cache-Control", "no-store")
                .result(monitoring.scrape()));
        config.requestLogger.http((ctx, millis) -> {
            io.javalin.router.Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
            monitoring.request(ctx.method().name(), endpoint == null ? "unmatched" : endpoint.path, ctx.statusCode(), millis);
        });
    }

    /** A document's report (or one provision's, with {@code ?provision=}) as PDF, for people whose organisation's plan has reports. */
    private void report(io.javalin.http.Context ctx) {
        accountPages.requireReports(ctx);
        var document = selection.document(ctx);
        var report = new dev.clausewatch.report.Reports(view.archive(), view.changes(), view.analyzer()).of(document,
                java.util.Optional.ofNullable(ctx.queryParam("provision")), java.util.Optional.empty(), java.util.Optional.empty(), api.head(),
                java.time.Instant.now());
        ctx.contentType("application/pdf").header("Content-Disposition", "attachment; filename=\"" + document.id().toString().replace('/', '-')
                + (ctx.queryParam("provision") == null ? "" : "-" + ctx.queryParam("provision")) + ".pdf\"")
                .result(dev.clausewatch.report.ReportPdf.of(report));
    }

    /** Every API route's path, as the OpenAPI description must list them (checked by a test). */
    java.util.Set<String> apiRoutes() {
        java.util.Set<String> paths = new java.util.LinkedHashSet<>(api.routes().keySet());
        if (organisationApi != null) organisationApi.routes().keySet().forEach(r -> paths.add(r.path()));
        return paths;
    }

    /**
     * A page or API route answers HEAD as it answers GET: the same handler, so the same status and
     * headers (Jetty sends no body for HEAD); Javalin alone answers HEAD with an empty text/plain.
     */
    private static void getAndHead(io.javalin.config.JavalinConfig config, String path, io.javalin.http.Handler handler) {
        config.routes.get(path, handler);
        config.routes.addHttpHandler(io.javalin.http.HandlerType.HEAD, path, handler);
    }

    /**
     * A public page or route built from the derived records alone: like {@link #getAndHead}, dated
     * ({@code Last-Modified}) by when those records last changed, or by this server's start when
     * later (a new build may render the same records anew). Left undated within a second of a
     * change, since HTTP dates count whole seconds and a second change in that second would go
     * unseen. The date is checked against {@code If-Modified-Since} after the page is built, so a
     * request that fails still fails (RFC 9110 §13.2.1).
     */
    private void archived(io.javalin.config.JavalinConfig config, String path, Handler handler) {
        getAndHead(config, path, ctx -> {
            java.time.Instant changed = view.changes().changedAt().filter(started::isBefore).orElse(started);
            if (changed.isBefore(java.time.Instant.now().minusSeconds(1))) Conditional.datedBy(ctx, changed);
            handler.handle(ctx);
        });
    }

    /** 405 with the path's methods in {@code Allow} (HEAD goes with GET, as Javalin answers it) and said in words. */
    private void methodNotAllowed(Context ctx, io.javalin.http.MethodNotAllowedResponse e) {
        java.util.Set<String> allowed = new java.util.LinkedHashSet<>();
        for (String m : String.join(",", e.getDetails().values()).split("\\s*,\\s*")) if (!m.isBlank()) allowed.add(m.strip().toUpperCase(java.util.Locale.ROOT));
        if (allowed.contains("GET")) allowed.add("HEAD");
        ctx.header("Allow", String.join(", ", allowed));
        error(ctx, HttpStatus.METHOD_NOT_ALLOWED, ctx.path() + " does not answer " + ctx.method() + "; it answers " + String.join(", ", allowed) + ".");
    }

    /** A refusal: sign in first (a page asked for by a browser goes to the sign-in form and back), or its status and sentence. */
    private void refused(Context ctx, Refused e) {
        if (e.kind() == Refused.Kind.UNAUTHENTICATED && !isApi(ctx) && ctx.method() == io.javalin.http.HandlerType.GET) {
            String back = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            ctx.redirect("/signin?then=" + java.net.URLEncoder.encode(back, java.nio.charset.StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
            return;
        }
        if (e.kind() == Refused.Kind.UNAUTHENTICATED && isApi(ctx)) ctx.header("WWW-Authenticate", "Bearer realm=\"clausewatch\"");
        error(ctx, HttpStatus.forStatus(e.kind().status()), e.getMessage());
    }

    private Platform platform(String id) {
        PlatformId platform = new PlatformId(id);
        return registry.platform(platform).orElseThrow(() -> new NotFound("No platform " + platform + " is tracked."));
    }

    private Topic topic(String id) {
        return knowledge.topic(id).orElseThrow(() -> new NotFound("No topic " + id + " in the knowledge data."));
    }

    /** Whether the provision changed, before or after the change, is on the topic. */
    private boolean onTopic(ProvisionChange change, String topicId) {
        java.util.Set<String> on = view.changedTextsOn(topicId);
        return Stream.concat(change.before().stream(), change.after().stream()).anyMatch(p -> on.contains(p.text()));
    }

    private static final String ERROR_WRITTEN = "clausewatch.error-written";

    private static boolean isApi(Context ctx) {
        return ctx.path().startsWith("/api/");
    }

    /**
     * The same error for people and programs: problem details (RFC 9457) under {@code /api}, an
     * HTML page elsewhere, each with the sentence saying what was asked and what is wrong with it.
     */
    private void error(Context ctx, HttpStatus status, String detail) {
        ctx.attribute(ERROR_WRITTEN, true);
        ctx.status(status);
        if (isApi(ctx)) {
            String instance = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            ctx.json(Problem.of(status.getCode(), status.getMessage(), detail, instance)).contentType(Problem.MEDIA_TYPE);
        } else {
            pages.error(ctx, status.getCode(), status == HttpStatus.NOT_FOUND ? "Not found" : "This request cannot be answered", detail);
        }
    }

    /** Brings the search index up to the derived records before the first search (a restarted node indexes only what moved). */
    private void warm() {
        try {
            search.refresh();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(WebServer.class).warn("the search index could not be brought up to date: {}", e.toString());
        }
    }
}
