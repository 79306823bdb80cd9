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
        subcommands = BenchCommand.Import.class)
final class BenchCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
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
                        try (Workspace workspace = root.opener.apply(config)) {
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
