package dev.clausewatch.cli;

import dev.clausewatch.ingest.ImportReport;
import dev.clausewatch.registry.Document;
import dev.clausewatch.storage.StorageConfig;
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

@Command(name = "demo", description = {"Imports the bundled demo dataset (real histories, see demo/ATTRIBUTION.md) into a store of its own",
        "(~/.local/share/clausewatch-demo, or --data-dir DIR; never your own archive), prints a summary of it and where it is,",
        "and serves the web app on http://localhost:7070 (--port) until interrupted. Importing again adds nothing."})
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
        StorageConfig storage = storage();
        try (Workspace workspace = root.open(storage)) {
            out.println("The demo keeps its data in " + storage.dataDir().toAbsolutePath() + (root.dataDir == null
                    ? ", apart from your own archive (" + ClausewatchCommand.defaultDataDir() + "); --data-dir DIR puts it elsewhere." : "."));
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
            // The other commands read the user's own archive unless told the demo's.
            String command = "./clausewatch" + (root.typedDatabaseUrl != null ? " --db-url '" + storage.redactedUrl() + "'" : "")
                    + " --data-dir '" + storage.dataDir().toAbsolutePath() + "'";
            out.println("Next: " + command + " history amazon-web-services/acceptable-use-policy");
            out.println("      " + command + " show amazon-web-services/responsible-ai-policy");
            out.println("      " + command + " diff chatgpt/terms-of-service --from 1 --substantive-only");
            out.println("      " + command + " references amazon-web-services/responsible-ai-policy");
            out.println("      " + command + " analyze amazon-web-services/responsible-ai-policy");
            out.println("      " + command + " verify");
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

    /**
     * The demo's store: the folder and database given on the command line, else a folder of its own
     * ({@link #defaultFolder}) with the embedded database. $CLAUSEWATCH_DATA_DIR and
     * $CLAUSEWATCH_DB_URL name the user's own archive, so the demo does not follow them.
     */
    private StorageConfig storage() {
        Path folder = root.dataDir != null ? root.dataDir : defaultFolder(System.getenv(), System.getProperty("user.home"));
        return new StorageConfig(folder, java.util.Optional.ofNullable(root.typedDatabaseUrl));
    }

    /** $XDG_DATA_HOME/clausewatch-demo, or ~/.local/share/clausewatch-demo: beside the user's archive, never in it. */
    static Path defaultFolder(java.util.Map<String, String> environment, String home) {
        String xdg = environment.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share");
        return base.resolve("clausewatch-demo");
    }

    private static Path defaultDataset() {
        String home = System.getenv("CLAUSEWATCH_HOME");
        return (home == null ? Path.of(".") : Path.of(home)).resolve("demo");
    }
}
