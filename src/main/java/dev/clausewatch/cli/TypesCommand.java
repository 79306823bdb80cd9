package dev.clausewatch.cli;

import dev.clausewatch.registry.DocumentType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "types", description = "Lists the document type vocabulary (OTA's terms types and AI governance types).")
final class TypesCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        List<DocumentType> types = DocumentType.all();
        if (json) {
            Output.json(spec.commandLine().getOut(), types.stream()
                    .map(t -> Map.of("name", t.name(), "slug", t.slug(), "origin", t.origin())).toList());
        } else {
            Output.table(spec.commandLine().getOut(), List.of("SLUG", "NAME", "ORIGIN"),
                    types.stream().map(t -> List.of(t.slug(), t.name(), t.origin())).toList());
        }
        return 0;
    }
}
