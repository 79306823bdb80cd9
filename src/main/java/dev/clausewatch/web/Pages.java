package dev.clausewatch.web;

import dev.clausewatch.analysis.Analyzer;
import dev.clausewatch.analysis.ProvisionAnalysis;
import dev.clausewatch.analysis.TopicMatch;
import dev.clausewatch.archive.Archive;
import dev.clausewatch.archive.Chain;
import dev.clausewatch.change.ChangeKind;
import dev.clausewatch.change.ChangeSet;
import dev.clausewatch.change.DocumentChanges;
import dev.clausewatch.change.DocumentChanges.VersionProvisions;
import dev.clausewatch.provision.EffectiveDate;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.References;
import dev.clausewatch.provision.RegisteredDocuments;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.Registry;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server-rendered pages: templates compiled at build time (jte), every value escaped by the
 * template engine. The page models are public because the compiled templates live in jte's package.
 */
public final class Pages {
    public record DocumentLink(String id, String type, int versions) {}

    public record PlatformRow(String id, String name, List<DocumentLink> documents) {}

    public record ProvisionRow(String id, String text, List<String> topics) {}

    public record HistoryRow(int number, String date, String kind) {}

    public record DocumentPage(String id, String title, int number, int versions, String capturedOn, String effectiveDate, String at,
                        List<ProvisionRow> provisions, List<HistoryRow> history) {}

    public record ChangeRow(String kind, String reason, boolean substantive, String location,
                            List<dev.clausewatch.change.WordDiff.Segment> before, List<dev.clausewatch.change.WordDiff.Segment> after) {}

    public record ChangePage(String id, String title, int from, int to, boolean substantive, boolean technical, String counts,
                      boolean substantiveOnly, List<ChangeRow> changes, List<HistoryRow> versions) {}

    public record ProvisionPage(String documentTitle, ProvisionAnalysis analysis, int changes) {}

    public record PlatformDocument(String id, String type, int versions, int substantive, int cosmetic, String latest) {}

    public record TimelineEvent(String date, String documentId, String documentType, int number, boolean substantive) {}

    public record TopicPage(String id, String title, List<dev.clausewatch.analysis.TopicComparison.Row> rows) {}

    public record PlatformPage(String name, List<PlatformDocument> documents, List<TimelineEvent> timeline) {}

    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final Registry registry;
    private final Archive archive;
    private final DocumentChanges changes;
    private final Analyzer analyzer;
    private final String css;
    private final Map<String, List<dev.clausewatch.provision.Reference>> referencesByVersion = new java.util.concurrent.ConcurrentHashMap<>();

    Pages(Registry registry, Archive archive, DocumentChanges changes, Analyzer analyzer, String cssPath) {
        this.registry = registry;
        this.archive = archive;
        this.changes = changes;
        this.analyzer = analyzer;
        this.css = cssPath;
    }

    void home(Context ctx) {
        List<PlatformRow> rows = registry.platforms().stream().map(p -> new PlatformRow(p.id().value(), p.name(), registry.documents(p.id()).stream()
                .map(d -> new DocumentLink(d.id().toString(), d.id().type().name(), archive.timeline(d.id()).size()))
                .filter(l -> l.versions() > 0).toList())).filter(r -> !r.documents().isEmpty()).toList();
        render(ctx, "home.jte", Map.of("css", css, "platforms", rows));
    }

    void platform(Context ctx, dev.clausewatch.registry.Platform platform) {
        List<PlatformDocument> documents = new java.util.ArrayList<>();
        List<TimelineEvent> timeline = new java.util.ArrayList<>();
        for (Document d : registry.documents(platform.id())) {
            List<VersionProvisions> history = changes.history(d.id());
            if (history.isEmpty()) continue;
            int substantive = 0, cosmetic = 0;
            for (int i = 1; i < history.size(); i++) {
                boolean isSubstantive = changes.compare(history.get(i - 1), history.get(i)).substantive();
                if (isSubstantive) substantive++;
                else cosmetic++;
                timeline.add(new TimelineEvent(Chain.instant(history.get(i).entry().firstObservedAt()).substring(0, 10), d.id().toString(),
                        d.id().type().name(), history.get(i).entry().number(), isSubstantive));
            }
            documents.add(new PlatformDocument(d.id().toString(), d.id().type().name(), history.size(), substantive, cosmetic,
                    Chain.instant(history.getLast().entry().lastObservedAt()).substring(0, 10)));
        }
        timeline.sort(java.util.Comparator.comparing(TimelineEvent::date).reversed());
        render(ctx, "platform.jte", Map.of("css", css, "page", new PlatformPage(platform.name(), documents, timeline)));
    }

    void topic(Context ctx, String topicId, dev.clausewatch.knowledge.Topic topic, dev.clausewatch.analysis.TopicComparison comparison) {
        Map<Document, List<Provision>> documents = new java.util.LinkedHashMap<>();
        for (Document d : registry.documents()) {
            List<VersionProvisions> history = changes.history(d.id());
            if (!history.isEmpty()) documents.put(d, history.getLast().provisions());
        }
        render(ctx, "topic.jte", Map.of("css", css, "page", new TopicPage(topicId, topic.title(), comparison.compare(topicId, documents))));
    }

    /** The search page: the form alone, or with {@code results} (null before a search). Filters are echoed from the request. */
    void search(Context ctx, dev.clausewatch.search.SearchResults results) {
        Map<String, String> form = new java.util.HashMap<>();
        for (String name : List.of("q", "platform", "type", "topic", "since", "until", "past")) {
            form.put(name, java.util.Optional.ofNullable(ctx.queryParam(name)).orElse(""));
        }
        Map<String, Object> model = new java.util.HashMap<>(Map.of("css", css, "form", form, "topics", List.copyOf(analyzer.knowledge().topics().keySet()),
                "platforms", registry.platforms().stream().map(p -> p.id().value()).toList()));
        model.put("results", results);
        render(ctx, "search.jte", model);
    }

    void methodology(Context ctx) {
        render(ctx, "methodology.jte", Map.of("css", css));
    }

    void document(Context ctx, Document document) {
        List<VersionProvisions> history = changes.history(document.id());
        if (history.isEmpty()) throw new WebServer.NotFound("No version of " + document.id() + " is archived yet.");
        String at = ctx.queryParam("at");
        VersionProvisions version = history.getLast();
        if (at != null && !at.isBlank()) {
            var inForce = archive.inForceAt(document.id(), WebServer.endOf(at)).orElseThrow(() -> new WebServer.NotFound(
                    "No version of " + document.id() + " in force on " + at + "."));
            version = history.stream().filter(v -> v.entry().version().contentSha256().equals(inForce.version().contentSha256())).findFirst().orElseThrow();
        }
        List<ProvisionRow> provisions = version.provisions().stream().map(p -> new ProvisionRow(p.id(), p.text(),
                analyzer.topics(p).stream().map(TopicMatch::topicId).toList())).toList();
        List<HistoryRow> rows = historyRows(history);
        DocumentPage page = new DocumentPage(document.id().toString(), document.title(), version.entry().number(), history.size(),
                Chain.instant(version.entry().firstObservedAt()).substring(0, 10),
                EffectiveDate.in(version.provisions()).map(d -> d.date().toString()).orElse(null), at == null ? "" : at, provisions, rows);
        render(ctx, "document.jte", Map.of("css", css, "page", page));
    }

    void change(Context ctx, Document document, List<VersionProvisions> history, VersionProvisions from, VersionProvisions to) {
        ChangeSet set = changes.compare(from, to);
        boolean substantiveOnly = "on".equals(ctx.queryParam("substantive"));
        List<ChangeRow> rows = set.changes().stream().filter(c -> !substantiveOnly || c.substantive()).map(c -> {
            var segments = dev.clausewatch.change.WordDiff.segments(c.kind() == ChangeKind.ADDED ? "" : c.before().map(Provision::text).orElse(""),
                    c.kind() == ChangeKind.REMOVED ? "" : c.after().map(Provision::text).orElse(""));
            return new ChangeRow(c.kind().name().toLowerCase(java.util.Locale.ROOT), c.reason().description(), c.substantive(), c.location(),
                    segments.stream().filter(g -> g.kind() != dev.clausewatch.change.WordDiff.Segment.Kind.ADDED).toList(),
                    segments.stream().filter(g -> g.kind() != dev.clausewatch.change.WordDiff.Segment.Kind.REMOVED).toList());
        }).toList();
        ChangePage page = new ChangePage(document.id().toString(), document.title(), from.entry().number(), to.entry().number(), set.substantive(),
                set.technical(), countsInWords(set), substantiveOnly, rows, historyRows(history));
        render(ctx, "change.jte", Map.of("css", css, "page", page));
    }

    /** "1 modified, 2 added" rather than the counts map; "no provision changed" when all are zero. */
    private static String countsInWords(ChangeSet set) {
        String words = set.counts().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.joining(", "));
        return words.isEmpty() ? "No provision changed." : "Provisions: " + words + ".";
    }

    private static List<HistoryRow> historyRows(List<VersionProvisions> history) {
        return history.stream().map(v -> new HistoryRow(v.entry().number(),
                Chain.instant(v.entry().firstObservedAt()).substring(0, 10), v.entry().version().kind().label())).toList();
    }

    void provision(Context ctx, Document document, String provisionId) {
        List<VersionProvisions> history = changes.history(document.id());
        if (history.isEmpty()) throw new WebServer.NotFound("No version of " + document.id() + " is archived yet.");
        List<Provision> current = history.getLast().provisions();
        Provision provision = current.stream().filter(p -> p.id().equals(provisionId)).findFirst().orElseThrow(() -> new WebServer.NotFound(
                "No provision " + provisionId + " in the current version of " + document.id() + "."));
        // A version's references depend only on its text and the registered documents: found once per
        // version and state of the registry (a newly registered document can resolve a reference).
        String key = history.getLast().entry().version().contentSha256() + "|" + document.id() + "|" + registry.documents().hashCode();
        var references = referencesByVersion.computeIfAbsent(key,
                k -> References.in(current, new RegisteredDocuments(registry, Optional.of(document.platform())), document.id()));
        ProvisionAnalysis analysis = analyzer.analyze(provision, references, id -> List.of());
        int changed = 0;
        String previous = null;
        for (VersionProvisions v : history) {
            String text = v.provisions().stream().filter(p -> p.id().equals(provisionId)).map(Provision::text).findFirst().orElse(null);
            if (text != null && previous != null && !text.equals(previous)) changed++;
            if (text != null) previous = text;
        }
        render(ctx, "provision.jte", Map.of("css", css, "page", new ProvisionPage(document.title(), analysis, changed)));
    }

    private void render(Context ctx, String template, Map<String, Object> model) {
        StringOutput output = new StringOutput();
        templates.render(template, model, output);
        ctx.contentType("text/html; charset=utf-8").result(output.toString().getBytes(StandardCharsets.UTF_8));
    }
}
