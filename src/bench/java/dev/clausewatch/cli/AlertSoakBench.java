package dev.clausewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.clausewatch.alert.Delivery;
import dev.clausewatch.alert.Plan;
import dev.clausewatch.alert.Watch;
import dev.clausewatch.archive.Observed;
import dev.clausewatch.archive.Provenance;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.storage.StorageConfig;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The alert soak: a Watcher organisation watches the AWS Acceptable Use Policy with a signed
 * webhook to a receiver on loopback that fails every other request and is down for a while;
 * --events new versions, each a substantive change, are recorded at a steady rate while a separate
 * `track` process (the processor and the alert stage, as in production) is killed with SIGKILL
 * --kills times and restarted. Reports whether every alert reached the receiver, how many arrived
 * twice by idempotency key, and the latency from commit to first accepted delivery.
 */
@Command(name = "alerts", description = {"Soak of the alert stage: --events substantive changes to a webhook receiver that fails every other",
        "request and is down --down-seconds, with the application killed (SIGKILL) --kills times; latency p50/p95."})
final class AlertSoakBench implements Callable<Integer> {
    private static final DocumentId AUP = DocumentId.parse("amazon-web-services/acceptable-use-policy");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand BenchCommand bench;
    @Spec CommandSpec spec;

    @Option(names = "--events", defaultValue = "1000") int events;
    @Option(names = "--rate", defaultValue = "8", description = "New versions recorded per second.") double rate;
    @Option(names = "--down-seconds", defaultValue = "60") int downSeconds;
    @Option(names = "--kills", defaultValue = "2") int kills;
    @Option(names = "--retry", defaultValue = "1s,30s,30", description = "CLAUSEWATCH_RETRY of the application under test.") String retry;
    @Option(names = "--timeout-seconds", defaultValue = "900") int timeoutSeconds;
    @Option(names = "--demo", description = "The demo dataset (default: demo/ in the Clausewatch home).") Path demo;

    /** What the receiver saw of one delivery key: when it first accepted it, and how often. */
    private final Map<String, Long> firstAccepted = new ConcurrentHashMap<>();
    private final Map<String, Integer> accepted = new ConcurrentHashMap<>();
    private final Map<String, Integer> toNumberOfKey = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private volatile boolean down;

    @Override
    public Integer call() throws Exception {
        ClausewatchCommand root = (ClausewatchCommand) bench.spec.parent().userObject();
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("clausewatch-bench-alerts-");
        HttpServer receiver = receiver();
        Path home = Path.of(System.getenv().getOrDefault("CLAUSEWATCH_HOME", "."));
        Path dataset = demo != null ? demo : home.resolve("demo");
        Map<Integer, Long> committed = new ConcurrentHashMap<>();
        String base;
        try (Workspace w = root.opener.apply(StorageConfig.embedded(dir), root.captureConfig().withLoopbackAllowed())) {
            w.importer().importPaths(List.of(dataset.resolve("ota-history/amazon-web-services")));
            w.processor().catchUp(p -> {});
            var organisations = w.notifications().organisations();
            organisations.create("soak", "Soak", Plan.WATCHER);
            organisations.watch("soak", Watch.document(AUP));
            organisations.webhook("soak", "receiver", URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"));
            base = w.archive().text(w.archive().timeline(AUP).getLast().version());
        }
        out.printf(Locale.ROOT, "%d events at %.0f/s to a receiver failing every other request, down %d s; %d kills; retry %s%n",
                events, rate, downSeconds, kills, retry);
        out.flush();
        Process app = start(dir);
        long t0 = System.nanoTime();
        int killed = 0;
        long downFrom = (long) (events / rate * 0.4 * 1e9);
        try (Workspace w = root.opener.apply(StorageConfig.embedded(dir), root.captureConfig())) {
            int firstNumber = w.archive().timeline(AUP).size() + 1;
            for (int i = 0; i < events; i++) {
                long due = t0 + (long) (i / rate * 1e9);
                while (System.nanoTime() < due) Thread.sleep(1);
                String text = base + "\n\nYou may not use the Services for prohibited purpose number " + (i + 1) + ".\n";
                w.archive().record(AUP, List.of(new Observed(text.getBytes(StandardCharsets.UTF_8), Instant.now(), false, "soak", List.of(),
                        new Provenance("soak", "soak-" + i, Map.of()))));
                committed.put(firstNumber + i, System.nanoTime());
                if (killed < kills && i == (killed + 1) * events / (kills + 1)) {
                    app.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
                    killed++;
                    out.printf(Locale.ROOT, "  killed the application (SIGKILL) after event %d, restarting%n", i + 1);
                    out.flush();
                    app = start(dir);
                }
                if (!down && System.nanoTime() - t0 > downFrom && System.nanoTime() - t0 < downFrom + downSeconds * 1_000_000_000L) down = true;
                if (down && System.nanoTime() - t0 > downFrom + downSeconds * 1_000_000_000L) down = false;
            }
            long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
            while (down && System.nanoTime() < t0 + downFrom + downSeconds * 1_000_000_000L) Thread.sleep(100);
            down = false;
            while (firstAccepted.size() < events && System.nanoTime() < deadline) Thread.sleep(200);
            List<Delivery> deliveries = w.alerts().deliveries("soak");
            report(out, committed, deliveries, (System.nanoTime() - t0) / 1e9);
        } finally {
            app.destroyForcibly().waitFor();
            receiver.stop(0);
            BenchCommand.Import.deleteTree(dir);
        }
        return firstAccepted.size() == events ? 0 : 1;
    }

    private void report(PrintWriter out, Map<Integer, Long> committed, List<Delivery> deliveries, double seconds) {
        List<Long> latencies = new ArrayList<>();
        firstAccepted.forEach((key, at) -> {
            Long commit = committed.get(toNumberOfKey.get(key));
            if (commit != null) latencies.add(at - commit);
        });
        latencies.sort(null);
        long twice = accepted.values().stream().filter(n -> n > 1).count();
        long dead = deliveries.stream().filter(d -> d.state() == Delivery.State.DEAD).count();
        out.printf(Locale.ROOT, "after %.0f s: %d of %d alerts accepted by the receiver (%d requests in all); %d keys accepted more than once; %d dead%n",
                seconds, firstAccepted.size(), events, requests.get(), twice, dead);
        if (!latencies.isEmpty()) {
            out.printf(Locale.ROOT, "latency from commit to first accepted delivery: p50 %.2f s, p95 %.2f s, max %.2f s%n",
                    latencies.get(latencies.size() / 2) / 1e9, latencies.get((int) Math.min(latencies.size() - 1, Math.round(latencies.size() * 0.95))) / 1e9,
                    latencies.getLast() / 1e9);
        }
        out.flush();
    }

    /** Fails every other request with 503; while "down", closes connections unanswered (as a receiver that is down). */
    private HttpServer receiver() throws java.io.IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/hook", exchange -> {
            long n = requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (down) {
                exchange.close(); // no answer: the sender sees a broken connection
                return;
            }
            if (n % 2 == 1) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            String key = exchange.getRequestHeaders().getFirst("webhook-id");
            JsonNode alert = JSON.readTree(body);
            toNumberOfKey.putIfAbsent(key, alert.at("/message/toNumber").asInt());
            firstAccepted.putIfAbsent(key, System.nanoTime());
            accepted.merge(key, 1, Integer::sum);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** The application under test: `track` (processor and alert stage) in its own JVM, on the same data directory. */
    private Process start(Path dir) throws java.io.IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar;
        try {
            jar = Path.of(AlertSoakBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot find the Clausewatch jar", e);
        }
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar, "--data-dir", dir.toString(),
                "--allow-loopback", "track");
        builder.environment().put("CLAUSEWATCH_RETRY", retry);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("app.log").toFile()));
        return builder.start();
    }
}
