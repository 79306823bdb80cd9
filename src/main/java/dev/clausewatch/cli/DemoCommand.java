package dev.clausewatch.cli;

import dev.clausewatch.ingest.ImportReport;
import dev.clausewatch.registry.Document;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", description = {"Imports the bundled demo dataset (real histories, see demo/ATTRIBUTION.md) into the store,",
        "prints a summary of the archive, and serves the web app on http://localhost:7070 until interrupted.",
        "Importing again adds nothing."})
final class DemoCommand implements Callable<Integer> {
    @ParentCommand ClausewatchCommand root;
    @Spec CommandSpec spec;

    @Option(names = "--from", paramLabel = "DIR", description = "The demo dataset (default: demo/ in the Clausewatch home).")
    Path from;

    @Option(names = "--port", defaultValue = "7070", description = "Where the web app listens (default 7070).")
    int port;

    @Option(names = "--no-serve", description = "Import and summarise only; do not start the web app.")
    boolean noServe;

    @Override
    public Integer call() throws InterruptedException {
        Path dataset = from != null ? from : defaultDataset();
        if (!Files.isDirectory(dataset)) {
            throw new IllegalArgumentException("the demo dataset " + dataset + " is not a folder; pass --from DIR");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace workspace = root.open()) {
            out.println("Importing the demo dataset " + dataset + " into " + workspace.storeDescription());
            ImportReport report = workspace.importer().importPaths(List.of(dataset));
            ImportCommand.print(out, spec.commandLine().getErr(), report, false, false);
            ProcessCommand.print(out, ProcessCommand.catchUp(workspace.processor(), spec.commandLine().getErr(), true), false);
            ProcessCommand.refreshSearchIndex(workspace);
            out.println();
            out.println("The archive now holds:");
            List<List<String>> rows = new java.util.ArrayList<>();
            for (Document d : workspace.registry().documents()) {
                var timeline = workspace.archive().timeline(d.id());
                if (timeline.isEmpty()) continue;
                rows.add(List.of(d.id().toString(), Integer.toString(timeline.size()),
                        timeline.getFirst().firstObservedAt().toString().substring(0, 10),
                        timeline.getLast().firstObservedAt().toString().substring(0, 10)));
            }
            Output.table(out, List.of("DOCUMENT", "VERSIONS", "FIRST", "LATEST"), rows);
            out.println();
            out.println("Next: ./clausewatch history amazon-web-services/acceptable-use-policy");
            out.println("      ./clausewatch show amazon-web-services/responsible-ai-policy");
            out.println("      ./clausewatch diff chatgpt/terms-of-service --from 1 --substantive-only");
            out.println("      ./clausewatch references amazon-web-services/responsible-ai-policy");
            out.println("      ./clausewatch analyze amazon-web-services/responsible-ai-policy");
            out.println("      ./clausewatch verify");
            List<String> tour = tour(workspace);
            if (!tour.isEmpty()) {
                out.println();
                out.println("In the browser, once it serves:");
                tour.forEach(path -> out.println("      http://localhost:" + port + path));
            }
            out.flush();
            if (!report.complete()) return ClausewatchCommand.INVALID;
            if (noServe) return 0;
            ServeCommand.serve(out, workspace, "127.0.0.1", port);
            return 0;
        }
    }

    /**
     * Where to look first: the AWS Responsible AI Policy's consequential-decisions provision with its
     * analysis, and the latest substantive change of ChatGPT's terms side by side (when the data has them).
     */
    private static List<String> tour(Workspace workspace) {
        List<String> paths = new java.util.ArrayList<>();
        var rai = dev.clausewatch.registry.DocumentId.parse("amazon-web-services/responsible-ai-policy");
        var history = workspace.records().history(rai);
        if (!history.isEmpty()) {
            history.getLast().provisions().stream().filter(p -> p.text().contains("consequential decisions")).findFirst()
                    .ifPresent(p -> paths.add("/documents/" + rai + "/provisions/" + p.id()));
        }
        var terms = dev.clausewatch.registry.DocumentId.parse("chatgpt/terms-of-service");
        workspace.records().events(terms).stream().filter(e -> e.changes().substantive()).reduce((a, b) -> b)
                .ifPresent(e -> paths.add("/documents/" + terms + "/changes?from=" + (e.number() - 1) + "&to=" + e.number() + "&substantive=on"));
        return paths;
    }

    private static Path defaultDataset() {
        String home = System.getenv("CLAUSEWATCH_HOME");
        return (home == null ? Path.of(".") : Path.of(home)).resolve("demo");
    }
}
