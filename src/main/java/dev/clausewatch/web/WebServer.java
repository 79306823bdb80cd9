package dev.clausewatch.web;

import dev.clausewatch.archive.Chain;
import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.change.ChangeSet;
import dev.clausewatch.change.DocumentChanges.VersionProvisions;
import dev.clausewatch.change.DocumentChanges;
import dev.clausewatch.archive.Archive;
import dev.clausewatch.provision.EffectiveDate;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.DocumentType;
import dev.clausewatch.registry.PlatformId;
import dev.clausewatch.registry.Registry;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves the archive over HTTP. Built on plain constructors from the services it needs; {@link #start}
 * binds it (port 0 picks a free port, as the tests do).
 */
public final class WebServer {
    /** A request for something the archive does not have. */
    static final class NotFound extends RuntimeException {
        NotFound(String sentence) {
            super(sentence);
        }
    }

    private final Registry registry;
    private final Archive archive;
    private final DocumentChanges changes;
    private final dev.clausewatch.analysis.Analyzer analyzer;
    private final Pages pages;
    private final dev.clausewatch.search.ArchiveSearch search;
    private final Feeds feeds;
    private final byte[] css;
    private final byte[] openApi;
    private final String cssPath;

    private final dev.clausewatch.knowledge.Knowledge knowledge;
    private final dev.clausewatch.analysis.TopicComparison comparison;

    public WebServer(Registry registry, Archive archive, DocumentChanges changes, dev.clausewatch.analysis.Analyzer analyzer) {
        this.registry = registry;
        this.archive = archive;
        this.changes = changes;
        this.analyzer = analyzer;
        // The knowledge the analysis was built with (a user's own files included), not a second copy.
        this.knowledge = analyzer.knowledge();
        this.comparison = new dev.clausewatch.analysis.TopicComparison(new dev.clausewatch.analysis.TopicClassifier(knowledge),
                dev.clausewatch.analysis.StanceRules.bundled());
        try (var in = WebServer.class.getResourceAsStream("/web/app.css")) {
            this.css = in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the stylesheet is missing from the build", e);
        }
        // The asset's name carries its hash, so it can be cached for a year and still change with a release.
        try (var in = WebServer.class.getResourceAsStream("/web/openapi.json")) {
            this.openApi = in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the OpenAPI description is missing from the build", e);
        }
        this.cssPath = "/static/app-" + dev.clausewatch.capture.Sha256.of(css).substring(0, 12) + ".css";
        this.pages = new Pages(registry, archive, changes, analyzer, cssPath);
        this.feeds = new Feeds(changes);
        this.search = new dev.clausewatch.search.ArchiveSearch(registry, archive, changes, analyzer);
    }

    public Javalin start(String host, int port) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/", pages::home);
            config.routes.get("/methodology", pages::methodology);
            config.routes.get("/search", ctx -> {
                String q = ctx.queryParam("q");
                pages.search(ctx, q == null || q.isBlank() ? null : search.search(searchQuery(ctx, 20)));
            });
            config.routes.get("/topics/{topic}", ctx -> {
                String id = ctx.pathParam("topic");
                var topic = knowledge.topic(id).orElseThrow(() -> new NotFound("No topic " + id + " in the knowledge data."));
                pages.topic(ctx, id, topic, comparison);
            });
            config.routes.get("/feeds/documents/{platform}/{type}.atom", ctx -> {
                Document d = document(ctx, ctx.pathParam("type").replaceAll("\\.atom$", ""));
                feeds.documents(ctx, d.title() + " — Clausewatch", ctx.path(), List.of(d));
            });
            config.routes.get("/feeds/platforms/{platform}.atom", ctx -> {
                PlatformId platform = new PlatformId(ctx.pathParam("platform").replaceAll("\\.atom$", ""));
                var p = registry.platform(platform).orElseThrow(() -> new NotFound("No platform " + platform + " is tracked."));
                feeds.documents(ctx, p.name() + " — Clausewatch", ctx.path(), registry.documents(platform));
            });
            config.routes.get("/feeds/topics/{topic}.atom", ctx -> {
                String id = ctx.pathParam("topic").replaceAll("\\.atom$", "");
                var topic = knowledge.topic(id).orElseThrow(() -> new NotFound("No topic " + id + " in the knowledge data."));
                feeds.topic(ctx, topic.title() + " — Clausewatch", ctx.path(), registry.documents(), topic.title(), change -> onTopic(change, id));
            });
            config.routes.get("/platforms/{platform}", ctx -> {
                PlatformId platform = new PlatformId(ctx.pathParam("platform"));
                pages.platform(ctx, registry.platform(platform).orElseThrow(() -> new NotFound("No platform " + platform + " is tracked.")));
            });
            config.routes.get("/documents/{platform}/{type}", ctx -> pages.document(ctx, document(ctx)));
            config.routes.get("/documents/{platform}/{type}/changes", ctx -> {
                Document document = document(ctx);
                List<VersionProvisions> history = history(document);
                Pair pair = pair(ctx, document, history);
                pages.change(ctx, document, history, pair.from(), pair.to());
            });
            config.routes.get("/documents/{platform}/{type}/provisions/{id}", ctx -> pages.provision(ctx, document(ctx), ctx.pathParam("id")));
            config.routes.get(cssPath, ctx -> ctx.contentType("text/css; charset=utf-8")
                    .header("Cache-Control", "public, max-age=31536000, immutable").result(css));
            config.routes.after(ctx -> {
                ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Referrer-Policy", "no-referrer");
                if (ctx.res().getHeader("Cache-Control") == null) ctx.header("Cache-Control", "no-cache");
            });
            apiRoutes().forEach(config.routes::get);
            config.routes.exception(NotFound.class, (e, ctx) -> error(ctx, HttpStatus.NOT_FOUND, e.getMessage()));
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
            config.routes.error(404, ctx -> {
                // Our own 404s are already JSON sentences; Javalin's "endpoint not found" becomes one too.
                String type = ctx.res().getContentType();
                if (type == null || !type.startsWith("application/json")) {
                    error(ctx, HttpStatus.NOT_FOUND, "There is no API route " + ctx.method() + " " + ctx.path() + ".");
                }
            });
        }).start(host, port);
        warmSearch();
        return app;
    }

    /** Every API route, as the OpenAPI description must list them (checked by a test). */
    Map<String, io.javalin.http.Handler> apiRoutes() {
        Map<String, io.javalin.http.Handler> routes = new LinkedHashMap<>();
        routes.put("/api/v1/platforms", this::platforms);
        routes.put("/api/v1/platforms/{platform}/documents", this::documents);
        routes.put("/api/v1/documents/{platform}/{type}/versions", this::versions);
        routes.put("/api/v1/documents/{platform}/{type}/versions/in-force", this::inForce);
        routes.put("/api/v1/documents/{platform}/{type}/provisions", this::provisions);
        routes.put("/api/v1/documents/{platform}/{type}/changes", this::changes);
        routes.put("/api/v1/search", this::search);
        routes.put("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        return routes;
    }

    /** Whether the provision changed, before or after the change, is on the topic. */
    private boolean onTopic(dev.clausewatch.change.ProvisionChange change, String topicId) {
        return java.util.stream.Stream.concat(change.before().stream(), change.after().stream())
                .anyMatch(p -> analyzer.topics(p).stream().anyMatch(m -> m.topicId().equals(topicId)));
    }

    private static void error(Context ctx, HttpStatus status, String detail) {
        ctx.status(status).json(new ApiError(status.getCode(), status.getMessage(), detail));
    }

    private void platforms(Context ctx) {
        ctx.json(page(ctx, registry.platforms()).stream().map(p -> Map.of("id", p.id().value(), "name", p.name(),
                "documents", registry.documents(p.id()).size())).toList());
    }

    private void documents(Context ctx) {
        PlatformId platform = new PlatformId(ctx.pathParam("platform"));
        if (registry.platform(platform).isEmpty()) throw new NotFound("No platform " + platform + " is tracked.");
        ctx.json(page(ctx, registry.documents(platform)).stream().map(d -> Map.of("id", d.id().toString(), "type", d.id().type().name(),
                "title", d.title(), "versions", archive.timeline(d.id()).size())).toList());
    }

    private void versions(Context ctx) {
        Document document = document(ctx);
        ctx.json(page(ctx, archive.timeline(document.id())).stream().map(WebServer::version).toList());
    }

    /**
     * Builds the search index in the background, so the first search after start-up does not wait
     * for every passage to be classified. A failure here is only logged: a search builds it again.
     */
    private void warmSearch() {
        Thread.ofVirtual().name("search-index-warmup").start(() -> {
            try {
                search.index();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(WebServer.class).info("search index not prebuilt ({}); the first search will build it", e.toString());
            }
        });
    }

    private void search(Context ctx) {
        var results = search.search(searchQuery(ctx, DEFAULT_LIMIT));
        ctx.header("X-Total-Count", String.valueOf(results.total()));
        ctx.json(Map.of("total", results.total(), "hits", results.hits().stream().map(h -> {
            var p = h.passage();
            Map<String, Object> hit = new LinkedHashMap<>();
            hit.put("document", p.platform() + "/" + p.type());
            hit.put("title", p.documentTitle());
            hit.put("provision", p.provisionId());
            hit.put("text", p.text());
            hit.put("topics", p.topics());
            hit.put("versions", Map.of("first", p.firstVersion(), "last", p.lastVersion()));
            hit.put("since", p.since().toString());
            hit.put("current", p.current());
            hit.put("score", h.score());
            return hit;
        }).toList()));
    }

    /** The search asked for by {@code q}, {@code platform}, {@code type}, {@code topic}, {@code since}, {@code until}, {@code past}, {@code limit}, {@code offset}. */
    private static dev.clausewatch.search.SearchQuery searchQuery(Context ctx, int defaultLimit) {
        return new dev.clausewatch.search.SearchQuery(ctx.queryParam("q"), optional(ctx, "platform"), optional(ctx, "type"), optional(ctx, "topic"),
                date(ctx, "since"), date(ctx, "until"), "on".equals(ctx.queryParam("past")) || "true".equals(ctx.queryParam("past")),
                intParam(ctx, "limit", defaultLimit, 1, MAX_LIMIT), intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE));
    }

    private static java.util.Optional<String> optional(Context ctx, String name) {
        return java.util.Optional.ofNullable(ctx.queryParam(name)).filter(v -> !v.isBlank());
    }

    private static java.util.Optional<java.time.LocalDate> date(Context ctx, String name) {
        return optional(ctx, name).map(v -> {
            try {
                return java.time.LocalDate.parse(v);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("The parameter " + name + "=" + v + " must be a date written YYYY-MM-DD.");
            }
        });
    }

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /**
     * The part of a list that {@code limit} and {@code offset} ask for. The body stays a plain array;
     * the total goes in {@code X-Total-Count} and the next page's address in a {@code Link} header.
     */
    private static <T> List<T> page(Context ctx, List<T> all) {
        int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        ctx.header("X-Total-Count", String.valueOf(all.size()));
        if (offset + limit < all.size()) {
            ctx.header("Link", "<" + ctx.path() + "?limit=" + limit + "&offset=" + (offset + limit) + ">; rel=\"next\"");
        }
        return all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit));
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null) return fallback;
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new IllegalArgumentException("The parameter " + name + "=" + value + " must be a whole number from " + min
                + (max == Integer.MAX_VALUE ? " up" : " to " + max) + ".");
    }

    private void inForce(Context ctx) {
        Document document = document(ctx);
        String at = ctx.queryParam("at");
        Instant instant = at == null ? Instant.MAX : endOf(at);
        TimelineEntry entry = archive.inForceAt(document.id(), instant).orElseThrow(() -> new NotFound(
                "No version of " + document.id() + " in force on " + at + "."));
        Map<String, Object> body = new LinkedHashMap<>(version(entry));
        body.put("markdown", archive.text(entry.version()));
        ctx.json(body);
    }

    private void provisions(Context ctx) {
        Document document = document(ctx);
        VersionProvisions version = select(document, history(document), ctx.queryParam("at"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("document", document.id().toString());
        body.put("version", version(version.entry()));
        body.put("effectiveDate", EffectiveDate.in(version.provisions()).map(d -> d.date().toString()).orElse(null));
        body.put("provisions", version.provisions().stream().map(WebServer::provision).toList());
        ctx.json(body);
    }

    private void changes(Context ctx) {
        Document document = document(ctx);
        Pair pair = pair(ctx, document, history(document));
        VersionProvisions from = pair.from();
        VersionProvisions to = pair.to();
        ChangeSet set = changes.compare(from, to);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("document", document.id().toString());
        body.put("from", version(from.entry()));
        body.put("to", version(to.entry()));
        body.put("substantive", set.substantive());
        body.put("technical", set.technical());
        body.put("counts", set.counts());
        body.put("changes", set.changes().stream().map(c -> {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("provisionId", c.provisionId());
            change.put("kind", c.kind().name());
            change.put("substantive", c.substantive());
            change.put("reason", c.reason().name());
            change.put("location", c.location());
            change.put("before", c.before().map(Provision::text).orElse(null));
            change.put("after", c.after().map(Provision::text).orElse(null));
            change.put("edits", c.edits());
            return change;
        }).toList());
        ctx.json(body);
    }

    private Document document(Context ctx) {
        return document(ctx, ctx.pathParam("type"));
    }

    private Document document(Context ctx, String typeSlug) {
        DocumentId id;
        try {
            id = new DocumentId(new PlatformId(ctx.pathParam("platform")), DocumentType.fromSlug(typeSlug));
        } catch (IllegalArgumentException e) {
            throw new NotFound("No document " + ctx.pathParam("platform") + "/" + typeSlug + " is tracked: " + e.getMessage() + ".");
        }
        return registry.document(id).orElseThrow(() -> new NotFound("No document " + id + " is tracked."));
    }

    private List<VersionProvisions> history(Document document) {
        List<VersionProvisions> history = changes.history(document.id());
        if (history.isEmpty()) throw new NotFound("No version of " + document.id() + " is archived yet.");
        return history;
    }

    private record Pair(VersionProvisions from, VersionProvisions to) {}

    /** The versions {@code from} and {@code to} name; by default the latest and the one before it. */
    private Pair pair(Context ctx, Document document, List<VersionProvisions> history) {
        VersionProvisions to = select(document, history, ctx.queryParam("to"));
        VersionProvisions from = ctx.queryParam("from") == null ? history.get(Math.max(0, to.entry().number() - 2))
                : select(document, history, ctx.queryParam("from"));
        return new Pair(from, to);
    }

    /** A version of {@code history} by number (1 = oldest), hash prefix, or date (in force then); the latest when absent. */
    private VersionProvisions select(Document document, List<VersionProvisions> history, String selector) {
        if (selector == null) return history.getLast();
        if (selector.matches("\\d{1,5}")) {
            int n = Integer.parseInt(selector);
            if (n < 1 || n > history.size()) throw new NotFound("No version " + n + " of " + document.id() + ": it has versions 1 to " + history.size() + ".");
            return history.get(n - 1);
        }
        if (selector.matches("[0-9a-f]{6,64}")) {
            return history.stream().filter(v -> v.entry().version().contentSha256().startsWith(selector)).findFirst()
                    .orElseThrow(() -> new NotFound("No version of " + document.id() + " has a hash starting " + selector + "."));
        }
        String sha = archive.inForceAt(document.id(), endOf(selector)).orElseThrow(() -> new NotFound(
                "No version of " + document.id() + " in force on " + selector + ".")).version().contentSha256();
        return history.stream().filter(v -> v.entry().version().contentSha256().equals(sha)).findFirst().orElseThrow();
    }

    private static Map<String, Object> version(TimelineEntry e) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("number", e.number());
        v.put("sha256", e.version().contentSha256());
        v.put("kind", e.version().kind().name());
        v.put("firstObservedAt", Chain.instant(e.firstObservedAt()));
        v.put("lastObservedAt", Chain.instant(e.lastObservedAt()));
        return v;
    }

    private static Map<String, Object> provision(Provision p) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", p.id());
        v.put("kind", p.kind().name());
        v.put("number", p.number());
        v.put("trail", p.trail());
        v.put("text", p.text());
        return v;
    }

    static Instant endOf(String text) {
        return Archive.endOf(text);
    }
}
