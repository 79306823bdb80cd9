package dev.clausewatch.cli;

import dev.clausewatch.archive.Observed;
import dev.clausewatch.archive.Provenance;
import dev.clausewatch.derivation.Derivers;
import dev.clausewatch.derivation.Processor;
import dev.clausewatch.event.EventType;
import dev.clausewatch.registry.Document;
import dev.clausewatch.storage.StorageConfig;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "pipeline", description = {"Imports HISTORY_DIR… into a fresh embedded store, then processes the backlog, and in the same run",
        "times: the embedding of the distinct provision texts' sentences alone (the cost that cannot shrink), the structure derivation",
        "alone (a re-derivation with topics already stored) beside `git diff --no-index --word-diff` on the same pairs, one new",
        "version of each of the largest documents, and the latency from the commit of a new version to its ChangeDetected event",
        "with the processor following the outbox as serve and track run it."})
final class PipelineBench implements Callable<Integer> {
    @ParentCommand BenchCommand bench;
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "HISTORY_DIR") List<Path> roots;

    @Option(names = "--latency-samples", defaultValue = "40") int latencySamples;

    @Option(names = "--without-git") boolean withoutGit;

    @Override
    public Integer call() throws Exception {
        ClausewatchCommand root = (ClausewatchCommand) bench.spec.parent().userObject();
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("clausewatch-bench-pipeline-");
        try (Workspace w = root.opener.apply(StorageConfig.embedded(dir), root.captureConfig())) {
            long t0 = System.nanoTime();
            var report = w.importer().importPaths(roots);
            double importSeconds = seconds(t0);
            int observations = report.observationsAdded();
            line(out, "import", "%d observations, %d versions in %.2f s: %.1f versions/s", observations, report.versionsAdded(), importSeconds,
                    observations / importSeconds);

            t0 = System.nanoTime();
            Processor.Progress done = w.processor().catchUp(p -> {});
            double processSeconds = seconds(t0);
            line(out, "process (whole backlog)", "%d documents, %d versions, %d pairs in %.2f s: %.1f versions/s, %.1f pairs/s", done.documents(),
                    done.versions(), done.changes(), processSeconds, done.versions() / processSeconds, done.changes() / processSeconds);
            line(out, "import + process", "%.2f s: %.1f versions/s end to end", importSeconds + processSeconds,
                    observations / (importSeconds + processSeconds));

            Set<String> distinct = distinctTexts(w);
            List<String> sentences = distinct.stream().flatMap(t -> dev.clausewatch.provision.Texts.sentences(t).stream()).distinct().toList();
            t0 = System.nanoTime();
            new dev.clausewatch.analysis.SentenceEmbeddings().embedAll(sentences);
            double embedSeconds = seconds(t0);
            line(out, "embed distinct passages alone", "%d texts, %d sentences in %.2f s: %.1f texts/s; processing took %.2f× this",
                    distinct.size(), sentences.size(), embedSeconds, distinct.size() / embedSeconds, processSeconds / embedSeconds);

            Processor structureOnly = w.processor().upgradedTo(new Derivers("bench-structure", w.processor().derivers().topics()));
            t0 = System.nanoTime();
            Processor.Progress again = structureOnly.catchUp(p -> {});
            double structureSeconds = seconds(t0);
            line(out, "derive structure only", "%d versions, %d pairs in %.2f s: %.1f pairs/s (read, parse, lineage, change sets, references, writes)",
                    again.versions(), again.changes(), structureSeconds, again.changes() / structureSeconds);
            if (!withoutGit) gitDiff(out, w);

            newVersions(out, w);
            latency(out, w);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        return 0;
    }

    private static Set<String> distinctTexts(Workspace w) {
        Set<String> texts = new LinkedHashSet<>();
        for (Document d : w.registry().documents()) {
            for (var v : w.records().history(d.id())) v.provisions().forEach(p -> texts.add(p.text()));
        }
        return texts;
    }

    /** git's word diff of the same consecutive pairs, each text written to a file once. */
    private static void gitDiff(PrintWriter out, Workspace w) throws Exception {
        Path files = Files.createTempDirectory("clausewatch-bench-git-");
        List<Path[]> pairs = new ArrayList<>();
        for (Document d : w.registry().documents()) {
            Path previous = null;
            for (var entry : w.archive().timeline(d.id())) {
                Path file = files.resolve(entry.version().contentSha256() + ".md");
                if (!Files.exists(file)) Files.writeString(file, w.archive().text(entry.version()));
                if (previous != null) pairs.add(new Path[] {previous, file});
                previous = file;
            }
        }
        long t0 = System.nanoTime();
        for (Path[] pair : pairs) {
            Process git = new ProcessBuilder("git", "diff", "--no-index", "--word-diff", "--no-color", pair[0].toString(), pair[1].toString())
                    .redirectErrorStream(true).start();
            git.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            git.waitFor();
        }
        double s = seconds(t0);
        line(out, "git diff --no-index --word-diff", "%d pairs in %.2f s: %.1f pairs/s", pairs.size(), s, pairs.size() / s);
    }

    /** One new version (the latest text and a new paragraph) of each of the five largest documents, processed one at a time. */
    private static void newVersions(PrintWriter out, Workspace w) {
        List<Document> largest = w.registry().documents().stream().filter(d -> !w.archive().timeline(d.id()).isEmpty())
                .sorted(Comparator.comparingLong((Document d) -> -w.archive().timeline(d.id()).getLast().version().bytes())).limit(5).toList();
        List<String> timings = new ArrayList<>();
        int n = 0;
        for (Document d : largest) {
            record(w, d, "We may review new versions of this policy, number " + (++n) + ", before they apply.", Instant.parse("2031-01-01T00:00:00Z").plusSeconds(n));
            long t0 = System.nanoTime();
            w.processor().catchUp(p -> {});
            timings.add(String.format(Locale.ROOT, "%s %.0f ms", d.id(), seconds(t0) * 1000));
        }
        line(out, "one new version", "%s (each with one new passage to classify)", String.join(", ", timings));
    }

    /** From the commit of a new version to its ChangeDetected event in the outbox, the processor following as serve runs it. */
    @SuppressWarnings("try") // following runs the processor while the block runs; it is not read
    private void latency(PrintWriter out, Workspace w) throws InterruptedException {
        Document document = w.registry().documents().stream().filter(d -> !w.archive().timeline(d.id()).isEmpty()).findFirst().orElseThrow();
        long[] nanos = new long[latencySamples];
        try (Following following = Following.start(w.processor(), java.util.Optional.empty())) {
            for (int i = 0; i < latencySamples; i++) {
                long seen = w.outbox().latestSeq();
                long t0 = System.nanoTime();
                record(w, document, "Sample clause " + i + " on notice periods.", Instant.parse("2032-01-01T00:00:00Z").plusSeconds(i));
                while (w.outbox().after(seen, List.of(EventType.ChangeDetected), 10).isEmpty()) Thread.sleep(2);
                nanos[i] = System.nanoTime() - t0;
            }
        }
        java.util.Arrays.sort(nanos);
        line(out, "commit → ChangeDetected", "%d versions: p50 %.0f ms, p95 %.0f ms, max %.0f ms", latencySamples, nanos[latencySamples / 2] / 1e6,
                nanos[(int) (latencySamples * 0.95)] / 1e6, nanos[latencySamples - 1] / 1e6);
    }

    private static void record(Workspace w, Document d, String paragraph, Instant at) {
        String text = w.archive().text(w.archive().timeline(d.id()).getLast().version()) + "\n\n" + paragraph + "\n";
        w.archive().record(d.id(), List.of(new Observed(text.getBytes(StandardCharsets.UTF_8), at, false, "bench", List.of(),
                new Provenance("bench", "bench-" + at, Map.of()))));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void line(PrintWriter out, String what, String format, Object... args) {
        out.printf(Locale.ROOT, "%-32s " + format + "%n", prepend(what, args));
        out.flush();
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
