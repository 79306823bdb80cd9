package dev.clausewatch.cli;

import dev.clausewatch.analysis.ProvisionAnalysis;
import dev.clausewatch.analysis.TopicMatch;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.Reference;
import dev.clausewatch.provision.References;
import dev.clausewatch.provision.RegisteredDocuments;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
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

/** Commands on governance analysis: analyze, topics, regulations. */
final class AnalysisCommands {
    private AnalysisCommands() {}

    @Command(name = "analyze", description = {"Analyses the provisions of a document's current version: topics, exposure, regulatory",
            "landscape, jurisdiction flags, implications, action items; one provision in full with --provision."})
    static final class Analyze implements Callable<Integer> {
        @ParentCommand ClausewatchCommand root;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "PLATFORM/DOCUMENT | PLATFORM", description = "A document, or a platform for the roll-up of its documents.")
        String documentId;

        @Option(names = "--provision", paramLabel = "ID") String provisionId;

        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            if (!documentId.contains("/")) return platform();
            try (Workspace workspace = root.open()) {
                Document document = Arguments.document(workspace, documentId);
                var current = Arguments.current(workspace, document);
                List<Provision> provisions = current.provisions();
                List<Reference> references = workspace.records().references(current);
                List<Provision> chosen = provisionId == null ? provisions : provisions.stream().filter(p -> p.id().equals(provisionId)).toList();
                if (chosen.isEmpty()) throw new NotFoundException("No provision " + provisionId + " in the current version of " + document.id()
                        + "; `clausewatch provisions " + document.id() + "` lists them.");
                List<ProvisionAnalysis> analyses = new ArrayList<>();
                for (Provision p : chosen) {
                    analyses.add(workspace.analyzer().analyze(p, references, target -> current(workspace, target),
                            dev.clausewatch.analysis.Analyzer.Context.of(p, provisions, document.platformName())));
                }
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    Output.json(out, provisionId == null ? Map.of("document", document.id().toString(), "rollUp", rollUp(analyses), "provisions", analyses)
                            : analyses.getFirst());
                } else if (provisionId != null) {
                    print(out, document, analyses.getFirst());
                    printPeers(out, workspace, document, chosen.getFirst(), analyses.getFirst());
                } else {
                    out.printf("%s: exposure %s%n%n", document.title(), rollUp(analyses));
                    Output.table(out, List.of("ID", "EXPOSURE", "TOPICS", "TEXT"), analyses.stream().filter(a -> !a.topics().isEmpty())
                            .map(a -> List.of(a.provisionId(), a.exposure().level().name(),
                                    String.join(", ", a.topics().stream().map(TopicMatch::topicId).toList()),
                                    a.quote().length() > 70 ? a.quote().substring(0, 70) + "…" : a.quote())).toList());
                }
                return 0;
            }
        }

        /** Exposure rolled up per document of a platform, and for the platform, with the counts behind it. */
        private int platform() {
            try (Workspace workspace = root.open()) {
                var platform = new dev.clausewatch.registry.PlatformId(documentId);
                if (workspace.registry().platform(platform).isEmpty()) {
                    throw new NotFoundException("No platform " + documentId + " in the registry; `clausewatch platforms` lists them.");
                }
                Map<String, Map<ProvisionAnalysis.Level, Integer>> byDocument = new java.util.LinkedHashMap<>();
                Map<ProvisionAnalysis.Level, Integer> total = new EnumMap<>(ProvisionAnalysis.Level.class);
                for (ProvisionAnalysis.Level level : ProvisionAnalysis.Level.values()) total.put(level, 0);
                for (Document d : workspace.registry().documents(platform)) {
                    var current = workspace.records().current(d.id());
                    if (current.isEmpty()) continue;
                    List<Provision> provisions = current.get().provisions();
                    List<Reference> references = workspace.records().references(current.get());
                    List<ProvisionAnalysis> analyses = provisions.stream()
                            .map(p -> workspace.analyzer().analyze(p, references, target -> List.of(),
                                    dev.clausewatch.analysis.Analyzer.Context.of(p, provisions, d.platformName()))).toList();
                    var counts = rollUp(analyses);
                    byDocument.put(d.id().toString(), counts);
                    counts.forEach((level, n) -> total.merge(level, n, Integer::sum));
                }
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    Output.json(out, Map.of("platform", documentId, "total", total, "documents", byDocument));
                } else {
                    List<List<String>> rows = new ArrayList<>();
                    byDocument.forEach((d, c) -> rows.add(List.of(d, "" + c.get(ProvisionAnalysis.Level.HIGH), "" + c.get(ProvisionAnalysis.Level.MEDIUM),
                            "" + c.get(ProvisionAnalysis.Level.LOW))));
                    rows.add(List.of("all of " + documentId, "" + total.get(ProvisionAnalysis.Level.HIGH), "" + total.get(ProvisionAnalysis.Level.MEDIUM),
                            "" + total.get(ProvisionAnalysis.Level.LOW)));
                    Output.table(out, List.of("DOCUMENT", "HIGH", "MEDIUM", "LOW"), rows);
                }
                return 0;
            }
        }

        /** "How other platforms handle this": the closest provisions on the same topics in other platforms' current versions. */
        private static void printPeers(PrintWriter out, Workspace workspace, Document document, Provision provision, ProvisionAnalysis analysis) {
            if (analysis.topics().isEmpty()) return;
            Map<Document, List<Provision>> candidates = new java.util.LinkedHashMap<>();
            for (Document d : workspace.registry().documents()) {
                if (!d.id().platform().equals(document.id().platform())) {
                    List<Provision> current = current(workspace, d.id());
                    if (!current.isEmpty()) candidates.put(d, current);
                }
            }
            var peers = workspace.analyzer().peers(provision, document.id().platform().value(), candidates, 3);
            if (peers.isEmpty()) return;
            out.println("\nHow other platforms handle this:");
            for (var p : peers) {
                out.printf(java.util.Locale.ROOT, "  - “%s” — %s [%s], on %s (similarity %.2f)%n",
                        p.quote().length() > 300 ? p.quote().substring(0, 300) + "…" : p.quote(), p.document(), p.provisionId(), p.topicId(), p.similarity());
            }
            out.flush();
        }

        private static List<Provision> current(Workspace workspace, DocumentId target) {
            return workspace.records().current(target).map(v -> v.provisions()).orElse(List.of());
        }

        static Map<ProvisionAnalysis.Level, Integer> rollUp(List<ProvisionAnalysis> analyses) {
            Map<ProvisionAnalysis.Level, Integer> counts = new EnumMap<>(ProvisionAnalysis.Level.class);
            for (ProvisionAnalysis.Level level : ProvisionAnalysis.Level.values()) counts.put(level, 0);
            analyses.stream().filter(a -> !a.topics().isEmpty()).forEach(a -> counts.merge(a.exposure().level(), 1, Integer::sum));
            return counts;
        }

        private static void print(PrintWriter out, Document document, ProvisionAnalysis a) {
            out.printf("“%s”%n— %s, %s [%s]%n%n", a.quote(), document.title(), a.location(), a.provisionId());
            a.meaning().forEach(out::println);
            if (!a.affects().isEmpty()) out.println("Who it affects: " + String.join(", ", a.affects()));
            out.println("Topics: " + String.join("; ", a.topics().stream().map(t -> t.topicId() + " (" + Math.round(t.confidence() * 100) + "%"
                    + (t.evidence().isEmpty() ? "" : ", cues " + String.join(" ", t.evidence())) + ")").toList()));
            a.topics().stream().filter(t -> t.sentence() != null).forEach(t -> out.println("  " + t.topicId() + " carried by: “" + t.sentence() + "”"));
            a.topics().forEach(t -> t.examples().forEach(e -> out.println("  " + t.topicId() + " like: “" + e.excerpt() + "” (" + e.document()
                    + ", similarity " + e.similarity() + ")")));
            out.println("Governance exposure: " + a.exposure().level() + " (" + a.exposure().points() + " points)");
            a.exposure().reasons().forEach(r -> out.println("  " + r));
            section(out, "(1) Regulatory landscape", a.landscape().stream().map(p -> p.name() + " [" + p.regulationId() + ", " + p.jurisdiction()
                    + ", " + p.verification() + "] — " + p.why() + (p.articles().isEmpty() ? "" : " " + p.articles())).toList());
            if (!a.moreInstruments().isEmpty()) out.println("  and " + a.moreInstruments().size() + " more: " + String.join(", ", a.moreInstruments()));
            section(out, "(3) Jurisdiction flags", a.jurisdictionFlags());
            section(out, "(4) Contract and vendor implications", a.contractImplications());
            section(out, "(5) Compliance considerations", a.complianceConsiderations());
            section(out, "Action items", a.actionItems());
            section(out, "Incorporates", a.incorporations().stream().map(i -> i.target() + ": \"" + i.sentence() + "\""
                    + (i.targetProvisionsOnSameTopics().isEmpty() ? "" : "\n      on the same topics: " + i.targetProvisionsOnSameTopics())).toList());
            out.println("\nInterpretive note: " + a.interpretiveNote());
            out.println("Knowledge as of: " + a.knowledgeAsOf());
            out.println(a.disclaimer());
            out.flush();
        }

        private static void section(PrintWriter out, String title, List<String> lines) {
            if (lines.isEmpty()) return;
            out.println("\n" + title + ":");
            lines.forEach(l -> out.println("  - " + l));
        }
    }

    @Command(name = "compare", description = {"How every platform in the archive treats a topic: its provisions on it, their stance where",
            "the topic has stances (e.g. ai-training-on-user-content), and the quote; silent platforms are listed too."})
    static final class Compare implements Callable<Integer> {
        @ParentCommand ClausewatchCommand root;
        @Spec CommandSpec spec;

        @Option(names = "--topic", required = true, paramLabel = "TOPIC") String topic;

        @Option(names = "--at", paramLabel = "DATE", description = "Compare the versions in force on DATE (default: the latest).") String at;

        @Option(names = "--json") boolean json;

        @Option(names = "--out", paramLabel = "FILE", description = "Also write the topic report: FILE.csv (one row per platform and provision), "
                + "FILE.pdf or FILE.html. Never overwritten.")
        java.nio.file.Path out;

        @Override
        public Integer call() {
            try (Workspace workspace = root.open()) {
                if (workspace.knowledge().topic(topic).isEmpty()) {
                    throw new NotFoundException("No topic " + topic + " in the knowledge data; `clausewatch topics` lists them.");
                }
                java.time.Instant instant = at == null ? java.time.Instant.MAX : Arguments.endOf(at);
                Map<Document, List<Provision>> documents = new java.util.LinkedHashMap<>();
                Map<String, java.time.Instant> versionDates = new java.util.HashMap<>();
                for (Document d : workspace.registry().documents()) {
                    workspace.records().inForce(d.id(), instant).ifPresent(v -> {
                        documents.put(d, v.provisions());
                        versionDates.put(d.id().toString(), v.entry().firstObservedAt());
                    });
                }
                var comparison = new dev.clausewatch.analysis.TopicComparison(new dev.clausewatch.analysis.TopicClassifier(workspace.knowledge()),
                        dev.clausewatch.analysis.StanceRules.bundled());
                var rows = comparison.compare(topic, documents);
                if (this.out != null) writeReport(dev.clausewatch.report.TopicReport.of(topic, workspace.knowledge().topic(topic).orElseThrow().title(),
                        at == null ? "latest versions" : "in force on " + at, java.time.Instant.now(), rows, versionDates));
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    Output.json(out, Map.of("topic", topic, "at", at == null ? "latest" : at, "rows", rows));
                } else {
                    out.printf("%s, %s: %d platforms%n%n", workspace.knowledge().topic(topic).orElseThrow().title(), at == null ? "latest versions" : "in force on " + at,
                            rows.stream().map(dev.clausewatch.analysis.TopicComparison.Row::platform).distinct().count());
                    Output.table(out, List.of("PLATFORM", "STANCE", "PROVISION", "QUOTE"), rows.stream().map(r -> List.of(r.platform(), r.stance(),
                            r.provisionId().isEmpty() ? "" : r.document() + "#" + r.provisionId(),
                            r.quote().length() > 110 ? r.quote().substring(0, 110) + "…" : r.quote())).toList());
                }
                return 0;
            }
        }

        private void writeReport(dev.clausewatch.report.TopicReport report) {
            String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            byte[] bytes;
            if (name.endsWith(".csv")) bytes = report.csv().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            else if (name.endsWith(".pdf")) bytes = dev.clausewatch.report.ReportPdf.print(report.html());
            else if (name.endsWith(".html")) bytes = report.html().outerHtml().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            else throw new IllegalArgumentException("--out " + out + ": the name must end in .csv, .pdf or .html");
            ReportCommand.writeNew(out, bytes);
        }
    }

    @Command(name = "topics", description = "Lists the governance topics of the knowledge data.")
    static final class Topics implements Callable<Integer> {
        @ParentCommand ClausewatchCommand root;
        @Spec CommandSpec spec;

        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            var knowledge = dev.clausewatch.knowledge.Knowledge.bundled();
            if (json) Output.json(spec.commandLine().getOut(), knowledge.topics().values());
            else Output.table(spec.commandLine().getOut(), List.of("TOPIC", "TITLE", "REGULATIONS"), knowledge.topics().values().stream()
                    .map(t -> List.of(t.id(), t.title(), Integer.toString(t.regulations().size()))).toList());
            return 0;
        }
    }

    @Command(name = "regulations", description = "Lists the regulations of the knowledge data, with their verification level.")
    static final class Regulations implements Callable<Integer> {
        @ParentCommand ClausewatchCommand root;
        @Spec CommandSpec spec;

        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            var knowledge = dev.clausewatch.knowledge.Knowledge.bundled();
            if (json) Output.json(spec.commandLine().getOut(), knowledge.regulations().values());
            else Output.table(spec.commandLine().getOut(), List.of("REGULATION", "JURISDICTION", "VERIFICATION", "NAME"),
                    knowledge.regulations().values().stream().map(r -> List.of(r.id(), r.jurisdiction(), r.verification(), r.shortName())).toList());
            return 0;
        }
    }

}
