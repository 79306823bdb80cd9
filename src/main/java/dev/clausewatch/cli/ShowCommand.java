package dev.clausewatch.cli;

import dev.clausewatch.archive.Chain;
import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.registry.Document;
import java.time.Instant;
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

@Command(name = "show", description = "Prints the Markdown of a document's latest version, or of the version in force at a date.")
final class ShowCommand implements Callable<Integer> {
    @ParentCommand ClausewatchCommand root;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "PLATFORM/DOCUMENT", description = "e.g. amazon-web-services/acceptable-use-policy")
    String documentId;

    @Option(names = "--at", paramLabel = "DATE", description = "YYYY-MM-DD (the end of that day, UTC) or an ISO 8601 date-time.")
    String at;

    @Option(names = "--json", description = "Print the version's metadata and text as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Workspace workspace = root.open()) {
            Document document = Arguments.document(workspace, documentId);
            List<TimelineEntry> timeline = Arguments.timeline(workspace, document);
            Instant instant = at == null ? Instant.MAX : Arguments.endOf(at);
            TimelineEntry entry = workspace.archive().inForceAt(document.id(), instant).orElseThrow(() -> new NotFoundException(
                    "No version of " + document.id() + " in force on " + at + ": its first version was observed on "
                            + Chain.instant(timeline.getFirst().firstObservedAt()).substring(0, 10) + "."));
            String text = workspace.archive().text(entry.version());
            if (json) {
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("document", document.id().toString());
                value.put("number", entry.number());
                value.put("id", entry.version().shortId());
                value.put("sha256", entry.version().contentSha256());
                value.put("kind", entry.version().kind().name());
                value.put("firstObservedAt", Chain.instant(entry.firstObservedAt()));
                value.put("lastObservedAt", Chain.instant(entry.lastObservedAt()));
                value.put("markdown", text);
                Output.json(spec.commandLine().getOut(), value);
            } else {
                spec.commandLine().getErr().printf("%s, version %d of %d (%s), first observed %s%n", document.title(), entry.number(),
                        timeline.size(), entry.version().shortId(), Chain.instant(entry.firstObservedAt()));
                spec.commandLine().getErr().flush();
                spec.commandLine().getOut().print(text);
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }
}
