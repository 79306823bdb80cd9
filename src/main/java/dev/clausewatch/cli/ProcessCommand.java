package dev.clausewatch.cli;

import dev.clausewatch.derivation.Backlog;
import dev.clausewatch.derivation.Processor;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import dev.clausewatch.search.ArchiveSearch;
import dev.clausewatch.search.ProvisionIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "process", description = {
        "Derives the records of every recorded version not derived yet (provisions, changes, references, topics) and announces",
        "what changed. Safe to run in several processes at once on one PostgreSQL; import, track and serve do it as they go."})
final class ProcessCommand implements Callable<Integer> {
    @ParentCommand ClausewatchCommand root;
    @Spec CommandSpec spec;

    @Option(names = "--lease", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long this process holds a document before another may take it over (default 300).")
    long leaseSeconds;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Workspace workspace = root.open()) {
            Processor processor = workspace.processor().as(workspace.processor().worker(), Duration.ofSeconds(leaseSeconds));
            Processor.Progress done = catchUp(processor, spec.commandLine().getErr(), !json);
            refreshSearchIndex(workspace);
            print(spec.commandLine().getOut(), done, json);
            return done.failed() == 0 ? 0 : ClausewatchCommand.FAILED;
        }
    }

    /** Runs the processor over the backlog, with a progress bar on {@code err} when {@code bar}. */
    static Processor.Progress catchUp(Processor processor, PrintWriter err, boolean bar) {
        processor.announceUpgrades();
        if (!bar) return processor.catchUp(p -> {});
        try (Progress progress = Progress.start(err, "Deriving", "documents")) {
            return processor.catchUp(p -> {
                progress.at(p.documents() + p.failed(), p.documents() + p.failed() + p.backlog().documents());
                progress.note(p.versions() + " versions, " + p.changes() + " changes");
            });
        }
    }

    /**
     * Brings this data directory's search index up to the derived records, so the next `serve` starts
     * with it current. A running server holds the index and keeps it current itself: then nothing to do.
     */
    static void refreshSearchIndex(Workspace workspace) {
        java.nio.file.Path folder = workspace.dataDir().resolve("search-index");
        try (var search = new ArchiveSearch(workspace.registry(), workspace.records(), workspace.analyzer(), ProvisionIndex.onDisk(folder))) {
            search.refresh();
        } catch (java.io.UncheckedIOException e) {
            if (!(e.getCause() instanceof org.apache.lucene.store.LockObtainFailedException)) throw e;
        }
    }

    static void print(PrintWriter out, Processor.Progress done, boolean json) {
        Backlog left = done.backlog();
        if (json) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("documents", done.documents());
            value.put("versions", done.versions());
            value.put("changes", done.changes());
            value.put("events", done.events());
            value.put("failed", done.failed());
            value.put("backlogDocuments", left.documents());
            Output.json(out, value);
            return;
        }
        out.printf("%d documents processed: %d versions and %d changes derived, %d events announced%s%n", done.documents(), done.versions(),
                done.changes(), done.events(), done.failed() == 0 ? "" : "; " + done.failed() + " documents failed (see the log), left pending");
        out.flush();
    }
}
