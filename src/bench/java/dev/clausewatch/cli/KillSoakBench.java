package dev.clausewatch.cli;

import com.sun.net.httpserver.HttpServer;
import dev.clausewatch.archive.ArchiveVerifier;
import dev.clausewatch.event.Event;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.DocumentType;
import dev.clausewatch.registry.FetchMode;
import dev.clausewatch.registry.PlatformId;
import dev.clausewatch.registry.SourceDeclaration;
import dev.clausewatch.registry.SourceDocument;
import dev.clausewatch.storage.StorageConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Kills Clausewatch with SIGKILL while it imports and processes, and while it captures, then lets
 * the work finish and compares the archive with a run that was never interrupted: nothing lost,
 * nothing twice, and verify intact.
 */
@Command(name = "kills", description = {"Runs `import HISTORY_DIR…` (which also processes) and `capture` of pages served on loopback in child",
        "processes, killing them with SIGKILL at random moments --kills times in all, lets the work finish, and compares",
        "documents, versions, observations, derived versions, change sets and events with an uninterrupted run; then verify."})
final class KillSoakBench implements Callable<Integer> {
    @ParentCommand BenchCommand bench;
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "HISTORY_DIR") List<Path> roots;

    @Option(names = "--kills", defaultValue = "100", description = "SIGKILLs in all, half while importing and processing, half while capturing.")
    int kills;

    @Option(names = "--seed", defaultValue = "42") long seed;

    @Option(names = "--pages", defaultValue = "6", description = "Documents captured from loopback, each in two versions.")
    int pages;

    /** The soak's documents: the terms of one platform per page (document types are a vocabulary). */
    private static DocumentId soakDocument(int i) {
        return new DocumentId(new PlatformId("kill-soak-" + (i + 1)), new DocumentType("Terms of Service"));
    }
    private final AtomicInteger round = new AtomicInteger(1);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Random random = new Random(seed);
        HttpServer site = site();
        Path reference = Files.createTempDirectory("clausewatch-kills-reference-");
        Path soaked = Files.createTempDirectory("clausewatch-kills-soaked-");
        try {
            run(reference, site, 0, random, out);
            int[] spent = run(soaked, site, kills, random, out);
            out.printf(Locale.ROOT, "SIGKILLs: %d while importing and processing, %d while capturing%n", spent[0], spent[1]);
            Map<String, Long> expected = counts(reference), actual = counts(soaked);
            boolean same = true;
            for (String key : expected.keySet()) {
                boolean equal = expected.get(key).equals(actual.get(key));
                same &= equal || key.startsWith("observations (capture)") || key.startsWith("snapshots");
                out.printf(Locale.ROOT, "%-34s %8d %8d %s%n", key, expected.get(key), actual.get(key), equal ? "same" : "DIFFERENT");
            }
            ArchiveVerifier.Report report;
            try (Workspace w = open(soaked)) {
                report = w.verifier().verify();
            }
            report.findings().forEach(f -> out.println("DAMAGED " + f));
            out.printf(Locale.ROOT, "verify after the kills: %s (%d blobs, %d versions, %d observations, %d snapshots)%n",
                    report.intact() ? "intact" : report.findings().size() + " problems", report.blobs(), report.versions(), report.observations(),
                    report.snapshots());
            out.println(same && report.intact() ? "RESULT: nothing lost, nothing twice, archive intact"
                    : "RESULT: the killed run differs (see above)");
            out.flush();
            return same && report.intact() ? 0 : 1;
        } finally {
            site.stop(0);
            BenchCommand.Import.deleteTree(reference);
            BenchCommand.Import.deleteTree(soaked);
        }
    }

    /** The whole sequence in {@code dir}, killing children {@code killBudget} times; returns the kills spent in each half. */
    private int[] run(Path dir, HttpServer site, int killBudget, Random random, PrintWriter out) throws Exception {
        round.set(1);
        int importKills = killBudget / 2, captureKills = killBudget - importKills;
        List<String> importArgs = new ArrayList<>(List.of("import"));
        roots.forEach(r -> importArgs.add(r.toAbsolutePath().toString()));
        int spent = 0;
        while (spent < importKills) {
            if (!runKilled(dir, importArgs, 200 + random.nextInt(6_000))) spent++;
            else break;
        }
        runToEnd(dir, importArgs);
        int importSpent = spent;

        try (Workspace w = open(dir)) {
            for (int i = 0; i < pages; i++) {
                DocumentId id = soakDocument(i);
                w.registry().register(new dev.clausewatch.registry.Platform(id.platform(), "Kill soak " + (i + 1)));
                w.registry().register(new Document(id, "Kill soak " + (i + 1)));
                w.registry().declare(new SourceDeclaration(id, List.of(new SourceDocument(null,
                        URI.create("http://127.0.0.1:" + site.getAddress().getPort() + "/terms/" + i), List.of(), List.of(), List.of(),
                        FetchMode.HTTP)), Optional.empty()), "kill soak");
            }
        }
        spent = 0;
        int captures = 2 * pages;
        for (int r = 1; r <= 2; r++) {
            round.set(r);
            for (int i = 0; i < pages; i++) {
                DocumentId id = soakDocument(i);
                List<String> capture = List.of("--allow-loopback", "capture", id.toString());
                int nth = (r - 1) * pages + i;
                int budget = captureKills / captures + (nth < captureKills % captures ? 1 : 0);
                for (int k = 0; k < budget && !captured(dir, id, r); k++) {
                    if (!runKilled(dir, capture, 300 + random.nextInt(2_500))) spent++;
                }
                while (!captured(dir, id, r)) runToEnd(dir, capture);
            }
        }
        runToEnd(dir, List.of("process"));
        out.printf(Locale.ROOT, "%s: %d + %d SIGKILLs%n", killBudget == 0 ? "uninterrupted run" : "killed run", importSpent, spent);
        out.flush();
        return new int[] {importSpent, spent};
    }

    /** Whether the document has its version of this round (the text the site serves in that round). */
    private boolean captured(Path dir, DocumentId id, int r) {
        try (Workspace w = open(dir)) {
            return w.archive().timeline(id).size() >= r;
        }
    }

    /** Starts the command and kills it after {@code millis}; true when it had ended by itself before. */
    private boolean runKilled(Path dir, List<String> args, long millis) throws Exception {
        Process child = start(dir, args);
        if (child.waitFor(millis, TimeUnit.MILLISECONDS)) return true;
        child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no seal, nothing flushed
        return false;
    }

    private void runToEnd(Path dir, List<String> args) throws Exception {
        Process child = start(dir, args);
        if (!child.waitFor(30, TimeUnit.MINUTES)) throw new IllegalStateException(args + " did not end within 30 minutes");
    }

    private Process start(Path dir, List<String> args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar;
        try {
            jar = Path.of(KillSoakBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot find the Clausewatch jar", e);
        }
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar, "--data-dir", dir.toString()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("children.log").toFile())).start();
    }

    private Workspace open(Path dir) {
        ClausewatchCommand root = (ClausewatchCommand) bench.spec.parent().userObject();
        return root.opener.apply(StorageConfig.embedded(dir), root.captureConfig().withLoopbackAllowed());
    }

    /** What must not differ between the two runs (snapshots and capture observations may: a killed capture is redone). */
    private Map<String, Long> counts(Path dir) {
        Map<String, Long> counts = new TreeMap<>();
        try (Workspace w = open(dir)) {
            List<Document> documents = w.registry().documents();
            counts.put("documents", (long) documents.size());
            for (Document d : documents) {
                boolean soak = d.id().platform().value().startsWith("kill-soak-");
                counts.merge("versions", (long) w.archive().timeline(d.id()).size(), Long::sum);
                counts.merge(soak ? "observations (capture)" : "observations (import)", (long) w.archive().observations(d.id()).size(), Long::sum);
                counts.merge("derived versions", (long) w.records().history(d.id()).size(), Long::sum);
                counts.merge("derived change sets", (long) w.records().changeSets(d.id()).size(), Long::sum);
            }
            long seq = 0;
            while (true) {
                List<Event> batch = w.outbox().after(seq, List.of(), 1_000);
                if (batch.isEmpty()) break;
                for (Event e : batch) counts.merge("events " + e.type(), 1L, Long::sum);
                seq = batch.getLast().seq();
            }
        }
        return counts;
    }

    /** Each page serves one text in round 1 and another in round 2. */
    private HttpServer site() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            int status = 200;
            if (path.equals("/robots.txt")) {
                body = "User-agent: *\nAllow: /\n".getBytes(StandardCharsets.UTF_8);
            } else {
                body = ("<html><body><main><h1>Terms of Service " + path + "</h1>" + ("<p>You must follow these terms when you use the"
                        + " service, and we may suspend accounts that break them. Section " + path + ".</p>").repeat(8)
                        + (round.get() == 2 ? "<p>We may now share your data with affiliates for advertising.</p>" : "")
                        + "</main></body></html>").getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", path.equals("/robots.txt") ? "text/plain" : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        return server;
    }
}
