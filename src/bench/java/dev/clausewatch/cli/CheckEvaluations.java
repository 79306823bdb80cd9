package dev.clausewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clausewatch.check.IntendedUse;
import dev.clausewatch.check.Role;
import dev.clausewatch.check.UseCheck;
import dev.clausewatch.check.Weights;
import dev.clausewatch.provision.Texts;
import dev.clausewatch.storage.StorageConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The use-case check measured on use cases labelled by reading the documents before any check
 * existed (src/test/resources/use-cases): recall of the provisions a careful reader expects, and
 * precision of what the check answers, on the development and the evaluation half apart.
 */
final class CheckEvaluations {
    private CheckEvaluations() {}

    /** A labelled use case: the use, and the provisions (document and quote) expected or not. */
    record LabelledCase(String id, IntendedUse use, List<Expected> expected, List<Expected> notExpected) {
        /** The half it belongs to, fixed by its id: "dev" (weights are fitted here) or "eval" (only measured). */
        String split() {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
                return (hash[0] & 1) == 0 ? "dev" : "eval";
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    record Expected(String document, String quote, Role role) {
        boolean matches(String document, String text) {
            return this.document.equals(document) && Texts.collapse(text).contains(Texts.collapse(quote));
        }
    }

    static List<LabelledCase> read(Path jsonl) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<LabelledCase> cases = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            if (line.isBlank()) continue;
            JsonNode c = json.readTree(line);
            List<String> platforms = new ArrayList<>();
            c.path("platforms").forEach(p -> platforms.add(p.asText()));
            List<String> jurisdictions = new ArrayList<>();
            c.path("jurisdictions").forEach(j -> jurisdictions.add(j.asText()));
            IntendedUse use = new IntendedUse(c.path("use").asText(), IntendedUse.platforms(String.join(",", platforms)), jurisdictions);
            cases.add(new LabelledCase(c.path("id").asText(), use, expected(c.path("expected")), expected(c.path("not_expected"))));
        }
        return cases;
    }

    private static List<Expected> expected(JsonNode entries) {
        List<Expected> list = new ArrayList<>();
        for (JsonNode e : entries) {
            String role = e.path("role").asText("");
            list.add(new Expected(e.path("document").asText(), e.path("quote").asText(),
                    Stream.of(Role.values()).filter(r -> r.label().equals(role)).findFirst().orElse(null)));
        }
        return list;
    }

    /** One case's outcome: expected provisions found, answered provisions that were expected, and the not-expected ones answered. */
    record Outcome(String id, String split, int expected, int reachable, int found, int answered, int answeredExpected, int notExpectedAnswered,
                   int rolesRight, List<String> missed, List<String> extra) {}

    /** Precision and recall over a set of cases, summed over provisions (micro). */
    record Figures(String split, int cases, int expected, int reachable, int found, int answered, int answeredExpected, int notExpectedAnswered, int rolesRight) {
        double recall() {
            return expected == 0 ? 0 : (double) found / expected;
        }

        double precision() {
            return answered == 0 ? 0 : (double) answeredExpected / answered;
        }

        double f1() {
            return precision() + recall() == 0 ? 0 : 2 * precision() * recall() / (precision() + recall());
        }

        static Figures of(String split, List<Outcome> outcomes) {
            return new Figures(split, outcomes.size(), outcomes.stream().mapToInt(Outcome::expected).sum(), outcomes.stream().mapToInt(Outcome::reachable).sum(),
                    outcomes.stream().mapToInt(Outcome::found).sum(),
                    outcomes.stream().mapToInt(Outcome::answered).sum(), outcomes.stream().mapToInt(Outcome::answeredExpected).sum(),
                    outcomes.stream().mapToInt(Outcome::notExpectedAnswered).sum(), outcomes.stream().mapToInt(Outcome::rolesRight).sum());
        }
    }

    /** Every candidate of a case with its label, as fitting needs them. */
    record Labelled(String caseId, UseCheck.Candidate candidate, boolean expected) {}

    static List<Labelled> label(LabelledCase c, List<UseCheck.Candidate> candidates) {
        return candidates.stream().map(k -> new Labelled(c.id(), k, c.expected().stream()
                .anyMatch(e -> e.matches(k.document().id().toString(), k.provision().text())))).toList();
    }

    static Outcome outcome(LabelledCase c, List<Labelled> labelled, Weights weights) {
        Map<String, List<UseCheck.Candidate>> byPlatform = new LinkedHashMap<>();
        labelled.forEach(l -> byPlatform.computeIfAbsent(l.candidate().document().id().platform().value(), k -> new ArrayList<>()).add(l.candidate()));
        Set<UseCheck.Candidate> chosen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        byPlatform.values().forEach(candidates -> chosen.addAll(UseCheck.applying(candidates, weights)));
        List<Labelled> answered = labelled.stream().filter(l -> chosen.contains(l.candidate())).toList();
        int found = 0, rolesRight = 0;
        List<String> missed = new ArrayList<>();
        for (Expected e : c.expected()) {
            var hit = answered.stream().filter(l -> e.matches(l.candidate().document().id().toString(), l.candidate().provision().text())).findFirst();
            if (hit.isPresent()) {
                found++;
                if (hit.get().candidate().role() == e.role()) rolesRight++;
            } else {
                missed.add(e.document() + ": " + shorten(e.quote()));
            }
        }
        int notExpected = (int) answered.stream().filter(l -> c.notExpected().stream()
                .anyMatch(e -> e.matches(l.candidate().document().id().toString(), l.candidate().provision().text()))).count();
        List<String> extra = answered.stream().filter(l -> !l.expected()).map(l -> l.candidate().document().id() + ": " + shorten(l.candidate().provision().text())).toList();
        int reachable = (int) c.expected().stream().filter(e -> labelled.stream()
                .anyMatch(l -> e.matches(l.candidate().document().id().toString(), l.candidate().provision().text()))).count();
        return new Outcome(c.id(), c.split(), c.expected().size(), reachable, found, answered.size(), (int) answered.stream().filter(Labelled::expected).count(),
                notExpected, rolesRight, missed, extra);
    }

    private static double[] features(Labelled l) {
        var e = l.candidate().evidence();
        return new double[] {1, e.meaning(), e.standing(), e.topic(), e.words(), e.binding() ? 1 : 0};
    }

    private static String shorten(String text) {
        return text.length() > 90 ? text.substring(0, 90) + "…" : text;
    }

    /**
     * The logistic weights fitted on the development cases' candidates (gradient descent on the log
     * loss, positives weighted up to balance them), then the threshold with the best F1 on them.
     */
    static Weights fit(List<LabelledCase> dev, Map<String, List<Labelled>> labelled, Weights start) {
        List<Labelled> rows = dev.stream().flatMap(c -> labelled.get(c.id()).stream()).filter(l -> l.candidate().evidence().connected(start)).toList();
        long positives = rows.stream().filter(Labelled::expected).count();
        double positiveWeight = positives == 0 ? 1 : (double) (rows.size() - positives) / positives;
        double[] w = start.coefficients();
        double[] scale = new double[w.length];
        for (Labelled l : rows) {
            double[] x = features(l);
            for (int i = 0; i < x.length; i++) scale[i] = Math.max(scale[i], Math.abs(x[i]));
        }
        for (int epoch = 0; epoch < 4_000; epoch++) {
            double[] gradient = new double[w.length];
            double total = 0;
            for (Labelled l : rows) {
                double[] x = features(l);
                double z = 0;
                for (int i = 0; i < w.length; i++) z += w[i] * x[i];
                double p = 1 / (1 + Math.exp(-z));
                double weight = l.expected() ? positiveWeight : 1;
                for (int i = 0; i < w.length; i++) gradient[i] += weight * (p - (l.expected() ? 1 : 0)) * x[i];
                total += weight;
            }
            // Each step scaled by its feature's range, so that features of different spans learn at one pace.
            for (int i = 0; i < w.length; i++) w[i] -= 1.0 * gradient[i] / total / Math.max(1e-9, scale[i] * scale[i]);
        }
        Weights fitted = new Weights(w, start.threshold(), start.leastMeaning(), 1.0);
        Weights best = fitted;
        double bestF1 = -1;
        for (double t = 0.05; t < 0.99; t += 0.01) {
            Weights candidate = fitted.withThreshold(Math.round(t * 100) / 100.0);
            double f1 = Figures.of("dev", dev.stream().map(c -> outcome(c, labelled.get(c.id()), candidate)).toList()).f1();
            if (f1 > bestF1) {
                bestF1 = f1;
                best = candidate;
            }
        }
        // Then the fallback, with the threshold kept: the least confidence at which a platform's best provision is shown.
        Weights withFallback = best;
        for (double f = 0.30; f <= 1.0001; f += 0.05) {
            Weights candidate = best.withFallback(Math.round(f * 100) / 100.0);
            double f1 = Figures.of("dev", dev.stream().map(c -> outcome(c, labelled.get(c.id()), candidate)).toList()).f1();
            if (f1 > bestF1) {
                bestF1 = f1;
                withFallback = candidate;
            }
        }
        return withFallback;
    }

    @Command(name = "checks", description = {"Runs the use-case check on labelled use cases (src/test/resources/use-cases/use-cases.jsonl)",
            "over the current versions of the shared data's documents and seed 001, and prints recall and precision on the",
            "development and evaluation halves. --fit fits the weights on the development half only and prints them."})
    static final class Evaluate implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "CASES", description = "The labelled use cases (JSON lines).") Path casesFile;

        @Parameters(index = "1", paramLabel = "SHARED", description = "The shared folder holding data/ and seeds/.") Path shared;

        @Option(names = "--fit", description = "Fit the weights on the development half, then measure both halves with them.") boolean fit;

        @Option(names = "--details", description = "Print each case's missed and extra provisions.") boolean details;

        @Option(names = "--dump", paramLabel = "CASE", description = "Print every candidate of one development case with its evidence.") String dump;

        @Option(names = "--json") boolean json;

        @Override
        public Integer call() throws IOException {
            ClausewatchCommand root = (ClausewatchCommand) spec.parent().parent().userObject();
            List<LabelledCase> cases = read(casesFile);
            PrintWriter out = spec.commandLine().getOut();
            Path dir = Files.createTempDirectory("clausewatch-eval-checks-");
            try (Workspace w = root.opener.apply(StorageConfig.embedded(dir), root.captureConfig())) {
                try (Progress progress = Progress.start(spec.commandLine().getErr(), "Importing", "files")) {
                    w.importer().importPaths(currentVersions(cases, shared, dir.resolve("input")), progress::at);
                }
                ProcessCommand.catchUp(w.processor(), spec.commandLine().getErr(), true);
                UseCheck check = new UseCheck(w.registry(), w.records(), w.analyzer(), Weights.FITTED, Clock.systemUTC());
                Map<String, List<Labelled>> labelled = new LinkedHashMap<>();
                try (Progress progress = Progress.start(spec.commandLine().getErr(), "Checking", "uses")) {
                    for (LabelledCase c : cases) {
                        labelled.put(c.id(), label(c, check.candidates(c.use())));
                        progress.at(labelled.size(), cases.size());
                    }
                }
                Weights weights = Weights.FITTED;
                if (fit) {
                    weights = fit(cases.stream().filter(c -> c.split().equals("dev")).toList(), labelled, Weights.FITTED);
                    out.println("fitted on the development half: " + weights);
                }
                Weights used = weights;
                if (dump != null) for (LabelledCase c : cases) if (c.split().equals("dev")) out.println("use topics " + c.id() + ": "
                        + check.check(c.use()).useTopics().stream().map(t -> t.topicId() + String.format(Locale.ROOT, " %.2f", t.confidence())).toList());
                if (dump != null) dump(out, cases.stream().filter(c -> c.id().equals(dump) && c.split().equals("dev")).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no development case " + dump)), labelled.get(dump), used);
                List<Outcome> outcomes = cases.stream().map(c -> outcome(c, labelled.get(c.id()), used)).toList();
                List<Figures> figures = List.of(Figures.of("dev", outcomes.stream().filter(o -> o.split().equals("dev")).toList()),
                        Figures.of("eval", outcomes.stream().filter(o -> o.split().equals("eval")).toList()), Figures.of("all", outcomes));
                if (json) Output.json(out, Map.of("weights", used, "figures", figures, "cases", outcomes));
                else print(out, used, figures, outcomes);
            }
            return 0;
        }

        private static void dump(PrintWriter out, LabelledCase c, List<Labelled> labelled, Weights weights) {
            out.println("case " + c.id() + ": " + c.use().description());
            labelled.stream().sorted(Comparator.comparingDouble((Labelled l) -> l.candidate().confidence()).reversed()).limit(60).forEach(l -> {
                var e = l.candidate().evidence();
                out.printf(Locale.ROOT, "%s %.2f m=%.2f s=%.1f t=%.2f w=%.2f %-14s %s %s | %s%n", l.expected() ? "YES" : "   ", weights.confidence(e), e.meaning(), e.standing(), e.topic(),
                        e.words(), l.candidate().role().label(), e.sharedTopics(), e.sharedWords(), shorten(l.candidate().provision().text()));
            });
            c.expected().forEach(x -> labelled.stream().filter(l -> x.matches(l.candidate().document().id().toString(), l.candidate().provision().text()))
                    .forEach(l -> out.printf(Locale.ROOT, "expected m=%.2f t=%.2f w=%.2f %s | %s%n", l.candidate().evidence().meaning(), l.candidate().evidence().topic(),
                            l.candidate().evidence().words(), l.candidate().evidence().sharedTopics(), shorten(x.quote()))));
        }

        private void print(PrintWriter out, Weights weights, List<Figures> figures, List<Outcome> outcomes) {
            out.println("weights: " + weights);
            out.printf(Locale.ROOT, "%-6s %5s %8s %9s %6s %8s %9s %6s %6s %11s %10s%n", "SPLIT", "CASES", "EXPECTED", "REACHABLE", "FOUND", "ANSWERED", "PRECISION",
                    "RECALL", "F1", "NOT-EXP HIT", "ROLE RIGHT");
            for (Figures f : figures) {
                out.printf(Locale.ROOT, "%-6s %5d %8d %9d %6d %8d %9.3f %6.3f %6.3f %11d %10s%n", f.split(), f.cases(), f.expected(), f.reachable(), f.found(), f.answered(),
                        f.precision(), f.recall(), f.f1(), f.notExpectedAnswered(), f.found() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) f.rolesRight() / f.found()));
            }
            out.println();
            for (Outcome o : outcomes.stream().sorted(Comparator.comparing(Outcome::split).thenComparing(Outcome::id)).toList()) {
                out.printf(Locale.ROOT, "%-4s %-34s expected %3d reachable %3d found %3d answered %3d (expected %3d, not-expected %d)%n", o.split(), o.id(), o.expected(), o.reachable(),
                        o.found(), o.answered(), o.answeredExpected(), o.notExpectedAnswered());
                if (details && o.split().equals("dev")) {
                    o.missed().forEach(m -> out.println("       missed " + m));
                    o.extra().stream().limit(8).forEach(m -> out.println("       extra  " + m));
                }
            }
        }
    }

    /**
     * A dataset of the current version of each document of the cases' platforms (the newest file of
     * each folder, as the labels were read), with its manifest cut to that version, and seed 001.
     */
    static List<Path> currentVersions(List<LabelledCase> cases, Path shared, Path into) throws IOException {
        Set<String> platforms = new HashSet<>();
        cases.forEach(c -> c.use().platforms().forEach(p -> platforms.add(p.value())));
        ObjectMapper json = new ObjectMapper();
        for (String archive : List.of("ota-history", "pga-v1-history")) {
            for (String platform : platforms) {
                Path folder = shared.resolve("data").resolve(archive).resolve(platform);
                if (!Files.isDirectory(folder)) continue;
                try (Stream<Path> documents = Files.list(folder)) {
                    for (Path document : documents.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("_")).toList()) {
                        if (archive.equals("pga-v1-history") && Files.isDirectory(shared.resolve("data/ota-history").resolve(platform).resolve(document.getFileName()))) continue;
                        copyNewest(document, into.resolve(archive).resolve(platform).resolve(document.getFileName()), json);
                    }
                }
                Path declarations = folder.resolve("_declarations");
                if (Files.isDirectory(declarations)) copyFolder(declarations, into.resolve(archive).resolve(platform).resolve("_declarations"));
            }
        }
        return List.of(into, shared.resolve("seeds/001_bd4926011f68c2e1.txt"));
    }

    private static void copyNewest(Path document, Path target, ObjectMapper json) throws IOException {
        String newest;
        try (Stream<Path> files = Files.list(document)) {
            newest = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".md")).max(Comparator.naturalOrder()).orElse(null);
        }
        if (newest == null || !Files.exists(document.resolve("manifest.json"))) return;
        ObjectNode manifest = (ObjectNode) json.readTree(document.resolve("manifest.json").toFile());
        ArrayNode kept = json.createArrayNode();
        manifest.path("versions").forEach(v -> {
            if (v.path("file").asText().equals(newest)) kept.add(v);
        });
        manifest.set("versions", kept);
        manifest.put("versionCount", kept.size());
        Files.createDirectories(target);
        Files.copy(document.resolve(newest), target.resolve(newest));
        json.writeValue(target.resolve("manifest.json").toFile(), manifest);
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, to.resolve(f.getFileName()));
        }
    }
}
