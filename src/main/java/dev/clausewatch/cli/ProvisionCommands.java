package dev.clausewatch.cli;

import dev.clausewatch.archive.Chain;
import dev.clausewatch.change.ChangeDetector;
import dev.clausewatch.change.ChangeSet;
import dev.clausewatch.change.DocumentChanges.VersionProvisions;
import dev.clausewatch.change.ProvisionChange;
import dev.clausewatch.change.WordDiff;
import dev.clausewatch.provision.EffectiveDate;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.ProvisionParser;
import dev.clausewatch.provision.Reference;
import dev.clausewatch.provision.References;
import dev.clausewatch.provision.RegisteredDocuments;
import dev.clausewatch.registry.Document;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Commands on provisions: provisions, diff, references. */
final class ProvisionCommands {
    private ProvisionCommands() {}

    /** A version chosen on the command line: a number in the timeline (1 = oldest), a hash prefix, or a date (in force then). */
    static VersionProvisions select(Workspace workspace, List<VersionProvisions> history, String selector, Document document) {
        if (selector.matches("\\d{1,5}")) {
            int number = Integer.parseInt(selector);
            if (number < 1 || number > history.size()) {
                throw new NotFoundException("No version " + number + " of " + document.id() + ": it has versions 1 to " + history.size() + ".");
            }
            return history.get(number - 1);
        }
        if (selector.matches("[0-9a-f]{6,64}")) {
            return history.stream().filter(v -> v.entry().version().contentSha256().startsWith(selector)).findFirst()
                    .orElseThrow(() -> new NotFoundException("No version of " + document.id() + " has a hash starting " + selector + "."));
        }
        // Decided where `show --at`, the pages and the API decide it: the text seen last by then, also when an older text reappeared.
        return workspace.records().inForce(document.id(), Arguments.endOf(selector)).orElseThrow(() -> new NotFoundException(
                "No version of " + document.id() + " in force on " + selector + ": its first version was observed on "
                        + Chain.instant(history.getFirst().entry().firstObservedAt()).substring(0, 10) + "."));
    }

    static Map<String, Object> json(Provision p) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("id", p.id());
        value.put("position", p.position());
        value.put("kind", p.kind().name());
        value.put("number", p.number());
        value.put("trail", p.trail());
        value.put("text", p.text());
        return value;
    }

    static Map<String, Object> json(ChangeSet set) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("substantive", set.substantive());
        value.put("technical", set.technical());
        value.put("variantOf", set.variantOf().orElse(null));
        value.put("counts", set.counts());
        value.put("effectiveDateBefore", set.effectiveBefore().map(d -> d.date().toString()).orElse(null));
        value.put("effectiveDateAfter", set.effectiveAfter().map(d -> d.date().toString()).orElse(null));
        List<Map<String, Object>> changes = new ArrayList<>();
        for (ProvisionChange c : set.changes()) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("provisionId", c.provisionId());
            change.put("kind", c.kind().name());
            change.put("substantive", c.substantive());
            change.put("reason", c.reason().name());
            change.put("reasonText", c.explanation());
            change.put("significance", c.significance());
            change.put("location", c.location());
            change.put("before", c.before().map(Provision::text).orElse(null));
            change.put("after", c.after().map(Provision::text).orElse(null));
            change.put("edits", c.edits().stream().map(e -> Map.of("removed", e.removed(), "inserted", e.inserted())).toList());
            changes.add(change);
        }
        value.put("changes", changes);
        return value;
    }

    static void print(PrintWriter out, ChangeSet set, boolean substantiveOnly) {
        out.printf("%s change%s%s: %s%n", set.substantive() ? "Substantive" : "Cosmetic", set.technical() ? " (technical upgrade: never alerted)" : "",
                "", set.counts());
        if (set.effectiveDateChanged()) {
            out.printf("Effective date: %s → %s%n", set.effectiveBefore().map(EffectiveDate::date).map(Object::toString).orElse("none stated"),
                    set.effectiveAfter().map(EffectiveDate::date).map(Object::toString).orElse("none stated"));
        }
        for (ProvisionChange c : set.changes()) {
            if (substantiveOnly && !c.substantive()) continue;
            out.printf("%n%s %s [%s] %s — %s%n", c.substantive() ? "●" : "○", c.kind(), c.provisionId(), c.location(), c.explanation());
            c.before().filter(b -> c.kind() == dev.clausewatch.change.ChangeKind.REMOVED).ifPresent(b -> out.println("  − " + quote(b.text())));
            c.after().filter(a -> c.kind() == dev.clausewatch.change.ChangeKind.ADDED).ifPresent(a -> out.println("  + " + quote(a.text())));
            for (WordDiff.Edit e : c.edits()) {
                if (!e.removed().isEmpty()) out.println("  − " + quote(e.removed()));
                if (!e.inserted().isEmpty()) out.println("  + " + quote(e.inserted()));
            }
        }
        out.flush();
    }

    private static String quote(String text) {
        return "“" + (text.length() > 400 ? text.substring(0, 400) + "…" : text) + "”";
    }

    @Command(name = "provisions", description = "Lists a version's provisions with their lasting ids, kinds and heading trails.")
    static final class Provisions implements Callable<Integer> {
        @ParentCommand ClausewatchCommand root;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "PLATFORM/DOCUMENT") String documentId;

        @Option(names = "--at", paramLabel = "DATE|VERSION", description = "The version in force on DATE, or version number / hash prefix (default: latest).")
        String at;

        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            try (Workspace workspace = root.open()) {
                Document document = Arguments.document(workspace, documentId);
                List<VersionProvisions> history = Arguments.history(workspace, document);
                VersionProvisions version = at == null ? history.getLast() : select(workspace, history, at, document);
                Optional<EffectiveDate> effective = EffectiveDate.in(version.provisions());
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    Map<String, Object> value = new LinkedHashMap<>();
                    value.put("document", document.id().toString());
                    value.put("version", version.entry().number());
                    value.put("sha256", version.entry().version().contentSha256());
                    value.put("title", version.provisions().stream().filter(p -> p.kind() == dev.clausewatch.provision.ProvisionKind.HEADING)
                            .map(Provision::text).findFirst().orElse(null));
                    value.put("effectiveDate", effective.map(d -> Map.of("date", d.date().toString(), "label", d.label(), "provisionId", d.provisionId(),
                            "quote", d.quote())).orElse(null));
                    value.put("provisions", version.provisions().stream().map(ProvisionCommands::json).toList());
                    Output.json(out, value);
                } else {
                    out.printf("%s, version %d of %d (%s), %d provisions; %s%n%n", document.title(), version.entry().number(), history.size(),
                            version.entry().version().shortId(), version.provisions().size(),
                            effective.map(d -> d.label() + " " + d.date() + " (from " + d.provisionId() + ")").orElse("no effective date stated"));
                    Output.table(out, List.of("ID", "KIND", "WHERE", "TEXT"), version.provisions().stream().map(p -> List.of(p.id(),
                            p.kind().name().toLowerCase(java.util.Locale.ROOT), p.location(),
                            p.text().length() > 90 ? p.text().substring(0, 90) + "…" : p.text())).toList());
                }
                return 0;
            }
        }
    }

    @Command(name = "diff", description = {"What changed between two versions of a document, provision by provision (default: the",
            "latest version against the one before), or between two Markdown files with --files."})
    static final class Diff implements Callable<Integer> {
        @ParentCommand ClausewatchCommand root;
        @Spec CommandSpec spec;

        @Parameters(arity = "0..2", paramLabel = "PLATFORM/DOCUMENT | OLD.md NEW.md") List<String> arguments;

        @Option(names = "--files", description = "Compare two Markdown files; no archive needed.") boolean files;

        @Option(names = "--from", paramLabel = "DATE|VERSION") String from;

        @Option(names = "--to", paramLabel = "DATE|VERSION") String to;

        @Option(names = "--substantive-only", description = "Show only substantive changes.") boolean substantiveOnly;

        @Option(names = "--json") boolean json;

        @Override
        public Integer call() throws IOException {
            ChangeSet set;
            if (files) {
                if (arguments == null || arguments.size() != 2) throw new IllegalArgumentException("diff --files needs OLD.md and NEW.md");
                ProvisionParser parser = new ProvisionParser();
                set = new ChangeDetector().compare(parser.parse(read(arguments.get(0))), parser.parse(read(arguments.get(1))), false);
            } else {
                if (arguments == null || arguments.size() != 1) throw new IllegalArgumentException("diff needs PLATFORM/DOCUMENT (or --files OLD.md NEW.md)");
                try (Workspace workspace = root.open()) {
                    Document document = Arguments.document(workspace, arguments.getFirst());
                    List<VersionProvisions> history = Arguments.history(workspace, document);
                    VersionProvisions newer = to == null ? history.getLast() : select(workspace, history, to, document);
                    VersionProvisions older = from != null ? select(workspace, history, from, document)
                            : history.get(Math.max(0, newer.entry().number() - 2));
                    set = workspace.records().compare(older, newer);
                    if (!json) {
                        spec.commandLine().getOut().printf("%s: version %d (%s, %s) → version %d (%s, %s)%n", document.title(),
                                older.entry().number(), older.entry().version().shortId(), Chain.instant(older.entry().firstObservedAt()).substring(0, 10),
                                newer.entry().number(), newer.entry().version().shortId(), Chain.instant(newer.entry().firstObservedAt()).substring(0, 10));
                    }
                }
            }
            if (json) Output.json(spec.commandLine().getOut(), json(set));
            else print(spec.commandLine().getOut(), set, substantiveOnly);
            return 0;
        }

        private static String read(String file) throws IOException {
            Path path = Path.of(file);
            if (!Files.isRegularFile(path)) throw new IllegalArgumentException("file " + file + " does not exist");
            return dev.clausewatch.ingest.TextInput.text(path);
        }
    }

    @Command(name = "references", description = {"The documents a document refers to (binding incorporation or mention), or with --incoming",
            "the documents whose current version refers to it."})
    static final class ReferencesCommand implements Callable<Integer> {
        @ParentCommand ClausewatchCommand root;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "PLATFORM/DOCUMENT") String documentId;

        @Option(names = "--incoming") boolean incoming;

        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            try (Workspace workspace = root.open()) {
                Document document = Arguments.document(workspace, documentId);
                List<Map<String, Object>> rows = new ArrayList<>();
                List<Document> sources = incoming ? workspace.registry().documents() : List.of(document);
                if (!incoming) Arguments.current(workspace, document);
                for (Document source : sources) {
                    var latest = workspace.records().current(source.id());
                    if (latest.isEmpty()) continue;
                    for (Reference r : workspace.records().references(latest.get())) {
                        if (incoming && !r.target().filter(document.id()::equals).isPresent()) continue;
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("from", source.id().toString());
                        row.put("provisionId", r.provisionId());
                        row.put("target", r.targetLabel());
                        row.put("resolved", r.target().isPresent());
                        row.put("name", r.name());
                        row.put("url", r.url().orElse(null));
                        row.put("binding", r.binding());
                        row.put("relation", r.relation());
                        row.put("sentence", r.sentence());
                        rows.add(row);
                    }
                }
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    Output.json(out, rows);
                } else if (rows.isEmpty()) {
                    out.println(incoming ? "No archived document refers to " + document.id() + "." : document.id() + " refers to no other document.");
                    out.flush();
                } else {
                    Output.table(out, List.of(incoming ? "FROM" : "TARGET", "HOW", "SENTENCE"), rows.stream().map(r -> List.of(
                            (String) (incoming ? r.get("from") : r.get("target")), (String) r.get("relation"),
                            ((String) r.get("sentence")).length() > 120 ? ((String) r.get("sentence")).substring(0, 120) + "…" : (String) r.get("sentence"))).toList());
                }
                return 0;
            }
        }
    }
}
