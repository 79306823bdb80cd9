package dev.clausewatch.web;

import dev.clausewatch.timeline.TimelineChart;
import dev.clausewatch.analysis.Analyzer;
import dev.clausewatch.analysis.ProvisionAnalysis;
import dev.clausewatch.analysis.TopicMatch;
import dev.clausewatch.archive.Archive;
import dev.clausewatch.archive.Chain;
import dev.clausewatch.change.ChangeKind;
import dev.clausewatch.change.ChangeSet;
import dev.clausewatch.derivation.DerivedRecords;
import dev.clausewatch.change.DocumentChanges.Event;
import dev.clausewatch.change.DocumentChanges.VersionProvisions;
import dev.clausewatch.provision.EffectiveDate;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.Registry;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The server-rendered pages: templates compiled at build time (jte), every value escaped by the
 * template engine. The page models are public because the compiled templates live in jte's package.
 */
public final class Pages {
    public record DocumentLink(String id, String type, int versions) {}

    /** A page's Atom feed, for the autodiscovery link in its head and the link in its text (see {@link Feeds.Subject#link}). */
    public record FeedLink(String title, String href) {}

    public record PlatformRow(String id, String name, List<DocumentLink> documents) {}

    /** A change between two consecutive versions, as lists of events show it. */
    public record EventRow(String date, String documentId, String title, int from, int to, boolean substantive, String summary) {}

    public record HomePage(List<PlatformRow> platforms, List<EventRow> substantive, List<EventRow> cosmetic) {}

    /** A governance topic as readers see it: by its title from the knowledge data, linking to its page by id. */
    public record TopicBadge(String id, String title) {}

    /**
     * A provision of a version as the document page reads it: {@code level} is the heading level a
     * heading renders at (2 for a top-level section, one more per heading above it, at most 6) and 0
     * for the rest; {@code kind} ("heading", "clause", "paragraph", "item", "row") styles it;
     * {@code text} carries its clause or list number. Its topics, and the exposure level of its
     * analysis ("" when on no topic).
     */
    public record ProvisionRow(String id, String kind, int level, String text, List<TopicBadge> topics, String severity) {}

    public record HistoryRow(int number, String date, String kind) {}

    /** A reference between two documents; {@code relation} is "incorporates", "is part of" or "mentions", read from the referring side. */
    public record ReferenceRow(String documentId, String label, String relation, String sentence) {}

    public record DocumentPage(String id, String title, int number, int versions, String capturedOn, String effectiveDate, String at,
                               List<ProvisionRow> provisions, List<HistoryRow> history, List<ReferenceRow> incorporates,
                               List<ReferenceRow> incorporatedBy, String notice) {}

    /** A provision change as the change page shows it; {@code move} says where a moved provision went ("" otherwise). */
    public record ChangeRow(String kind, String reason, boolean substantive, String location, String move,
                            List<dev.clausewatch.change.WordDiff.Segment> before, List<dev.clausewatch.change.WordDiff.Segment> after) {}

    /**
     * The structured summary above a change: the stated effective date before and after (null when
     * not stated), the substantive changes by section, and the governance topics they touch.
     */
    public record ChangeSummary(String effectiveBefore, String effectiveAfter, boolean effectiveDateChanged, List<String> sections,
                                List<TopicBadge> topics) {}

    /** {@code variant}: "" or the sentence saying which earlier version's text this one brings back. */
    public record ChangePage(String id, String title, int from, int to, boolean substantive, boolean technical, String counts,
                      boolean substantiveOnly, ChangeSummary summary, List<ChangeRow> changes, List<HistoryRow> versions, String variant) {}

    /** What happened to a provision in one version: "first appears", "changed" (with the change page) or "removed". */
    public record ProvisionEvent(int number, String date, String what) {}

    /** "How other platforms handle this": a peer's provision, named by its document's title and the topic's. */
    public record PeerRow(String documentId, String documentTitle, String provisionId, TopicBadge topic, String quote) {}

    /**
     * {@code topics}: the title of each topic the analysis names, by id; {@code incorporated}: how to
     * name each document it incorporates (an archived one by its title, others as the text says).
     */
    public record ProvisionPage(String documentId, String documentTitle, int number, String capturedOn, ProvisionAnalysis analysis,
                                Map<String, String> topics, Map<String, String> incorporated, List<PeerRow> peers, int changes,
                                List<ProvisionEvent> history) {}

    public record PlatformDocument(String id, String type, int versions, int substantive, int cosmetic, String latest,
                                   int high, int medium, int low) {}

    /** A platform's stance on a topic, the platform named as people know it. */
    public record StanceRow(String platform, String document, String provisionId, String stance, String quote) {}

    public record TopicPage(String id, String title, List<StanceRow> rows, TimelineChart chart) {}

    /** A document of the platform that has no version: why, in words ("never captured yet: not attempted"). */
    public record Uncaptured(String id, String type, String reason) {}

    /**
     * {@code all}: cosmetic changes listed too; otherwise only counted ({@code cosmeticHidden}), one
     * click away. {@code uncaptured}: the declared documents with no version yet.
     */
    public record PlatformPage(String id, String name, List<PlatformDocument> documents, TimelineChart chart, List<EventRow> timeline,
                               boolean all, int cosmeticHidden, List<Uncaptured> uncaptured) {}

    private static final int LATEST_SUBSTANTIVE = 10, LATEST_COSMETIC = 5;

    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final ArchiveView view;
    private final Registry registry;
    private final Archive archive;
    private final DerivedRecords changes;
    private final Analyzer analyzer;
    private final String css;
    /** Capture attempts, for why a declared document has no version; null on a server without the tracking log. */
    private dev.clausewatch.tracking.TrackingLog tracking;
    /**
     * Rendered archive pages by state of the derived records, template and address: a page is a
     * function of these, and rendering a long document's page costs more than building its model
     * (and far more before the JIT has seen it). Bounded by bytes; the search page is not kept,
     * its index follows the records a moment later.
     */
    private final com.github.benmanes.caffeine.cache.Cache<String, byte[]> rendered = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
            .maximumWeight(64L << 20).weigher((String key, byte[] html) -> key.length() + html.length).build();

    Pages(ArchiveView view, String cssPath) {
        this.view = view;
        this.registry = view.registry();
        this.archive = view.archive();
        this.changes = view.changes();
        this.analyzer = view.analyzer();
        this.css = cssPath;
    }

    void withTracking(dev.clausewatch.tracking.TrackingLog log) {
        this.tracking = log;
    }

    void home(Context ctx) {
        render(ctx, "home.jte", Map.of("css", css, "page", view.keep("home", this::homePage)));
    }

    private HomePage homePage() {
        List<PlatformRow> rows = registry.platforms().stream().map(p -> new PlatformRow(p.id().value(), p.name(), registry.documents(p.id()).stream()
                .map(d -> new DocumentLink(d.id().toString(), d.id().type().name(), changes.currentNumber(d.id())))
                .filter(l -> l.versions() > 0).toList())).filter(r -> !r.documents().isEmpty()).toList();
        List<dev.clausewatch.derivation.ChangeSummary> latest = view.latestChanges();
        List<EventRow> substantive = latest.stream().filter(e -> e.substantive()).limit(LATEST_SUBSTANTIVE).map(this::eventRow).toList();
        List<EventRow> cosmetic = latest.stream().filter(e -> !e.substantive()).limit(LATEST_COSMETIC).map(this::eventRow).toList();
        return new HomePage(rows, substantive, cosmetic);
    }

    private EventRow eventRow(dev.clausewatch.derivation.ChangeSummary e) {
        return eventRow(e, registry.document(e.document()).map(Document::title).orElse(e.document().toString()));
    }

    private static EventRow eventRow(dev.clausewatch.derivation.ChangeSummary e, String title) {
        String summary = e.substantive() ? e.substantiveCount() + " substantive provision "
                + (e.substantiveCount() == 1 ? "change" : "changes") : "cosmetic only";
        return new EventRow(day(e.observedAt()), e.document().toString(), title, e.number() - 1, e.number(), e.substantive(), summary);
    }

    void platform(Context ctx, dev.clausewatch.registry.Platform platform) {
        boolean all = "on".equals(ctx.queryParam("all"));
        PlatformPage kept = view.keep("platform " + platform.id().value() + (all ? " all" : ""), () -> platformPage(platform, all));
        // Capture attempts are not derived records: read on each request, and part of what the rendered page is kept by.
        List<Uncaptured> uncaptured = uncaptured(platform);
        PlatformPage page = new PlatformPage(kept.id(), kept.name(), kept.documents(), kept.chart(), kept.timeline(), kept.all(),
                kept.cosmeticHidden(), uncaptured);
        render(ctx, "platform.jte", Map.of("css", css, "feed", Feeds.Subject.platform(platform).link(), "page", page), uncaptured.toString());
    }

    /**
     * The platform's documents with no archived version, and why: the latest capture attempt's
     * failure, or that none was made (without a tracking log, only that none is captured).
     */
    private List<Uncaptured> uncaptured(dev.clausewatch.registry.Platform platform) {
        List<Uncaptured> uncaptured = new java.util.ArrayList<>();
        for (Document d : registry.documents(platform.id())) {
            if (changes.current(d.id()).isPresent() || !archive.timeline(d.id()).isEmpty()) continue;
            uncaptured.add(new Uncaptured(d.id().toString(), d.id().type().name(), neverCaptured(d)));
        }
        return uncaptured;
    }

    private String neverCaptured(Document d) {
        if (tracking == null) return "never captured yet";
        // Re-extractions are technical events: they say nothing of whether the page can be captured.
        return tracking.events(d.id(), 20).stream().filter(e -> !e.technical()).findFirst()
                .map(e -> e.failed() ? "never captured: last attempt on " + day(e.at()) + " failed: " + e.failure().orElseThrow().label()
                        + (e.message().isBlank() ? "" : " (" + e.message() + ")")
                        : "never captured yet: last attempt on " + day(e.at()) + " recorded no version")
                .orElse("never captured yet: not attempted");
    }

    /** The platform's documents and its governance timeline: substantive changes, and the cosmetic ones when {@code all}. */
    private PlatformPage platformPage(dev.clausewatch.registry.Platform platform, boolean all) {
        Map<dev.clausewatch.registry.DocumentId, String> titles = new java.util.HashMap<>();
        List<PlatformDocument> documents = new java.util.ArrayList<>();
        List<dev.clausewatch.derivation.ChangeSummary> events = new java.util.ArrayList<>();
        for (Document d : registry.documents(platform.id())) {
            var current = changes.current(d.id());
            if (current.isEmpty()) continue;
            titles.put(d.id(), d.title());
            List<dev.clausewatch.derivation.ChangeSummary> own = changes.changeSummaries(d.id()).stream().filter(e -> !e.technical()).toList();
            events.addAll(own);
            int substantive = (int) own.stream().filter(e -> e.substantive()).count();
            Map<ProvisionAnalysis.Level, Integer> exposure = exposureRollUp(d, current.get().provisions());
            documents.add(new PlatformDocument(d.id().toString(), d.id().type().name(), current.get().entry().number(), substantive, own.size() - substantive,
                    day(current.get().entry().lastObservedAt()), exposure.get(ProvisionAnalysis.Level.HIGH),
                    exposure.get(ProvisionAnalysis.Level.MEDIUM), exposure.get(ProvisionAnalysis.Level.LOW)));
        }
        events.sort(java.util.Comparator.comparing(dev.clausewatch.derivation.ChangeSummary::observedAt).reversed());
        int cosmeticHidden = all ? 0 : (int) events.stream().filter(e -> !e.substantive()).count();
        if (!all) events.removeIf(e -> !e.substantive());
        List<EventRow> timeline = new java.util.ArrayList<>();
        List<TimelineChart.Change> marks = new java.util.ArrayList<>();
        for (var event : events) {
            EventRow row = eventRow(event, titles.get(event.document()));
            timeline.add(row);
            marks.add(new TimelineChart.Change(row.documentId(), event.observedAt(), row.substantive(), changeHref(row),
                    row.date() + " " + row.title() + ": " + row.summary()));
        }
        java.util.SequencedMap<String, String> rows = new java.util.LinkedHashMap<>();
        documents.forEach(d -> rows.put(d.id(), d.type()));
        TimelineChart chart = TimelineChart.of(rows, marks);
        return new PlatformPage(platform.id().value(), platform.name(), documents, chart, timeline, all, cosmeticHidden, List.of());
    }

    private static String changeHref(EventRow e) {
        return "/documents/" + e.documentId() + "/changes?from=" + e.from() + "&to=" + e.to();
    }

    /** How many provisions on a governance topic sit at each exposure level (provisions on no topic are not counted). */
    private Map<ProvisionAnalysis.Level, Integer> exposureRollUp(Document document, List<Provision> provisions) {
        Map<ProvisionAnalysis.Level, Integer> counts = new java.util.EnumMap<>(ProvisionAnalysis.Level.class);
        for (ProvisionAnalysis.Level level : ProvisionAnalysis.Level.values()) counts.put(level, 0);
        var references = view.references(document);
        for (Provision p : provisions) view.exposure(document, p, provisions, references).ifPresent(level -> counts.merge(level, 1, Integer::sum));
        return counts;
    }

    void topic(Context ctx, String topicId, dev.clausewatch.knowledge.Topic topic, dev.clausewatch.analysis.TopicComparison comparison) {
        render(ctx, "topic.jte", Map.of("css", css, "feed", Feeds.Subject.topic(topic).link(), "page", view.keep("topic " + topicId,
                () -> new TopicPage(topicId, topic.title(), comparison.compare(topicId, view.current()).stream().map(this::stanceRow).toList(),
                        changesOn(java.util.Set.of(topicId))))));
    }

    private StanceRow stanceRow(dev.clausewatch.analysis.TopicComparison.Row row) {
        return new StanceRow(platformName(row.platform()), row.document(), row.provisionId(), row.stance(), row.quote());
    }

    /** The name people know a platform by; its id only when the registry no longer has it. */
    private String platformName(String platformId) {
        return registry.platform(new dev.clausewatch.registry.PlatformId(platformId)).map(dev.clausewatch.registry.Platform::name).orElse(platformId);
    }

    /** A regulation, or one key provision of it, and the timeline of substantive changes on the topics it bears on. */
    public record RegulationPage(String id, String name, String fullTitle, String jurisdiction, String status, String article,
                                 List<dev.clausewatch.knowledge.Regulation.KeyProvision> keyProvisions, List<dev.clausewatch.knowledge.Topic> topics,
                                 TimelineChart chart) {}

    void regulation(Context ctx, dev.clausewatch.knowledge.Regulation regulation, java.util.Optional<String> article) {
        var knowledge = analyzer.knowledge();
        String named = article.map(a -> regulation.id() + "#" + a).orElse(regulation.id());
        if (article.isPresent() && regulation.keyProvisions().stream().noneMatch(k -> k.ref().equals(article.get()))) {
            throw new WebServer.NotFound("The fact sheet of " + regulation.shortName() + " has no key provision " + article.get() + ".");
        }
        List<dev.clausewatch.knowledge.Topic> topics = knowledge.topics().values().stream()
                .filter(t -> knowledge.regulationsOf(List.of(t.id())).contains(named)).toList();
        render(ctx, "regulation.jte", Map.of("css", css, "page", view.keep("regulation " + named, () -> new RegulationPage(regulation.id(),
                regulation.shortName(), regulation.fullTitle(), regulation.jurisdiction(), regulation.status(), article.orElse(""),
                regulation.keyProvisions(), topics, changesOn(topics.stream().map(dev.clausewatch.knowledge.Topic::id).collect(java.util.stream.Collectors.toSet()))))));
    }

    /**
     * The timeline across platforms of the substantive changes of provisions on any of {@code topicIds}
     * (as they read before or after): one row per platform, each mark linking to the change.
     */
    private TimelineChart changesOn(java.util.Set<String> topicIds) {
        java.util.SequencedMap<String, String> rows = new java.util.LinkedHashMap<>();
        List<TimelineChart.Change> marks = new java.util.ArrayList<>();
        for (Touching t : touching(topicIds)) {
            String platform = t.document().id().platform().value();
            rows.putIfAbsent(platform, t.document().platformName());
            marks.add(new TimelineChart.Change(platform, t.change().observedAt(), true, "/documents/" + t.document().id() + "/changes?from="
                    + (t.change().number() - 1) + "&to=" + t.change().number(), day(t.change().observedAt()) + " " + t.document().title() + ": " + t.explanation()));
        }
        return TimelineChart.of(rows, marks);
    }

    /** A change between two versions with a substantive provision change on a topic; {@code explanation} is the first such one's. */
    private record Touching(Document document, dev.clausewatch.derivation.DerivedChange change, String explanation) {}

    /**
     * The changes between versions (technical upgrades and variants left out) with a substantive
     * provision change on any of {@code topicIds}, as it read before or after: what the topic and
     * regulation timelines draw and the topic index counts, so the two agree.
     */
    private List<Touching> touching(java.util.Set<String> topicIds) {
        java.util.Set<String> onTopic = new java.util.HashSet<>();
        for (String topicId : topicIds) onTopic.addAll(view.changedTextsOn(topicId));
        List<Touching> found = new java.util.ArrayList<>();
        for (Document d : view.registry().documents()) {
            for (var set : view.changes().changeSets(d.id())) {
                if (set.changes().technical() || set.changes().variantOf().isPresent()) continue;
                var touching = set.changes().substantiveChanges().stream().filter(c -> c.before().map(p -> onTopic.contains(p.text())).orElse(false)
                        || c.after().map(p -> onTopic.contains(p.text())).orElse(false)).toList();
                if (!touching.isEmpty()) found.add(new Touching(d, set, touching.getFirst().explanation()));
            }
        }
        return found;
    }

    /** A topic in the index: how many provisions of the current versions carry it, and how many substantive changes touched it. */
    public record TopicCount(String id, String title, int provisions, int changes) {}

    public record TopicsPage(List<TopicCount> topics, int documents) {}

    void topics(Context ctx) {
        render(ctx, "topics.jte", Map.of("css", css, "page", view.keep("topics", this::topicsPage)));
    }

    /** The knowledge data's topics by title, each with its counts (the topics of every current provision read in one batch). */
    private TopicsPage topicsPage() {
        Map<Document, List<Provision>> current = view.current();
        java.util.Set<String> texts = new java.util.HashSet<>();
        current.values().forEach(ps -> ps.forEach(p -> texts.add(p.text())));
        Map<String, List<TopicMatch>> stored = changes.topics(texts);
        Map<String, Integer> carrying = new java.util.HashMap<>();
        for (List<Provision> provisions : current.values()) {
            for (Provision p : provisions) {
                List<TopicMatch> matches = stored.containsKey(p.text()) ? stored.get(p.text()) : analyzer.topics(p);
                matches.stream().map(TopicMatch::topicId).distinct().forEach(id -> carrying.merge(id, 1, Integer::sum));
            }
        }
        List<TopicCount> topics = analyzer.knowledge().topics().values().stream()
                .sorted(java.util.Comparator.comparing(dev.clausewatch.knowledge.Topic::title, String.CASE_INSENSITIVE_ORDER))
                .map(t -> new TopicCount(t.id(), t.title(), carrying.getOrDefault(t.id(), 0), touching(java.util.Set.of(t.id())).size())).toList();
        return new TopicsPage(topics, current.size());
    }

    /** The search page: the form alone, or with {@code results} (null before a search). Filters are echoed from the request. */
    void search(Context ctx, dev.clausewatch.search.SearchResults results, dev.clausewatch.search.SearchQuery query) {
        Map<String, String> form = new java.util.HashMap<>();
        for (String name : List.of("q", "platform", "type", "topic", "since", "until", "past")) {
            form.put(name, java.util.Optional.ofNullable(ctx.queryParam(name)).orElse(""));
        }
        // Options are chosen by name and sent by id: the id is what the index and the address keep.
        Map<String, String> topics = new java.util.LinkedHashMap<>(), platforms = new java.util.LinkedHashMap<>();
        analyzer.knowledge().topics().values().stream().sorted(java.util.Comparator.comparing(dev.clausewatch.knowledge.Topic::title))
                .forEach(t -> topics.put(t.id(), t.title()));
        registry.platforms().stream().sorted(java.util.Comparator.comparing(dev.clausewatch.registry.Platform::name, String.CASE_INSENSITIVE_ORDER))
                .forEach(p -> platforms.put(p.id().value(), p.name()));
        Map<String, Object> model = new java.util.HashMap<>(Map.of("css", css, "form", form, "topics", topics, "platforms", platforms));
        model.put("results", results);
        model.put("pages", results == null ? SearchPages.NONE : SearchPages.of(ctx, query, results.total()));
        render(ctx, "search.jte", model);
    }

    /** Where a platform's own documents disagree. */
    void contradictions(Context ctx, dev.clausewatch.registry.Platform platform, List<dev.clausewatch.contradiction.Contradiction> found) {
        render(ctx, "contradictions.jte", Map.of("css", css, "platform", platform, "found", found));
    }

    /** The use-case check: its form, and the answer when one was asked for. */
    void check(Context ctx, dev.clausewatch.check.CheckAnswer answer) {
        Map<String, String> platforms = new java.util.LinkedHashMap<>();
        registry.platforms().stream().sorted(java.util.Comparator.comparing(dev.clausewatch.registry.Platform::name, String.CASE_INSENSITIVE_ORDER))
                .forEach(p -> platforms.put(p.id().value(), p.name()));
        java.util.Set<String> chosen = new java.util.HashSet<>();
        ctx.queryParams("platforms").forEach(v -> chosen.addAll(List.of(v.split(","))));
        Map<String, Object> model = new java.util.HashMap<>(Map.of("css", css, "platforms", platforms, "chosen", chosen,
                "use", java.util.Optional.ofNullable(ctx.queryParam("use")).orElse(""),
                "jurisdictions", String.join(",", ctx.queryParams("jurisdictions"))));
        model.put("answer", answer);
        model.put("watch", answer == null ? "" : "/watch?kind=use&target=" + java.net.URLEncoder.encode(
                dev.clausewatch.alert.Watch.use(answer.use()).target(), java.nio.charset.StandardCharsets.UTF_8));
        render(ctx, "check.jte", model);
    }

    /** An error page: never kept, its sentence may be about who asked. */
    void error(Context ctx, int status, String title, String detail) {
        ctx.contentType("text/html; charset=utf-8").result(html("error.jte", Map.of("css", css, "status", status, "title", title, "detail", detail)));
    }

    void methodology(Context ctx) {
        render(ctx, "methodology.jte", Map.of("css", css));
    }

    /** The document page of {@code version} (the one in force on the asked date, or the latest). */
    void document(Context ctx, Document document, List<VersionProvisions> history, VersionProvisions version) {
        String at = ctx.queryParam("at");
        // The page of a version is the same for every date it is in force on: kept per version and
        // history length (a new version changes the history list), with the asked date put back in.
        String key = "document " + document.id() + " " + version.entry().version().contentSha256() + " " + history.size();
        DocumentPage page = view.keep(key, () -> documentPage(document, history, version));
        render(ctx, "document.jte", Map.of("css", css, "feed", Feeds.Subject.document(document).link(),
                "page", new DocumentPage(page.id(), page.title(), page.number(), page.versions(),
                page.capturedOn(), page.effectiveDate(), at == null ? "" : at, page.provisions(), page.history(), page.incorporates(),
                page.incorporatedBy(), view.derivationFailure(document.id()).map(f -> "The newest version recorded could not be analysed yet ("
                        + f.cause() + ", since " + dev.clausewatch.archive.Chain.instant(f.at()) + "): this page shows the last version that was.")
                        .orElse(""))));
    }

    private DocumentPage documentPage(Document document, List<VersionProvisions> history, VersionProvisions version) {
        var references = view.references(document, version);
        List<ProvisionRow> provisions = version.provisions().stream().map(p -> new ProvisionRow(p.id(), kind(p), headingLevel(p), numbered(p),
                badges(analyzer.topics(p).stream().map(TopicMatch::topicId).toList()),
                view.exposure(document, p, version.provisions(), references).map(l -> l.name().toLowerCase(java.util.Locale.ROOT)).orElse(""))).toList();
        // A reference resolved to an archived document is named by that document's title, not by its id.
        List<ReferenceRow> incorporates = references.stream().map(r -> new ReferenceRow(r.target().map(Object::toString).orElse(null),
                r.target().flatMap(registry::document).map(Document::title).orElse(r.targetLabel()), r.relation(), r.sentence())).distinct().toList();
        List<ReferenceRow> incorporatedBy = view.incoming(document).stream().map(i -> new ReferenceRow(i.from().id().toString(), i.from().title(),
                i.reference().relation(), i.reference().sentence())).distinct().toList();
        return new DocumentPage(document.id().toString(), document.title(), version.entry().number(), history.size(),
                day(version.entry().firstObservedAt()), EffectiveDate.in(version.provisions()).map(d -> d.date().toString()).orElse(null),
                "", provisions, historyRows(history), incorporates, incorporatedBy, "");
    }

    private static String kind(Provision p) {
        return p.kind() == dev.clausewatch.provision.ProvisionKind.LIST_ITEM ? "item"
                : p.kind() == dev.clausewatch.provision.ProvisionKind.TABLE_ROW ? "row" : p.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The level a heading renders at under the page's h1: its depth in the document (the headings
     * above it) from h2, so levels never skip however the source numbered its own (# then ###), and
     * at most h6, where deeper headings share the level. 0 for a provision that is not a heading.
     */
    static int headingLevel(Provision p) {
        return p.kind() == dev.clausewatch.provision.ProvisionKind.HEADING ? Math.min(6, 2 + p.trail().size()) : 0;
    }

    /** The text as the document shows it: the parser keeps a clause's or ordered item's number apart, the reader reads it in front. */
    private static String numbered(Provision p) {
        if (p.number().isEmpty()) return p.text();
        return p.kind() == dev.clausewatch.provision.ProvisionKind.LIST_ITEM ? p.number() + ". " + p.text() : p.number() + " " + p.text();
    }

    /** Topic ids as badges with their titles (an id the knowledge data no longer has keeps its id as title). */
    private List<TopicBadge> badges(java.util.Collection<String> topicIds) {
        var topics = analyzer.knowledge().topics();
        return topicIds.stream().map(id -> new TopicBadge(id, topics.containsKey(id) ? topics.get(id).title() : id)).toList();
    }

    void change(Context ctx, Document document, List<VersionProvisions> history, VersionProvisions from, VersionProvisions to) {
        ChangeSet set = changes.compare(from, to);
        boolean substantiveOnly = "on".equals(ctx.queryParam("substantive"));
        List<ChangeRow> rows = set.changes().stream().filter(c -> !substantiveOnly || c.substantive()).map(c -> {
            var segments = dev.clausewatch.change.WordDiff.segments(c.kind() == ChangeKind.ADDED ? "" : c.before().map(Provision::text).orElse(""),
                    c.kind() == ChangeKind.REMOVED ? "" : c.after().map(Provision::text).orElse(""));
            return new ChangeRow(c.kind().name().toLowerCase(java.util.Locale.ROOT), c.explanation(), c.substantive(), c.location(), move(c),
                    segments.stream().filter(g -> g.kind() != dev.clausewatch.change.WordDiff.Segment.Kind.ADDED).toList(),
                    segments.stream().filter(g -> g.kind() != dev.clausewatch.change.WordDiff.Segment.Kind.REMOVED).toList());
        }).toList();
        ChangePage page = new ChangePage(document.id().toString(), document.title(), from.entry().number(), to.entry().number(), set.substantive(),
                set.technical(), countsInWords(set), substantiveOnly, summary(set), rows, historyRows(history), variant(set, history));
        render(ctx, "change.jte", Map.of("css", css, "page", page));
    }

    /** Where a moved provision went: from one section to another, or from one place to another in its section. */
    private static String move(dev.clausewatch.change.ProvisionChange c) {
        if (c.kind() != ChangeKind.MOVED || c.before().isEmpty() || c.after().isEmpty()) return "";
        Provision was = c.before().get(), now = c.after().get();
        String from = was.location().isEmpty() ? "the top" : was.location(), to = now.location().isEmpty() ? "the top" : now.location();
        return from.equals(to) ? "Moved within " + to + ", from provision " + (was.position() + 1) + " to " + (now.position() + 1) + "."
                : "Moved from " + from + " to " + to + ".";
    }

    private ChangeSummary summary(ChangeSet set) {
        java.util.Map<String, java.util.Set<String>> kindsBySection = new java.util.LinkedHashMap<>();
        java.util.Set<String> topics = new java.util.TreeSet<>();
        for (var c : set.substantiveChanges()) {
            String section = c.after().or(c::before).map(p -> p.trail().isEmpty() ? "Top of the document" : String.join(" › ", p.trail()))
                    .orElse("");
            kindsBySection.computeIfAbsent(section, k -> new java.util.TreeSet<>()).add(c.kind().name().toLowerCase(java.util.Locale.ROOT));
            java.util.stream.Stream.concat(c.before().stream(), c.after().stream())
                    .forEach(p -> analyzer.topics(p).forEach(t -> topics.add(t.topicId())));
        }
        List<String> sections = kindsBySection.entrySet().stream().map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")").toList();
        return new ChangeSummary(set.effectiveBefore().map(d -> d.date().toString()).orElse(null),
                set.effectiveAfter().map(d -> d.date().toString()).orElse(null), set.effectiveDateChanged(), sections, badges(topics));
    }

    private static String variant(ChangeSet set, List<VersionProvisions> history) {
        return set.variantOf().filter(n -> n >= 1 && n <= history.size()).map(n -> "Same text as version " + n + " of "
                + day(history.get(n - 1).entry().firstObservedAt()) + ", in another variant (spelling, spacing or page furniture): not a change.").orElse("");
    }

    /** "1 modified, 2 added" rather than the counts map; "no provision changed" when all are zero. */
    private static String countsInWords(ChangeSet set) {
        String words = set.counts().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.joining(", "));
        return words.isEmpty() ? "No provision changed." : "Provisions: " + words + ".";
    }

    private static List<HistoryRow> historyRows(List<VersionProvisions> history) {
        return history.stream().map(v -> new HistoryRow(v.entry().number(), day(v.entry().firstObservedAt()), v.entry().version().kind().label())).toList();
    }

    private static String day(java.time.Instant instant) {
        return Chain.instant(instant).substring(0, 10);
    }

    void provision(Context ctx, Document document, String provisionId) {
        List<VersionProvisions> history = view.history(document);
        Provision provision = history.getLast().provisions().stream().filter(p -> p.id().equals(provisionId)).findFirst().orElseThrow(() -> new WebServer.NotFound(
                "No provision " + provisionId + " in the current version of " + document.id() + "."));
        VersionProvisions latest = history.getLast();
        String key = "provision " + document.id() + " " + provisionId + " " + latest.entry().version().contentSha256() + " " + history.size();
        render(ctx, "provision.jte", Map.of("css", css, "page", view.keep(key, () -> {
            List<ProvisionEvent> events = provisionHistory(history, provisionId);
            int changed = (int) events.stream().filter(e -> e.what().equals("changed")).count();
            ProvisionAnalysis analysis = view.analysis(document, provision);
            return new ProvisionPage(document.id().toString(), document.title(), latest.entry().number(), day(latest.entry().firstObservedAt()),
                    analysis, topicTitles(analysis), incorporated(analysis), view.peers(document, provision).stream().map(this::peerRow).toList(),
                    changed, events);
        })));
    }

    /** The titles of the topics an analysis names: its own topics and those its regulatory landscape is on. */
    private Map<String, String> topicTitles(ProvisionAnalysis analysis) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        analysis.topics().forEach(t -> ids.add(t.topicId()));
        analysis.landscape().forEach(r -> ids.add(r.topicId()));
        Map<String, String> titles = new java.util.HashMap<>();
        badges(ids).forEach(b -> titles.put(b.id(), b.title()));
        return titles;
    }

    private Map<String, String> incorporated(ProvisionAnalysis analysis) {
        Map<String, String> names = new java.util.HashMap<>();
        for (var i : analysis.incorporations()) names.put(i.target(), documentTitle(i.target()).orElse(i.target()));
        return names;
    }

    /** The title of the archived document a label names by id ("chatgpt/privacy-policy"); empty for a web address or a name. */
    private java.util.Optional<String> documentTitle(String label) {
        if (!label.matches("[a-z0-9-]+/[a-z0-9-]+")) return java.util.Optional.empty();
        return registry.document(dev.clausewatch.registry.DocumentId.parse(label)).map(Document::title);
    }

    private PeerRow peerRow(dev.clausewatch.analysis.Peers.Peer peer) {
        String title = documentTitle(peer.document()).orElse(peer.document());
        return new PeerRow(peer.document(), title, peer.provisionId(), badges(List.of(peer.topicId())).getFirst(), peer.quote());
    }

    /** The versions in which the provision appeared, changed its words, or went away (newest first). */
    private static List<ProvisionEvent> provisionHistory(List<VersionProvisions> history, String provisionId) {
        List<ProvisionEvent> events = new java.util.ArrayList<>();
        String previous = null;
        boolean seen = false;
        for (VersionProvisions v : history) {
            String text = v.provisions().stream().filter(p -> p.id().equals(provisionId)).map(Provision::text).findFirst().orElse(null);
            String what = previous == null && text != null ? (seen ? "returns" : "first appears") : previous != null && text == null ? "removed"
                    : text != null && !text.equals(previous) ? "changed" : null;
            if (what != null) events.add(new ProvisionEvent(v.entry().number(), day(v.entry().firstObservedAt()), what));
            seen |= text != null;
            previous = text;
        }
        return events.reversed();
    }

    private void render(Context ctx, String template, Map<String, Object> model) {
        render(ctx, template, model, "");
    }

    /** {@code variant}: what the page shows besides the derived records and the address (kept apart by it). */
    private void render(Context ctx, String template, Map<String, Object> model, String variant) {
        byte[] html = template.equals("search.jte") || template.equals("check.jte") ? html(template, model)
                : rendered.get(changes.state() + " " + template + " " + ctx.path() + "?" + ctx.queryString() + " " + variant, key -> html(template, model));
        ctx.contentType("text/html; charset=utf-8").result(html);
    }

    /** A page of a signed-in person: never kept, never cached by the browser or a proxy. */
    void panel(Context ctx, Panel panel) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/html; charset=utf-8").result(html("panel.jte", Map.of("css", css, "page", panel)));
    }

    private byte[] html(String template, Map<String, Object> model) {
        StringOutput output = new StringOutput();
        templates.render(template, model, output);
        return output.toString().getBytes(StandardCharsets.UTF_8);
    }
}
