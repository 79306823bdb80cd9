package dev.clausewatch.cli;

import dev.clausewatch.ingest.ImportReport;
import dev.clausewatch.storage.PostgresSchemas;
import dev.clausewatch.storage.StorageConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", description = "Benchmarks. `bench import PATH…` imports into fresh stores and reports versions/s and MB/s.",
        subcommands = {BenchCommand.Import.class, BenchCommand.Extract.class})
final class BenchCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "extract", description = {"Extracts every snapshot of a folder in the layout of ota-snapshots (one warm-up pass,",
            "then --runs timed passes in one process) and prints docs/s, MB/s and memory."})
    static final class Extract implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "SNAPSHOTS_DIR") Path snapshots;

        @Option(names = "--runs", defaultValue = "3") int runs;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            SnapshotCorpus corpus = SnapshotCorpus.read(snapshots);
            int documents = corpus.entries().size();
            double megabytes = corpus.totalBytes() / 1e6;
            dev.clausewatch.extract.Extractor extractor = new dev.clausewatch.extract.Extractor();
            long[] peakHeap = {0};
            int extracted = pass(corpus, extractor, peakHeap); // warm-up
            List<Double> seconds = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                long start = System.nanoTime();
                pass(corpus, extractor, peakHeap);
                double elapsed = (System.nanoTime() - start) / 1e9;
                seconds.add(elapsed);
                out.printf(java.util.Locale.ROOT, "run %d: %.2f s, %.1f docs/s, %.2f MB/s%n", run, elapsed, documents / elapsed, megabytes / elapsed);
            }
            double median = seconds.stream().sorted().toList().get(seconds.size() / 2);
            out.printf(java.util.Locale.ROOT, "%d snapshots (%.1f MB), %d extracted; median %.2f s: %.1f docs/s, %.2f MB/s; peak heap in use %d MB, peak RSS %s%n",
                    documents, megabytes, extracted, median, documents / median, megabytes / median,
                    peakHeap[0] / (1024 * 1024), peakResidentSet());
            out.flush();
            return 0;
        }

        /** One pass over the corpus, reading each snapshot from disk as tracking would (not all held in memory). */
        private static int pass(SnapshotCorpus corpus, dev.clausewatch.extract.Extractor extractor, long[] peakHeap) {
            int ok = 0;
            Runtime runtime = Runtime.getRuntime();
            for (SnapshotCorpus.Entry entry : corpus.entries()) {
                if (entry.source().isEmpty()) continue;
                try {
                    extractor.extract(corpus.bytes(entry), "text/html", entry.location(), entry.source().get());
                    ok++;
                } catch (dev.clausewatch.extract.ExtractionException expected) {
                    // refused snapshots count as work done, as OTA's failures do in its baseline
                }
                peakHeap[0] = Math.max(peakHeap[0], runtime.totalMemory() - runtime.freeMemory());
            }
            return ok;
        }

        /** VmHWM from /proc: the most memory this process has held, as the OTA baseline measured it. */
        private static String peakResidentSet() {
            try {
                return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                        .map(l -> l.substring(6).strip()).findFirst().orElse("unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }
    }

    @Command(name = "import", description = {"Imports PATH… into a fresh embedded store and a fresh PostgreSQL schema, --runs times each,",
            "and prints wall time, versions/s and MB/s per run and the median."})
    static final class Import implements Callable<Integer> {
        @ParentCommand BenchCommand bench;
        @Spec CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "PATH") List<Path> paths;

        @Option(names = "--runs", defaultValue = "3") int runs;

        @Option(names = "--stores", split = ",", defaultValue = "sqlite,postgresql",
                description = "Which stores: sqlite, postgresql (default: both).")
        List<String> stores;

        @Option(names = "--pg-url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
                description = "PostgreSQL server for the benchmark (a scratch schema is created and dropped).")
        String pgUrl;

        @Override
        public Integer call() throws IOException {
            ClausewatchCommand root = (ClausewatchCommand) bench.spec.parent().userObject();
            PrintWriter out = spec.commandLine().getOut();
            long inputBytes = markdownBytes(paths);
            out.printf("input: %s (%.1f MB of Markdown)%n", paths, inputBytes / 1e6);
            for (String store : stores) {
                List<Double> seconds = new ArrayList<>();
                int versions = 0;
                for (int run = 1; run <= runs; run++) {
                    Path dir = Files.createTempDirectory("clausewatch-bench-");
                    try (PostgresSchemas.Scratch schema = store.equals("postgresql") ? PostgresSchemas.create(pgUrl, "cw_bench") : null) {
                        StorageConfig config = new StorageConfig(dir, Optional.ofNullable(schema).map(PostgresSchemas.Scratch::url));
                        try (Workspace workspace = root.opener.apply(config, root.captureConfig())) {
                            long start = System.nanoTime();
                            ImportReport report = workspace.importer().importPaths(paths);
                            double elapsed = (System.nanoTime() - start) / 1e9;
                            versions = report.observationsAdded();
                            seconds.add(elapsed);
                            out.printf("%-10s run %d: %6.2f s, %5d observations (%d versions), %7.1f versions/s, %5.2f MB/s%s%n", store, run, elapsed,
                                    versions, report.versionsAdded(), versions / elapsed, inputBytes / 1e6 / elapsed,
                                    report.complete() ? "" : ", " + report.rejected().size() + " inputs rejected");
                        }
                    } finally {
                        deleteTree(dir);
                    }
                }
                double median = seconds.stream().sorted().toList().get(seconds.size() / 2);
                out.printf("%-10s median: %.2f s, %.1f versions/s, %.2f MB/s%n", store, median, versions / median, inputBytes / 1e6 / median);
                out.flush();
            }
            return 0;
        }

        private static long markdownBytes(List<Path> paths) throws IOException {
            long total = 0;
            for (Path path : paths) {
                try (Stream<Path> walk = Files.walk(path)) {
                    total += walk.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p)).mapToLong(p -> p.toFile().length()).sum();
                }
            }
            return total;
        }

        private static void deleteTree(Path dir) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
