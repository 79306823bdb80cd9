package dev.clausewatch.cli;

import dev.clausewatch.export.ChangesExport;
import dev.clausewatch.export.OtaDataset;
import dev.clausewatch.export.ProvisionsExport;
import dev.clausewatch.registry.Document;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "export", description = {"Hands the archive over, into a new or empty folder, with the sources' licence and attribution and the",
        "signed head it was made under:",
        "  ota          the Open Terms Archive dataset layout (<Service>/<Terms type>/<date>.md), readable by `import`;",
        "  provisions   provisions.jsonl: every provision of every version, with its lasting id, dates, topics and exposure;",
        "  changes      changes.csv: every changed provision between consecutive versions, with its reason."})
final class ExportCommand implements Callable<Integer> {
    enum Format { ota, provisions, changes }

    @ParentCommand ClausewatchCommand root;
    @Spec CommandSpec spec;

    @Option(names = "--format", required = true, description = "ota, provisions or changes.") Format format;

    @Option(names = "--document", paramLabel = "PLATFORM/DOCUMENT", description = "Only these documents (repeatable); default: all.")
    List<String> only = List.of();

    @Parameters(paramLabel = "DIR", description = "A new or empty folder.") Path folder;

    @Override
    public Integer call() {
        try (Workspace workspace = root.open()) {
            List<Document> documents = only.isEmpty() ? workspace.registry().documents()
                    : only.stream().map(id -> Arguments.document(workspace, id)).toList();
            var head = workspace.ledger().newestHead();
            Instant now = Instant.now();
            PrintWriter out = spec.commandLine().getOut();
            try (Progress progress = Progress.start(spec.commandLine().getErr(), "Exporting", format == Format.changes ? "change sets" : "versions")) {
                String done = switch (format) {
                    case ota -> {
                        var s = OtaDataset.write(workspace.archive(), documents, head, folder, now, progress);
                        yield s.versions() + " versions of " + documents(s.documents()) + " written to " + s.place();
                    }
                    case provisions -> {
                        var s = ProvisionsExport.write(workspace.records(), workspace.analyzer(), documents, head, folder, now, progress);
                        yield s.provisions() + " provisions of " + s.versions() + " versions of " + documents(s.documents()) + " written to "
                                + s.place() + "/provisions.jsonl";
                    }
                    case changes -> {
                        var s = ChangesExport.write(workspace.records(), documents, head, folder, now, progress);
                        yield s.rows() + " changed provisions in " + s.changeSets() + " change sets of " + documents(s.documents()) + " written to "
                                + s.place() + "/changes.csv";
                    }
                };
                out.println(done + (head.isPresent() ? "" : " (the archive has no signed head yet: `clausewatch verify` seals one)"));
            }
            out.flush();
            return 0;
        }
    }

    private static String documents(int n) {
        return n + (n == 1 ? " document" : " documents");
    }
}
