package dev.clausewatch.cli;

import dev.clausewatch.ingest.ImportReport;
import dev.clausewatch.provision.ProvisionKind;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.search.ArchiveSearch;
import dev.clausewatch.search.ProvisionIndex;
import dev.clausewatch.storage.PostgresSchemas;
import dev.clausewatch.storage.StorageConfig;
import dev.clausewatch.web.WebServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "bench", description = "Benchmarks. `bench import PATH…` imports into fresh stores and reports versions/s and MB/s.",
        subcommands = {BenchCommand.Import.class, BenchCommand.Extract.class, BenchCommand.Track.class, BenchCommand.Changes.class, BenchCommand.Classify.class, BenchCommand.Web.class, PipelineBench.class, ExportBench.class, AlertSoakBench.class, KillSoakBench.class})
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
            int extracted;
            try (Progress progress = Progress.start(spec.commandLine().getErr(), "Warming up", "snapshots")) {
                extracted = pass(corpus, extractor, peakHeap, progress); // warm-up
            }
            List<Double> seconds = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                long start = System.nanoTime();
                try (Progress progress = Progress.start(spec.commandLine().getErr(), "Run " + run, "snapshots")) {
                    pass(corpus, extractor, peakHeap, progress);
                }
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
        private static int pass(SnapshotCorpus corpus, dev.clausewatch.extract.Extractor extractor, long[] peakHeap, Progress progress) {
            int ok = 0, done = 0;
            Runtime runtime = Runtime.getRuntime();
            for (SnapshotCorpus.Entry entry : corpus.entries()) {
                progress.at(done++, corpus.entries().size()); // a counter's update: nothing a run of extractions would notice
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
        static String peakResidentSet() {
            try {
                return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                        .map(l -> l.substring(6).strip()).findFirst().orElse("unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }
    }

    @Command(name = "track", description = {"Declares --documents documents served by a loopback HTTP server (the real snapshots of",
            "SNAPSHOTS_DIR, reused in turn), then captures them all once through the schedule, and prints documents",
            "checked per minute and the heap in use. A fresh embedded store in a temporary folder; nothing leaves loopback."})
    static final class Track implements Callable<Integer> {
        @ParentCommand BenchCommand bench;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "SNAPSHOTS_DIR") Path snapshots;

        @Option(names = "--documents", defaultValue = "10000") int documents;

        @Option(names = "--workers", defaultValue = "8") int workers;

        @Override
        public Integer call() throws Exception {
            ClausewatchCommand root = (ClausewatchCommand) bench.spec.parent().userObject();
            PrintWriter out = spec.commandLine().getOut();
            SnapshotCorpus corpus = SnapshotCorpus.read(snapshots);
            // The pages that extract: the others (selector gone from a changed page) would each send the capture
            // to the browser fallback, which measures Chromium, not tracking; see the fallback's own tests.
            dev.clausewatch.extract.Extractor extractor = new dev.clausewatch.extract.Extractor();
            List<SnapshotCorpus.Entry> pages = corpus.entries().stream().filter(e -> e.source().isPresent()).filter(e -> {
                try {
                    extractor.extract(corpus.bytes(e), "text/html", e.location(), e.source().get());
                    return true;
                } catch (dev.clausewatch.extract.ExtractionException refused) {
                    return false;
                }
            }).toList();
            Path dir = Files.createTempDirectory("clausewatch-bench-track-");
            com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(16));
            server.createContext("/doc/", exchange -> {
                int n = Integer.parseInt(exchange.getRequestURI().getPath().substring("/doc/".length()));
                byte[] body = corpus.bytes(pages.get(n % pages.size()));
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (var stream = exchange.getResponseBody()) {
                    stream.write(body);
                }
            });
            server.start();
            dev.clausewatch.capture.CaptureConfig capture = dev.clausewatch.capture.CaptureConfig.defaults().withLoopbackAllowed()
                    .withPoliteness(java.time.Duration.ZERO, java.time.Duration.ofMillis(100)).withHostConcurrency(workers);
            try (Workspace workspace = root.opener.apply(StorageConfig.embedded(dir), capture)) {
                long setupStart = System.nanoTime();
                String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/doc/";
                for (int i = 0; i < documents; i++) {
                    var source = pages.get(i % pages.size()).source().orElseThrow();
                    var id = new dev.clausewatch.registry.DocumentId(new dev.clausewatch.registry.PlatformId("bench-" + i),
                            new dev.clausewatch.registry.DocumentType("Terms of Service"));
                    workspace.registry().register(new dev.clausewatch.registry.Document(id, "Bench " + i));
                    workspace.registry().declare(new dev.clausewatch.registry.SourceDeclaration(id, List.of(new dev.clausewatch.registry.SourceDocument(
                            null, java.net.URI.create(base + i), source.select(), source.remove(), source.filters(),
                            dev.clausewatch.registry.FetchMode.HTTP)), Optional.empty()), "bench");
                }
                workspace.trackingLoop().scheduleDeclaredDocuments(java.time.Duration.ofHours(12), java.time.Duration.ZERO);
                out.printf(java.util.Locale.ROOT, "declared and scheduled %d documents in %.1f s%n", documents, (System.nanoTime() - setupStart) / 1e9);
                out.flush();
                long[] peakHeap = {0};
                Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                    Runtime runtime = Runtime.getRuntime();
                    while (!Thread.currentThread().isInterrupted()) {
                        peakHeap[0] = Math.max(peakHeap[0], runtime.totalMemory() - runtime.freeMemory());
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                long start = System.nanoTime();
                var events = workspace.trackingLoop().runDue(workers);
                double seconds = (System.nanoTime() - start) / 1e9;
                sampler.interrupt();
                var byOutcome = new java.util.TreeMap<String, Long>();
                events.forEach(e -> byOutcome.merge(e.failure().map(Enum::name).orElse(e.outcome().name()), 1L, Long::sum));
                out.printf(java.util.Locale.ROOT, "checked %d documents in %.1f s with %d workers: %.0f documents/minute; outcomes %s;"
                                + " peak heap in use %d MB (max heap %d MB), peak RSS %s%n",
                        events.size(), seconds, workers, events.size() / seconds * 60, byOutcome, peakHeap[0] / (1024 * 1024),
                        Runtime.getRuntime().maxMemory() / (1024 * 1024), Extract.peakResidentSet());
                out.flush();
            } finally {
                server.stop(0);
                Import.deleteTree(dir);
            }
            return 0;
        }
    }

    @Command(name = "changes", description = {"Every consecutive pair of versions in folders laid out like ota-history: segmentation +",
            "alignment + word diff per pair (after a warm-up pass), beside `git diff --no-index --word-diff` and beside reading and",
            "SHA-256 hashing the same files, all in one run. Prints pairs/s and p50/p99 per pair."})
    static final class Changes implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "HISTORY_DIR") List<Path> roots;

        @Option(names = "--without-git", description = "Skip timing git diff.")
        boolean withoutGit;

        record Pair(Path before, Path after) {}

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            List<Pair> pairs = new ArrayList<>();
            for (var history : HistoryCorpus.read(roots)) {
                for (int i = 1; i < history.size(); i++) pairs.add(new Pair(history.get(i - 1).file(), history.get(i).file()));
            }
            var parser = new dev.clausewatch.provision.ProvisionParser();
            var detector = new dev.clausewatch.change.ChangeDetector();
            measure(out, spec.commandLine().getErr(), "read + SHA-256", pairs, pair -> {
                Sha256Of.file(pair.before());
                Sha256Of.file(pair.after());
            }, false);
            measure(out, spec.commandLine().getErr(), "clausewatch: segment + align + diff", pairs, pair -> detector.compare(
                    parser.parse(HistoryCorpus.text(pair.before())), parser.parse(HistoryCorpus.text(pair.after())), false), true);
            // As the archive works: each version segmented once, each consecutive pair aligned and diffed.
            long start = System.nanoTime();
            var lineage = new dev.clausewatch.provision.Lineage(parser);
            int lineagePairs = 0;
            for (var history : HistoryCorpus.read(roots)) {
                var loaded = HistoryCorpus.load(history);
                var identified = lineage.of(loaded.document(), loaded.versions());
                for (int i = 1; i < identified.size(); i++) detector.compare(identified.get(i - 1), identified.get(i), false);
                lineagePairs += identified.size() - 1;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            out.printf(java.util.Locale.ROOT, "%-38s %5d pairs in %6.2f s: %8.1f pairs/s (ids through whole histories, reading included)%n",
                    "clausewatch: lineage + change sets", lineagePairs, seconds, lineagePairs / seconds);
            out.flush();
            if (!withoutGit) {
                measure(out, spec.commandLine().getErr(), "git diff --no-index --word-diff", pairs, pair -> {
                    Process process = new ProcessBuilder("git", "diff", "--no-index", "--word-diff", "--no-color",
                            pair.before().toString(), pair.after().toString()).redirectErrorStream(true).start();
                    process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                    process.waitFor();
                }, false);
            }
            return 0;
        }

        interface Work {
            void run(Pair pair) throws Exception;
        }

        private static void measure(PrintWriter out, PrintWriter err, String what, List<Pair> pairs, Work work, boolean warmUp) throws Exception {
            if (warmUp) for (Pair p : pairs) work.run(p);
            long[] nanos = new long[pairs.size()];
            long start = System.nanoTime();
            try (Progress progress = Progress.start(err, what, "pairs")) {
                for (int i = 0; i < pairs.size(); i++) {
                    long t = System.nanoTime();
                    work.run(pairs.get(i));
                    nanos[i] = System.nanoTime() - t;
                    progress.at(i + 1, pairs.size()); // after the pair's own time is taken
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            java.util.Arrays.sort(nanos);
            out.printf(java.util.Locale.ROOT, "%-38s %5d pairs in %6.2f s: %8.1f pairs/s, p50 %7.2f ms, p99 %7.2f ms, max %7.2f ms%n", what,
                    pairs.size(), seconds, pairs.size() / seconds, nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6,
                    nanos[nanos.length - 1] / 1e6);
            out.flush();
        }
    }

    /** SHA-256 of a file's bytes, for the baseline of merely reading what is compared. */
    static final class Sha256Of {
        static String file(Path file) throws IOException {
            return dev.clausewatch.capture.Sha256.of(Files.readAllBytes(file));
        }
    }

    @Command(name = "classify", description = {"Classifies every provision of the latest version of each document in HISTORY_DIR… twice:",
            "cold (embeddings computed) and cached (a new classifier on the same texts: only the embeddings are reused),",
            "and prints provisions/s for each."})
    static final class Classify implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "HISTORY_DIR") List<Path> roots;

        @Option(names = "--before", description = "The classifier shipped before the learned topic model (cues + clause model), for comparison.")
        boolean before;

        @Override
        public Integer call() {
            var parser = new dev.clausewatch.provision.ProvisionParser();
            List<String> texts = new ArrayList<>();
            for (var history : HistoryCorpus.read(roots)) {
                parser.parse(HistoryCorpus.text(history.getLast().file())).forEach(p -> texts.add(p.text()));
            }
            var knowledge = dev.clausewatch.knowledge.Knowledge.bundled();
            var embeddings = new dev.clausewatch.analysis.SentenceEmbeddings();
            PrintWriter out = spec.commandLine().getOut();
            for (String pass : List.of("cold", "cached")) {
                // A new classifier each pass (its results are memoised per text): the cached pass reuses only the embeddings.
                var classifier = before
                        ? new dev.clausewatch.analysis.TopicClassifier(knowledge, dev.clausewatch.analysis.ClauseModel.bundled(), embeddings::embed)
                        : dev.clausewatch.analysis.TopicClassifier.shipped(knowledge, embeddings::embed);
                long start = System.nanoTime();
                long topics = 0;
                try (Progress progress = Progress.start(spec.commandLine().getErr(), "Classifying (" + pass + ")", "provisions")) {
                    int done = 0;
                    for (String t : texts) {
                        topics += classifier.classify(t).size();
                        progress.at(++done, texts.size());
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                out.printf(java.util.Locale.ROOT, "%-6s %6d provisions in %6.2f s: %8.1f provisions/s (%d topic assignments, %d sentences embedded)%n",
                        pass, texts.size(), seconds, texts.size() / seconds, topics, embeddings.cached());
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "web", description = {"Imports and processes HISTORY_DIR… into a fresh embedded store, starts a server on it as `serve` does, times",
            "the first request of every route, then sends each page and API route requests at a fixed --rate for --seconds (no warm-up), timing each from its scheduled start",
            "(so queueing counts). Prints p50/p99/max latency and the throughput achieved."})
    static final class Web implements Callable<Integer> {
        @ParentCommand BenchCommand bench;
        @Spec CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "HISTORY_DIR") List<Path> roots;

        @Option(names = "--rate", defaultValue = "200") int rate;

        @Option(names = "--seconds", defaultValue = "10") int seconds;

        @Option(names = "--document", defaultValue = "facebook/terms-of-service") String documentId;

        @Override
        public Integer call() throws Exception {
            ClausewatchCommand root = (ClausewatchCommand) bench.spec.parent().userObject();
            PrintWriter out = spec.commandLine().getOut();
            Path dir = Files.createTempDirectory("clausewatch-bench-web-");
            try {
                // As `import` then `process` leave a data directory: records derived, this node's search index on disk.
                try (Workspace workspace = root.opener.apply(StorageConfig.embedded(dir), root.captureConfig())) {
                    // Not timed: the setup shows its progress on a terminal, as import and process do.
                    try (Progress progress = Progress.start(spec.commandLine().getErr(), "Importing", "files")) {
                        workspace.importer().importPaths(roots, progress::at);
                    }
                    ProcessCommand.catchUp(workspace.processor(), spec.commandLine().getErr(), true);
                    try (var search = new ArchiveSearch(workspace.registry(), workspace.records(), workspace.analyzer(),
                            ProvisionIndex.onDisk(dir.resolve("search-index")))) {
                        search.refresh();
                    }
                }
                // Then a server started as `serve` starts, measured from its start: no warm-up.
                try (Workspace workspace = root.opener.apply(StorageConfig.embedded(dir), root.captureConfig());
                     var search = new ArchiveSearch(workspace.registry(), workspace.records(), workspace.analyzer(),
                             ProvisionIndex.onDisk(dir.resolve("search-index")))) {
                    long started = System.nanoTime();
                    var app = new WebServer(workspace.registry(), workspace.archive(), workspace.records(), workspace.analyzer(), search)
                            .start("127.0.0.1", 0);
                    try {
                        Map<String, String> routes = routes(workspace);
                        String base = "http://127.0.0.1:" + app.port();
                        var client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(32)).build();
                        out.printf(Locale.ROOT, "server started in %.0f ms; first request of each route, in order:%n", (System.nanoTime() - started) / 1e6);
                        for (var route : routes.entrySet()) {
                            long t0 = System.nanoTime();
                            var response = client.send(HttpRequest.newBuilder(URI.create(base + route.getValue())).build(), HttpResponse.BodyHandlers.discarding());
                            out.printf(Locale.ROOT, "  %-15s %4d in %6.1f ms (%.2f s after start)%n", route.getKey(), response.statusCode(),
                                    (System.nanoTime() - t0) / 1e6, (System.nanoTime() - started) / 1e9);
                        }
                        out.printf(Locale.ROOT, "%s req/s for %d s per route, no warm-up:%n", rate, seconds);
                        for (var route : routes.entrySet()) measure(out, client, route.getKey(), URI.create(base + route.getValue()));
                    } finally {
                        app.stop();
                    }
                }
            } finally {
                Import.deleteTree(dir);
            }
            return 0;
        }

        private Map<String, String> routes(Workspace workspace) {
            var document = DocumentId.parse(documentId);
            var history = workspace.records().history(document);
            int n = history.size();
            String provision = history.getLast().provisions().stream()
                    .filter(p -> p.kind() != ProvisionKind.HEADING).findFirst().orElseThrow().id();
            String doc = "/documents/" + document;
            String api = "/api/v1/documents/" + document;
            Map<String, String> routes = new LinkedHashMap<>();
            routes.put("home page", "/");
            routes.put("platform page", "/platforms/" + document.platform());
            routes.put("document page", doc);
            routes.put("change page", doc + "/changes?from=" + (n - 1) + "&to=" + n);
            routes.put("provision page", doc + "/provisions/" + provision);
            routes.put("topic page", "/topics/data-sharing-third-parties");
            routes.put("search page", "/search?q=personal+data&past=on");
            routes.put("document feed", "/feeds/documents/" + document + ".atom");
            routes.put("topic feed", "/feeds/topics/ai-training-on-user-content.atom");
            routes.put("API versions", api + "/versions");
            routes.put("API in force", api + "/versions/in-force?at=2020-01-01");
            routes.put("API changes", api + "/changes?from=" + (n - 1) + "&to=" + n);
            routes.put("API provisions", api + "/provisions");
            routes.put("API analysis", api + "/provisions/" + provision + "/analysis");
            routes.put("API references", api + "/references");
            routes.put("API comparison", "/api/v1/topics/ai-training-on-user-content/comparison");
            routes.put("API search", "/api/v1/search?q=personal+data&past=true");
            return routes;
        }

        private void measure(PrintWriter out, HttpClient client, String name, URI uri) throws Exception {
            int total = rate * seconds;
            long interval = 1_000_000_000L / rate;
            long[] latency = new long[total];
            AtomicInteger errors = new AtomicInteger();
            var done = new CountDownLatch(total);
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long scheduled = start + i * interval;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
                final int index = i;
                client.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                        .whenComplete((response, failure) -> {
                            latency[index] = System.nanoTime() - scheduled;
                            if (failure != null || response.statusCode() != 200) errors.incrementAndGet();
                            done.countDown();
                        });
            }
            done.await();
            double elapsed = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latency);
            out.printf(Locale.ROOT, "%-15s %6d requests, %6.1f req/s achieved, p50 %7.2f ms, p99 %8.2f ms, max %8.2f ms, %d errors%n", name, total,
                    total / elapsed, latency[total / 2] / 1e6, latency[(int) (total * 0.99)] / 1e6, latency[total - 1] / 1e6, errors.get());
            out.flush();
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
                        try (Workspace workspace = root.opener.apply(config, root.captureConfig());
                             Progress progress = Progress.start(spec.commandLine().getErr(), store + " run " + run, "files")) {
                            long start = System.nanoTime();
                            ImportReport report = workspace.importer().importPaths(paths, progress::at);
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

        static void deleteTree(Path dir) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
