package dev.clausewatch.cli;

import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.export.ChangesExport;
import dev.clausewatch.export.OtaDataset;
import dev.clausewatch.export.ProvisionsExport;
import dev.clausewatch.registry.Document;
import dev.clausewatch.report.Report;
import dev.clausewatch.report.ReportPdf;
import dev.clausewatch.report.Reports;
import dev.clausewatch.storage.StorageConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "exports", description = {"Imports HISTORY_DIR… into a fresh embedded store and processes it, then times each export of the whole",
        "archive (ota, provisions, changes) and PDF reports of the documents with the longest histories, and checks the OTA-layout round",
        "trip on the whole: the export imported into another fresh store must give the same documents, versions and dates."})
final class ExportBench implements Callable<Integer> {
    @ParentCommand BenchCommand bench;
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "HISTORY_DIR") List<Path> roots;

    @Option(names = "--reports", defaultValue = "5", description = "How many of the longest histories to report on (default 5).") int reports;

    @Override
    public Integer call() throws Exception {
        ClausewatchCommand root = (ClausewatchCommand) bench.spec.parent().userObject();
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("clausewatch-bench-exports-");
        int mismatches = 0;
        try (Workspace w = root.opener.apply(StorageConfig.embedded(dir.resolve("store")), root.captureConfig())) {
            w.importer().importPaths(roots);
            w.processor().catchUp(p -> {});
            var head = w.ledger().seal().or(() -> w.ledger().newestHead());
            List<Document> documents = w.registry().documents().stream().filter(d -> !w.archive().timeline(d.id()).isEmpty()).toList();
            Instant now = Instant.now();

            long t0 = System.nanoTime();
            var ota = OtaDataset.write(w.archive(), documents, head, dir.resolve("ota"), now, n -> {});
            line(out, "export ota", "%d versions of %d documents in %.2f s", ota.versions(), ota.documents(), seconds(t0));
            t0 = System.nanoTime();
            var provisions = ProvisionsExport.write(w.records(), w.analyzer(), documents, head, dir.resolve("provisions"), now, n -> {});
            double provisionSeconds = seconds(t0);
            line(out, "export provisions", "%d provision lines of %d versions in %.2f s: %.0f lines/s, %.1f MB", provisions.provisions(),
                    provisions.versions(), provisionSeconds, provisions.provisions() / provisionSeconds, Files.size(dir.resolve("provisions/provisions.jsonl")) / 1e6);
            t0 = System.nanoTime();
            var changes = ChangesExport.write(w.records(), documents, head, dir.resolve("changes"), now, n -> {});
            line(out, "export changes", "%d rows of %d change sets in %.2f s", changes.rows(), changes.changeSets(), seconds(t0));

            Reports maker = new Reports(w.archive(), w.records(), w.analyzer());
            List<Document> longest = documents.stream().sorted(Comparator.comparingInt((Document d) -> w.archive().timeline(d.id()).size()).reversed())
                    .limit(reports).toList();
            for (Document d : longest) {
                t0 = System.nanoTime();
                Report report = maker.of(d, Optional.empty(), Optional.empty(), Optional.empty(), head, now);
                byte[] pdf = ReportPdf.of(report);
                line(out, "report " + d.id(), "%d versions, %d changes, %d analyses: %d KB in %.2f s", report.versions().size(), report.changes().size(),
                        report.analyses().size(), pdf.length / 1024, seconds(t0));
            }

            t0 = System.nanoTime();
            try (Workspace again = root.opener.apply(StorageConfig.embedded(dir.resolve("again")), root.captureConfig())) {
                again.importer().importPaths(List.of(dir.resolve("ota")));
                for (Document d : documents) {
                    if (!summary(again.archive().timeline(d.id())).equals(summary(w.archive().timeline(d.id())))) {
                        mismatches++;
                        out.println("round trip differs for " + d.id());
                    }
                }
                line(out, "ota round trip", "%d documents imported back in %.2f s: %s", documents.size(), seconds(t0),
                        mismatches == 0 ? "the same documents, versions and dates" : mismatches + " documents differ");
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        return mismatches == 0 ? 0 : 1;
    }

    /** What the round trip must keep: each version's number, text hash and first observation. */
    private static List<String> summary(List<TimelineEntry> timeline) {
        return timeline.stream().map(e -> e.number() + " " + e.version().contentSha256() + " " + e.firstObservedAt()).toList();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void line(PrintWriter out, String what, String format, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = what;
        System.arraycopy(args, 0, all, 1, args.length);
        out.printf(Locale.ROOT, "%-56s " + format + "%n", all);
        out.flush();
    }
}
