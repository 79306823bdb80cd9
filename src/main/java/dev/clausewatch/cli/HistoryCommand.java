package dev.clausewatch.cli;

import dev.clausewatch.archive.Chain;
import dev.clausewatch.archive.Provenance;
import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.registry.Document;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "history", description = "Lists a document's versions in the order they were in force, with where each came from.")
final class HistoryCommand implements Callable<Integer> {
    @ParentCommand ClausewatchCommand root;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "PLATFORM/DOCUMENT", description = "e.g. amazon-web-services/acceptable-use-policy")
    String documentId;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Workspace workspace = root.open()) {
            Document document = Arguments.document(workspace, documentId);
            List<TimelineEntry> timeline = Arguments.timeline(workspace, document);
            List<Map<String, Object>> items = new ArrayList<>();
            List<List<String>> rows = new ArrayList<>();
            for (TimelineEntry e : timeline) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("number", e.number());
                item.put("id", e.version().shortId());
                item.put("sha256", e.version().contentSha256());
                item.put("kind", e.version().kind().name());
                item.put("bytes", e.version().bytes());
                item.put("firstObservedAt", Chain.instant(e.firstObservedAt()));
                item.put("lastObservedAt", Chain.instant(e.lastObservedAt()));
                item.put("observations", e.observations());
                item.put("recordSeq", e.version().recordSeq());
                item.put("previousSha256", e.version().previousContentSha256());
                item.put("chainHash", e.version().chainHash());
                item.put("provenance", e.provenances().stream().map(HistoryCommand::provenance).toList());
                items.add(item);
                rows.add(List.of(Integer.toString(e.number()), Chain.instant(e.firstObservedAt()).substring(0, 19) + "Z",
                        e.version().shortId(), e.version().kind().label(), Long.toString(e.version().bytes()),
                        Integer.toString(e.observations()), archives(e.provenances())));
            }
            if (json) Output.json(spec.commandLine().getOut(), items);
            else Output.table(spec.commandLine().getOut(), List.of("#", "FIRST OBSERVED", "VERSION", "KIND", "BYTES", "SEEN", "FROM"), rows);
            return 0;
        }
    }

    private static Map<String, Object> provenance(Provenance p) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("archive", p.archive());
        value.put("reference", p.reference());
        value.put("details", p.details());
        return value;
    }

    private static String archives(List<Provenance> provenances) {
        return String.join(", ", provenances.stream().map(p -> p.archive().replaceFirst("^https://github.com/", "")).distinct().toList());
    }
}
