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

        @Parameters(paramLabel = "PLATFORM/DOCUMENT") String documentId;

        @Option(names = "--provision", paramLabel = "ID") String provisionId;

        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            try (Workspace workspace = root.open()) {
                Document document = Arguments.document(workspace, documentId);
                Arguments.timeline(workspace, document);
                List<Provision> provisions = workspace.changes().history(document.id()).getLast().provisions();
                List<Reference> references = References.in(provisions,
                        new RegisteredDocuments(workspace.registry(), Optional.of(document.platform())), document.id());
                List<Provision> chosen = provisionId == null ? provisions : provisions.stream().filter(p -> p.id().equals(provisionId)).toList();
                if (chosen.isEmpty()) throw new NotFoundException("No provision " + provisionId + " in the current version of " + document.id()
                        + "; `clausewatch provisions " + document.id() + "` lists them.");
                List<ProvisionAnalysis> analyses = new ArrayList<>();
                for (Provision p : chosen) {
                    analyses.add(workspace.analyzer().analyze(p, references, target -> current(workspace, target)));
                }
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    Output.json(out, provisionId == null ? Map.of("document", document.id().toString(), "rollUp", rollUp(analyses), "provisions", analyses)
                            : analyses.getFirst());
                } else if (provisionId != null) {
                    print(out, document, analyses.getFirst());
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

        private static List<Provision> current(Workspace workspace, DocumentId target) {
            if (workspace.archive().inForceAt(target, java.time.Instant.MAX).isEmpty()) return List.of();
            return workspace.changes().history(target).getLast().provisions();
        }

        static Map<ProvisionAnalysis.Level, Integer> rollUp(List<ProvisionAnalysis> analyses) {
            Map<ProvisionAnalysis.Level, Integer> counts = new EnumMap<>(ProvisionAnalysis.Level.class);
            for (ProvisionAnalysis.Level level : ProvisionAnalysis.Level.values()) counts.put(level, 0);
            analyses.stream().filter(a -> !a.topics().isEmpty()).forEach(a -> counts.merge(a.exposure().level(), 1, Integer::sum));
            return counts;
        }

        private static void print(PrintWriter out, Document document, ProvisionAnalysis a) {
            out.printf("“%s”%n— %s, %s [%s]%n%n", a.quote(), document.title(), a.location(), a.provisionId());
            out.println("Topics: " + String.join("; ", a.topics().stream().map(t -> t.topicId() + " (" + Math.round(t.confidence() * 100)
                    + "%, cues " + String.join(" ", t.evidence()) + ")").toList()));
            out.println("Governance exposure: " + a.exposure().level() + " (" + a.exposure().points() + " points)");
            a.exposure().reasons().forEach(r -> out.println("  " + r));
            section(out, "(1) Regulatory landscape", a.landscape().stream().map(p -> p.name() + " [" + p.regulationId() + ", " + p.jurisdiction()
                    + ", " + p.verification() + "] — " + p.why() + (p.articles().isEmpty() ? "" : " " + p.articles())).toList());
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
