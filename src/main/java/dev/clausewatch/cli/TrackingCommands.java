package dev.clausewatch.cli;

import dev.clausewatch.archive.Chain;
import dev.clausewatch.capture.CaptureFailure;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.tracking.TrackingEvent;
import dev.clausewatch.tracking.TrackingLog;
import dev.clausewatch.tracking.TrackingLoop;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import dev.clausewatch.derivation.Backlog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Commands that watch live documents: capture, track, status, reextract. */
final class TrackingCommands {
    private TrackingCommands() {}

    static Map<String, Object> json(TrackingEvent e) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("document", e.document().toString());
        value.put("at", Chain.instant(e.at()));
        value.put("outcome", e.outcome().name());
        value.put("failure", e.failure().map(Enum::name).orElse(null));
        value.put("message", e.message());
        value.put("technical", e.technical());
        value.put("snapshots", e.snapshotIds());
        return value;
    }

    static void print(PrintWriter out, List<TrackingEvent> events, boolean json) {
        if (json) {
            Output.json(out, events.stream().map(TrackingCommands::json).toList());
            return;
        }
        Output.table(out, List.of("DOCUMENT", "OUTCOME", "DETAIL"), events.stream().map(e -> List.of(e.document().toString(),
                e.failure().map(k -> "failed: " + k.label()).orElse(e.outcome().name().toLowerCase(java.util.Locale.ROOT)), e.message())).toList());
    }

    @Command(name = "capture", description = "Captures one document now: fetch, snapshot, extract, archive. Exits 1 when the capture failed.")
    static final class Capture implements Callable<Integer> {
        @ParentCommand ClausewatchCommand root;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "PLATFORM/DOCUMENT") String documentId;

        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            try (Workspace workspace = root.open()) {
                Document document = Arguments.document(workspace, documentId);
                TrackingEvent event = workspace.tracker().capture(document.id());
                print(spec.commandLine().getOut(), List.of(event), json);
                workspace.processor().catchUp(p -> {}); // derive and announce what was recorded, as the stage after capture
                return event.failed() ? 1 : 0;
            }
        }
    }

    @Command(name = "reextract", description = {"Re-extracts the latest snapshots with the current declarations and extractor (all documents,",
            "or one). A different text is recorded as a technical upgrade, which never alerts."})
    static final class Reextract implements Callable<Integer> {
        @ParentCommand ClausewatchCommand root;
        @Spec CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "PLATFORM/DOCUMENT") String documentId;

        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            try (Workspace workspace = root.open()) {
                List<Document> documents = documentId == null
                        ? workspace.registry().documents().stream().filter(d -> !workspace.registry().declarations(d.id()).isEmpty()).toList()
                        : List.of(Arguments.document(workspace, documentId));
                List<TrackingEvent> events = new ArrayList<>();
                try (Progress progress = Progress.start(spec.commandLine().getErr(), "Re-extracting", "documents")) {
                    for (Document d : documents) {
                        events.add(workspace.tracker().reextract(d.id()));
                        progress.at(events.size(), documents.size());
                    }
                }
                print(spec.commandLine().getOut(), events, json);
                workspace.processor().catchUp(p -> {});
                return 0;
            }
        }
    }

    @Command(name = "track", description = {"Runs the schedule: every declared document is captured every --cadence (with jitter).",
            "The schedule persists in the store and several processes may share one PostgreSQL."})
    static final class Track implements Callable<Integer> {
        @ParentCommand ClausewatchCommand root;
        @Spec CommandSpec spec;

        @Option(names = "--cadence", defaultValue = "PT12H", description = "ISO 8601 duration, default PT12H (twice a day).")
        Duration cadence;

        @Option(names = "--once", description = "Capture what is due now, then exit.")
        boolean once;

        @Option(names = "--json") boolean json;

        @Override
        @SuppressWarnings("try") // following runs the processor while the loop runs; it is not read
        public Integer call() throws InterruptedException {
            // A stop (Ctrl-C, SIGTERM) interrupts the loop, then waits until following has finished or
            // released the document in hand and the workspace has closed (which seals the log).
            Thread running = Thread.currentThread();
            java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
            try (Workspace workspace = root.open()) {
                TrackingLoop loop = workspace.trackingLoop();
                int scheduled = loop.scheduleDeclaredDocuments(cadence);
                spec.commandLine().getErr().println(scheduled + " documents on the schedule, cadence " + cadence);
                spec.commandLine().getErr().flush();
                if (once) {
                    print(spec.commandLine().getOut(), loop.runDue(), json);
                    workspace.processor().catchUp(p -> {});
                    return 0;
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    running.interrupt();
                    try {
                        closed.await(60, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
                try (Following following = Following.start(workspace, java.util.Optional.empty())) {
                    loop.runForever(workspace.ledger()::seal); // a signed head after each batch
                } catch (InterruptedException e) {
                    spec.commandLine().getErr().println("stopping: captures under way were finished; the schedule goes on at the next `track`");
                }
                return 0;
            } finally {
                closed.countDown();
            }
        }
    }

    private static String cause(TrackingEvent event) {
        return event.failure().map(CaptureFailure.Kind::label).orElse("?") + ": " + event.message();
    }

    @Command(name = "status", description = "Lists documents whose captures are failing, since when, and why, and the processing backlog and lag.")
    static final class Status implements Callable<Integer> {
        @ParentCommand ClausewatchCommand root;
        @Spec CommandSpec spec;

        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            try (Workspace workspace = root.open()) {
                List<TrackingLog.Failing> failing = workspace.trackingLog().failing();
                java.util.Set<DocumentId> captured = workspace.trackingLog().captured();
                List<String> notCaptured = workspace.registry().documents().stream().map(Document::id).filter(id -> !captured.contains(id))
                        .map(DocumentId::toString).toList();
                Backlog backlog = workspace.records().backlog();
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    Map<String, Object> value = new java.util.LinkedHashMap<>();
                    value.put("failing", failing.stream().map(f -> Map.of("document", f.document().toString(), "since", Chain.instant(f.since()),
                            "failures", f.failures(), "first", json(f.first()), "latest", json(f.latest()))).toList());
                    value.put("notCapturedYet", notCaptured);
                    value.put("derivationFailed", workspace.records().failures().stream().map(f -> Map.of("document", f.document().toString(),
                            "since", Chain.instant(f.at()), "cause", f.cause())).toList());
                    value.put("backlog", Map.of("documents", backlog.documents(), "events", backlog.events(),
                            "lagSeconds", backlog.lag().map(d -> d.toMillis() / 1000.0).orElse(0.0)));
                    Output.json(out, value);
                    return 0;
                }
                if (failing.isEmpty()) {
                    out.println("No document is failing.");
                } else {
                    Output.table(out, List.of("DOCUMENT", "FAILING SINCE", "FAILURES", "FIRST CAUSE", "LATEST CAUSE"), failing.stream().map(f -> List.of(
                            f.document().toString(), Chain.instant(f.since()), Integer.toString(f.failures()), cause(f.first()),
                            f.latest().equals(f.first()) ? "(the same)" : cause(f.latest()))).toList());
                }
                List<dev.clausewatch.derivation.DerivationFailure> underived = workspace.records().failures();
                if (!underived.isEmpty()) {
                    out.println("Derivation failed (the newest records of these documents are missing until it succeeds):");
                    Output.table(out, List.of("DOCUMENT", "SINCE", "CAUSE"), underived.stream().map(f -> List.of(f.document().toString(),
                            Chain.instant(f.at()), f.cause())).toList());
                }
                if (!notCaptured.isEmpty()) {
                    out.println("Not captured yet (versions imported, no capture attempted): " + notCaptured.size() + " documents.");
                }
                out.println(backlog.isEmpty() ? "Processing: nothing waiting; every recorded version is derived."
                        : "Processing: " + backlog.events() + " events of " + backlog.documents() + " documents waiting, the oldest for "
                        + backlog.lag().map(d -> d.toSeconds() + " s").orElse("0 s") + " (run `clausewatch process`).");
                out.flush();
                return 0;
            }
        }
    }
}
