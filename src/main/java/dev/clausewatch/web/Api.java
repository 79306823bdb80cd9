package dev.clausewatch.web;

import dev.clausewatch.analysis.ProvisionAnalysis;
import dev.clausewatch.analysis.TopicComparison;
import dev.clausewatch.archive.Archive;
import dev.clausewatch.archive.Chain;
import dev.clausewatch.archive.Ledger;
import dev.clausewatch.archive.TreeHead;
import dev.clausewatch.archive.Version;
import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.change.ChangeSet;
import dev.clausewatch.change.DocumentChanges.VersionProvisions;
import dev.clausewatch.knowledge.Knowledge;
import dev.clausewatch.provision.EffectiveDate;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.PlatformId;
import dev.clausewatch.registry.Registry;
import dev.clausewatch.search.ArchiveSearch;
import dev.clausewatch.search.SearchQuery;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON API under {@code /api/v1}: the same archive, provisions, changes, analysis, comparisons
 * and search as the pages, for programs. Lists page with {@code limit}/{@code offset}; errors are
 * problem details ({@link Problem}) with a sentence as detail (see {@link WebServer}). Every answer
 * is described in {@code web/openapi.json}, which OpenApiContractTest holds each route to.
 */
final class Api {
    private final ArchiveView view;
    private final Selection selection;
    private final ArchiveSearch search;
    private final TopicComparison comparison;
    private final byte[] openApi;
    private final Registry registry;
    private final Archive archive;
    private final Knowledge knowledge;
    private Optional<Ledger> ledger = Optional.empty();

    Api(ArchiveView view, Selection selection, ArchiveSearch search, TopicComparison comparison, byte[] openApi) {
        this.view = view;
        this.selection = selection;
        this.search = search;
        this.comparison = comparison;
        this.openApi = openApi;
        this.registry = view.registry();
        this.archive = view.archive();
        this.knowledge = view.analyzer().knowledge();
    }

    void withLedger(Ledger ledger) {
        this.ledger = Optional.of(ledger);
    }

    /** The newest signed head of the archive's log, when this server was given the log. */
    Optional<dev.clausewatch.archive.TreeHead> head() {
        return ledger.flatMap(Ledger::newestHead);
    }

    /**
     * The routes whose answer the derived records alone decide, so their date can say when it
     * changed: not the platform lists, checks and search (the registry and the index), evidence (the
     * log's heads), exports (streamed) or the description itself.
     */
    static final java.util.function.Predicate<String> DATED_BY_RECORDS = path -> !path.equals("/api/v1/platforms")
            && !path.endsWith("/documents") && !path.equals("/api/v1/search") && !path.equals("/api/v1/checks") && !path.endsWith("/evidence")
            && !path.startsWith("/api/v1/exports") && !path.endsWith("openapi.json");

    /** Every API route, as the OpenAPI description must list them (checked by a test). */
    Map<String, Handler> routes() {
        Map<String, Handler> routes = new LinkedHashMap<>();
        routes.put("/api/v1/platforms", this::platforms);
        routes.put("/api/v1/platforms/{platform}/documents", this::documents);
        routes.put("/api/v1/platforms/{platform}/contradictions", this::contradictions);
        routes.put("/api/v1/documents/{platform}/{type}/versions", this::versions);
        routes.put("/api/v1/documents/{platform}/{type}/versions/in-force", this::inForce);
        routes.put("/api/v1/documents/{platform}/{type}/versions/{number}/evidence", this::evidence);
        routes.put("/api/v1/documents/{platform}/{type}/provisions", this::provisions);
        routes.put("/api/v1/documents/{platform}/{type}/provisions/{id}/analysis", this::analysis);
        routes.put("/api/v1/documents/{platform}/{type}/references", this::references);
        routes.put("/api/v1/documents/{platform}/{type}/changes", this::changes);
        routes.put("/api/v1/topics", this::topics);
        routes.put("/api/v1/topics/{topic}/comparison", this::comparison);
        routes.put("/api/v1/search", this::search);
        routes.put("/api/v1/checks", this::check);
        routes.put("/api/v1/exports/{format}", this::export);
        routes.put("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        return routes;
    }

    /**
     * A dataset export streamed as a zip archive while it is written (the whole archive's provisions
     * do not fit in memory), made under the newest signed head.
     */
    private void export(Context ctx) {
        String format = ctx.pathParam("format");
        if (!List.of("ota", "provisions", "changes").contains(format)) {
            throw new WebServer.NotFound("No export format " + format + ": the formats are ota, provisions and changes.");
        }
        List<Document> documents = ctx.queryParams("document").isEmpty() ? registry.documents()
                : ctx.queryParams("document").stream().map(selection::document).toList();
        Optional<dev.clausewatch.archive.TreeHead> head = head();
        ctx.contentType("application/zip").header("Content-Disposition", "attachment; filename=\"clausewatch-" + format + ".zip\"");
        try (var sink = dev.clausewatch.export.ExportSink.zip(ctx.outputStream())) {
            Instant now = Instant.now();
            switch (format) {
                case "ota" -> dev.clausewatch.export.OtaDataset.write(archive, documents, head, sink, now, n -> {});
                case "provisions" -> dev.clausewatch.export.ProvisionsExport.write(view.changes(), view.analyzer(), documents, head, sink, now, n -> {});
                default -> dev.clausewatch.export.ChangesExport.write(view.changes(), documents, head, sink, now, n -> {});
            }
        }
    }

    private void platforms(Context ctx) {
        ctx.json(Selection.page(ctx, registry.platforms()).stream().map(p -> Map.of("id", p.id().value(), "name", p.name(),
                "documents", registry.documents(p.id()).size())).toList());
    }

    private void contradictions(Context ctx) {
        PlatformId platform = new PlatformId(ctx.pathParam("platform"));
        if (registry.platform(platform).isEmpty()) throw new WebServer.NotFound("No platform " + platform + " is tracked.");
        ctx.json(view.contradictions(platform).stream().map(dev.clausewatch.contradiction.Contradiction::toJson).toList());
    }

    private void documents(Context ctx) {
        PlatformId platform = new PlatformId(ctx.pathParam("platform"));
        if (registry.platform(platform).isEmpty()) throw new WebServer.NotFound("No platform " + platform + " is tracked.");
        ctx.json(Selection.page(ctx, registry.documents(platform)).stream().map(d -> Map.of("id", d.id().toString(), "type", d.id().type().name(),
                "title", d.title(), "versions", archive.timeline(d.id()).size())).toList());
    }

    private void versions(Context ctx) {
        Document document = selection.document(ctx);
        ctx.json(Selection.page(ctx, archive.timeline(document.id())).stream().map(Api::version).toList());
    }

    private void inForce(Context ctx) {
        Document document = selection.document(ctx);
        String at = ctx.queryParam("at");
        Instant instant = at == null ? Instant.MAX : Archive.endOf(at);
        TimelineEntry entry = archive.inForceAt(document.id(), instant).orElseThrow(() -> new WebServer.NotFound(
                "No version of " + document.id() + " in force on " + at + "."));
        Map<String, Object> body = new LinkedHashMap<>(version(entry));
        body.put("markdown", archive.text(entry.version()));
        ctx.json(body);
    }

    /**
     * What someone handing a version over needs to show it was archived as it is and never
     * rewritten: its row, its snapshots' rows, and the inclusion proof of each under the newest
     * signed tree head (RFC 9162 audit paths; the head's Ed25519 signature and public key).
     */
    private void evidence(Context ctx) {
        Document document = selection.document(ctx);
        List<TimelineEntry> timeline = archive.timeline(document.id());
        String number = ctx.pathParam("number");
        if (!number.matches("\\d{1,6}")) throw new IllegalArgumentException("The version number " + number + " must be a whole number from 1 up.");
        int n = Integer.parseInt(number);
        if (n < 1 || n > timeline.size()) {
            throw new WebServer.NotFound("No version " + n + " of " + document.id() + ": it has versions 1 to " + timeline.size() + ".");
        }
        Ledger log = ledger.orElseThrow(() -> new WebServer.NotFound("This server was started without the archive's log."));
        Version version = timeline.get(n - 1).version();
        List<String> names = new java.util.ArrayList<>(List.of(Ledger.versionName(version)));
        version.snapshotIds().forEach(id -> names.add(Ledger.snapshotName(id)));
        Map<String, Ledger.Inclusion> proofs = log.inclusions(names);
        Ledger.Inclusion inclusion = Optional.ofNullable(proofs.get(Ledger.versionName(version))).orElseThrow(() -> new WebServer.NotYet("Version " + n + " of " + document.id()
                + " was archived after the newest signed tree head; it is covered once the archive is sealed again (`clausewatch head`)."));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("document", document.id().toString());
        Map<String, Object> row = new LinkedHashMap<>(version(timeline.get(n - 1)));
        row.put("recordSeq", version.recordSeq());
        row.put("recordedAt", Chain.instant(version.recordedAt()));
        row.put("previousSha256", version.previousContentSha256());
        row.put("chainHash", version.chainHash());
        row.put("extractorVersion", version.extractorVersion());
        row.put("inclusion", inclusion(inclusion));
        body.put("version", row);
        body.put("snapshots", version.snapshotIds().stream().map(id -> {
            Map<String, Object> snapshot = new LinkedHashMap<>();
            snapshot.put("id", id);
            snapshot.put("inclusion", Optional.ofNullable(proofs.get(Ledger.snapshotName(id))).map(Api::inclusion).orElse(null));
            return snapshot;
        }).toList());
        TreeHead head = inclusion.head();
        Map<String, Object> treeHead = new LinkedHashMap<>();
        treeHead.put("size", head.size());
        treeHead.put("rootHash", head.rootHash());
        treeHead.put("signedAt", Chain.instant(head.signedAt()));
        treeHead.put("keyId", head.keyId());
        treeHead.put("publicKey", head.publicKey());
        treeHead.put("signature", head.signature());
        body.put("treeHead", treeHead);
        ctx.json(body);
    }

    private static Map<String, Object> inclusion(Ledger.Inclusion inclusion) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("leafIndex", inclusion.leaf().index());
        v.put("leafHash", inclusion.leaf().leafHash());
        v.put("auditPath", inclusion.path());
        v.put("treeSize", inclusion.head().size());
        return v;
    }

    private void provisions(Context ctx) {
        Document document = selection.document(ctx);
        VersionProvisions version = selection.version(document, view.history(document), ctx.queryParam("at"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("document", document.id().toString());
        body.put("version", version(version.entry()));
        body.put("effectiveDate", EffectiveDate.in(version.provisions()).map(d -> d.date().toString()).orElse(null));
        body.put("provisions", Selection.pageWhenAsked(ctx, version.provisions()).stream().map(Api::provision).toList());
        ctx.json(body);
    }

    /** The full analysis of a provision of the current version, with how other platforms handle it. */
    private void analysis(Context ctx) {
        Document document = selection.document(ctx);
        List<VersionProvisions> history = view.history(document);
        String id = ctx.pathParam("id");
        Provision provision = history.getLast().provisions().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow(() ->
                new WebServer.NotFound("No provision " + id + " in the current version of " + document.id() + "."));
        ProvisionAnalysis analysis = view.analysis(document, provision);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("document", document.id().toString());
        body.put("version", version(history.getLast().entry()));
        body.put("analysis", analysis);
        body.put("peers", view.peers(document, provision));
        ctx.json(body);
    }

    /** The documents the current version refers to, and the documents whose current version refers to it. */
    private void references(Context ctx) {
        Document document = selection.document(ctx);
        view.history(document); // a document with no version yet is a 404 sentence, as on every document route
        // The same answer for everyone until the derived records change: kept per state, as the pages are.
        ctx.json(view.keep("api references " + document.id(), () -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("document", document.id().toString());
            body.put("refersTo", view.references(document).stream().map(r -> reference(document.id().toString(), r)).toList());
            body.put("referredToBy", view.incoming(document).stream().map(i -> reference(i.from().id().toString(), i.reference())).toList());
            return body;
        }));
    }

    private static Map<String, Object> reference(String from, dev.clausewatch.provision.Reference r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("from", from);
        v.put("provisionId", r.provisionId());
        v.put("target", r.targetLabel());
        v.put("resolved", r.target().isPresent());
        v.put("binding", r.binding());
        v.put("relation", r.relation());
        v.put("sentence", r.sentence());
        return v;
    }

    private void changes(Context ctx) {
        Document document = selection.document(ctx);
        Selection.Pair pair = selection.pair(ctx, document, view.history(document));
        ChangeSet set = view.changes().compare(pair.from(), pair.to());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("document", document.id().toString());
        body.put("from", version(pair.from().entry()));
        body.put("to", version(pair.to().entry()));
        body.put("substantive", set.substantive());
        body.put("technical", set.technical());
        body.put("variantOf", set.variantOf().orElse(null)); // the earlier version whose text this one brings back, if any
        body.put("counts", set.counts());
        body.put("changes", Selection.pageWhenAsked(ctx, set.changes()).stream().map(c -> {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("provisionId", c.provisionId());
            change.put("kind", c.kind().name());
            change.put("substantive", c.substantive());
            change.put("reason", c.reason().name());
            change.put("explanation", c.explanation());
            change.put("significance", c.significance());
            change.put("location", c.location());
            change.put("before", c.before().map(Provision::text).orElse(null));
            change.put("after", c.after().map(Provision::text).orElse(null));
            change.put("edits", c.edits());
            return change;
        }).toList());
        ctx.json(body);
    }

    private void topics(Context ctx) {
        ctx.json(Selection.page(ctx, List.copyOf(knowledge.topics().values())).stream().map(t -> Map.of("id", t.id(), "title", t.title(),
                "description", t.description(), "regulations", t.regulations().stream().map(r -> r.regulationId()).toList())).toList());
    }

    /** How every platform's current documents treat a topic: stance and quote per platform. */
    private void comparison(Context ctx) {
        String id = ctx.pathParam("topic");
        var topic = knowledge.topic(id).orElseThrow(() -> new WebServer.NotFound("No topic " + id + " in the knowledge data."));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topic", topic.id());
        body.put("title", topic.title());
        // The same for every request until the derived records change: kept, as the topic page keeps its own.
        body.put("rows", view.keep("comparison " + id, () -> comparison.compare(id, view.current())));
        ctx.json(body);
    }

    /** Which provisions apply to an intended use (GET, so that a check can be linked, cached and repeated). */
    private void check(Context ctx) {
        ctx.json(view.check(Selection.intendedUse(ctx)).toJson());
    }

    private void search(Context ctx) {
        SearchQuery query = Selection.searchQuery(ctx, Selection.DEFAULT_LIMIT);
        var results = search.search(query);
        Selection.paged(ctx, results.total(), query.limit(), query.offset());
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
}
