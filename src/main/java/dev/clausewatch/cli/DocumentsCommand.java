package dev.clausewatch.cli;

import dev.clausewatch.archive.Chain;
import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.PlatformId;
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

@Command(name = "documents", description = "Lists documents (of one platform, or all) with their versions and latest observation.")
final class DocumentsCommand implements Callable<Integer> {
    @ParentCommand ClausewatchCommand root;
    @Spec CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "PLATFORM", description = "A platform id, e.g. amazon-web-services.")
    String platform;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Workspace workspace = root.open()) {
            List<Document> documents;
            if (platform == null) {
                documents = workspace.registry().documents();
            } else {
                PlatformId id = new PlatformId(platform);
                if (workspace.registry().platform(id).isEmpty()) {
                    throw new NotFoundException("No platform " + platform + " in the registry; `clausewatch platforms` lists them.");
                }
                documents = workspace.registry().documents(id);
            }
            List<Map<String, Object>> items = new ArrayList<>();
            List<List<String>> rows = new ArrayList<>();
            for (Document d : documents) {
                List<TimelineEntry> timeline = workspace.archive().timeline(d.id());
                String latest = timeline.isEmpty() ? "" : Chain.instant(timeline.stream()
                        .map(TimelineEntry::lastObservedAt).max(java.util.Comparator.naturalOrder()).orElseThrow());
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", d.id().toString());
                item.put("platform", d.id().platform().value());
                item.put("type", d.id().type().name());
                item.put("title", d.title());
                item.put("versions", timeline.size());
                item.put("declarations", workspace.registry().declarations(d.id()).size());
                item.put("lastObservedAt", latest.isEmpty() ? null : latest);
                items.add(item);
                rows.add(List.of(d.id().toString(), d.id().type().name(), Integer.toString(timeline.size()), latest));
            }
            if (json) Output.json(spec.commandLine().getOut(), items);
            else Output.table(spec.commandLine().getOut(), List.of("DOCUMENT", "TYPE", "VERSIONS", "LAST OBSERVED"), rows);
            return 0;
        }
    }
}
