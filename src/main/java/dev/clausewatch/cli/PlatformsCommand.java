package dev.clausewatch.cli;

import dev.clausewatch.registry.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "platforms", description = "Lists the platforms in the registry, with how many documents each has.")
final class PlatformsCommand implements Callable<Integer> {
    @ParentCommand ClausewatchCommand root;
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Workspace workspace = root.open()) {
            List<Map<String, Object>> items = new ArrayList<>();
            List<List<String>> rows = new ArrayList<>();
            for (Platform p : workspace.registry().platforms()) {
                int documents = workspace.registry().documents(p.id()).size();
                items.add(Map.of("id", p.id().value(), "name", p.name(), "documents", documents));
                rows.add(List.of(p.id().value(), p.name(), Integer.toString(documents)));
            }
            if (json) Output.json(spec.commandLine().getOut(), items);
            else Output.table(spec.commandLine().getOut(), List.of("PLATFORM", "NAME", "DOCUMENTS"), rows);
            return 0;
        }
    }
}
