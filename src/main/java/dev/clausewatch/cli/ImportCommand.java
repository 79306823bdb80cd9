package dev.clausewatch.cli;

import dev.clausewatch.archive.RecordOutcome;
import dev.clausewatch.ingest.ImportReport;
import dev.clausewatch.registry.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
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

@Command(name = "import", description = {
        "Imports version histories (OTA/PGA manifest.json folders), OTA declarations (<Service>.json, <Service>.history.json),",
        "OTA datasets (<Service>/<Terms type>/<date>.md) and clipped Markdown with front matter. The layout is detected.",
        "Exits 2 when any input was rejected; the others are imported."})
final class ImportCommand implements Callable<Integer> {
    @ParentCommand ClausewatchCommand root;
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to import.")
    List<Path> paths;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Also name each file left alone, and why.")
    boolean verbose;

    @Option(names = "--no-process", description = "Only archive; leave deriving to `clausewatch process` (e.g. run by several processes).")
    boolean noProcess;

    @Override
    public Integer call() {
        try (Workspace workspace = root.open()) {
            ImportReport report;
            try (Progress progress = Progress.start(spec.commandLine().getErr(), "Importing", "files")) {
                report = workspace.importer().importPaths(paths, progress::at);
            }
            print(spec.commandLine().getOut(), spec.commandLine().getErr(), report, json, verbose);
            if (!noProcess) {
                var done = ProcessCommand.catchUp(workspace.processor(), spec.commandLine().getErr(), !json);
                ProcessCommand.refreshSearchIndex(workspace);
                if (!json) ProcessCommand.print(spec.commandLine().getOut(), done, false);
            }
            return report.complete() ? 0 : ClausewatchCommand.INVALID;
        }
    }

    static void print(PrintWriter out, PrintWriter err, ImportReport report, boolean json, boolean verbose) {
        if (json) {
            Map<String, Object> value = new LinkedHashMap<>();
            List<Map<String, Object>> documents = new ArrayList<>();
            for (RecordOutcome o : report.documents()) {
                documents.add(Map.of("document", o.document().toString(), "versionsAdded", o.versionsAdded(),
                        "verified", o.verified(), "reappeared", o.reappeared(), "alreadyArchived", o.alreadyArchived()));
            }
            value.put("documents", documents);
            value.put("declarationsAdded", report.declarationsAdded());
            value.put("declarationsAlreadyKnown", report.declarationsKnown());
            value.put("filesIgnored", report.filesIgnored());
            value.put("ignored", report.ignored().stream().map(i -> Map.of("file", i.file().toString(), "why", i.why())).toList());
            value.put("rejected", report.rejected().stream().map(e -> Map.of("file", e.file().toString(),
                    "problems", e.problems().stream().map(p -> Map.of("field", p.field(), "rule", p.rule())).toList())).toList());
            Output.json(out, value);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (RecordOutcome o : report.documents()) {
            rows.add(List.of(o.document().toString(), Integer.toString(o.versionsAdded()), Integer.toString(o.verified()),
                    Integer.toString(o.reappeared()), Integer.toString(o.alreadyArchived())));
        }
        if (!rows.isEmpty()) {
            Output.table(out, List.of("DOCUMENT", "NEW VERSIONS", "VERIFIED", "REAPPEARED", "ALREADY ARCHIVED"), rows);
        }
        out.printf("%d new versions, %d observations, %d already archived; declarations: %d new, %d already known; %d files ignored%s%n",
                report.versionsAdded(), report.observationsAdded(), report.alreadyArchived(),
                report.declarationsAdded(), report.declarationsKnown(), report.filesIgnored(),
                report.filesIgnored() > 0 && !verbose ? " (--verbose names them)" : "");
        if (verbose) report.ignored().forEach(i -> out.println("ignored " + i.file() + ": " + i.why()));
        out.flush();
        for (InvalidInputException rejected : report.rejected()) err.println("rejected " + rejected.getMessage());
        err.flush();
    }
}
