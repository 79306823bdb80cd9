package dev.clausewatch.cli;

import dev.clausewatch.extract.ExtractionException;
import dev.clausewatch.extract.Extractor;
import dev.clausewatch.extract.TextSimilarity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "evaluate", aliases = "eval", description = "Measures quality against reference data.", subcommands = {EvaluateCommand.Extraction.class, EvaluateCommand.Changes.class, ClauseEvaluations.Evaluate.class, ClauseEvaluations.EvaluateCues.class, ClauseEvaluations.EvaluateOpp115.class,
        ClauseEvaluations.EvaluateTosdr.class, TopicEvaluations.Evaluate.class, AlertFeedbackEvaluation.AlertFeedback.class,
        CheckEvaluations.Evaluate.class, DiscoveryEvaluation.class})
final class EvaluateCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "changes", description = {"Over every consecutive pair of versions in folders laid out like ota-history and",
            "pga-v1-history: the share of unchanged provisions that keep their id (target 100%%), and how many pairs are",
            "cosmetic or substantive. With --labels, over pairs labelled by reading them (FOLDER is then the shared",
            "data folder the pair ids start from): precision and recall of the substantive flag, how often cosmetic and",
            "noise pairs stay quiet, what moved since a --baseline, and the smallest changes still called substantive."})
    static final class Changes implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FOLDER") List<Path> roots;

        @Option(names = "--json") boolean json;

        @Option(names = "--labels", paramLabel = "FILE", description = "Labelled pairs (src/test/resources/change-labels/labels-eval.jsonl).")
        Path labels;

        @Option(names = "--baseline", paramLabel = "FILE", description = "Verdicts of an earlier classifier (as written by --write-verdicts) to compare with.")
        Path baseline;

        @Option(names = "--write-verdicts", paramLabel = "FILE", description = "Writes this run's verdicts (JSON lines), e.g. to keep as a baseline.")
        Path writeVerdicts;

        @Override
        public Integer call() throws IOException {
            if (labels != null) return labelled();
            var evaluation = new dev.clausewatch.change.ChangeEvaluation(new dev.clausewatch.provision.Lineage(
                    new dev.clausewatch.provision.ProvisionParser()), new dev.clausewatch.change.ChangeDetector());
            List<dev.clausewatch.change.ChangeEvaluation.DocumentResult> results = new ArrayList<>();
            var histories = HistoryCorpus.read(roots);
            try (Progress progress = Progress.start(spec.commandLine().getErr(), "Evaluating", "histories")) {
                for (var history : histories) {
                    results.add(evaluation.evaluate(HistoryCorpus.load(history)));
                    progress.at(results.size(), histories.size());
                }
            }
            int pairs = results.stream().mapToInt(r -> r.pairs()).sum();
            int cosmetic = results.stream().mapToInt(r -> r.cosmeticPairs()).sum();
            int substantive = results.stream().mapToInt(r -> r.substantivePairs()).sum();
            int technical = results.stream().mapToInt(r -> r.technicalPairs()).sum();
            long unchanged = results.stream().mapToLong(r -> r.unchangedProvisions()).sum();
            long kept = results.stream().mapToLong(r -> r.keptId()).sum();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.json(out, Map.of("documents", results, "pairs", pairs, "cosmeticPairs", cosmetic, "substantivePairs", substantive,
                        "technicalPairs", technical, "unchangedProvisions", unchanged, "keptId", kept));
                return 0;
            }
            Output.table(out, List.of("DOCUMENT", "PAIRS", "COSMETIC", "SUBSTANTIVE", "TECHNICAL", "UNCHANGED PROVISIONS", "KEPT ID"),
                    results.stream().map(r -> List.of(r.document(), "" + r.pairs(), "" + r.cosmeticPairs(), "" + r.substantivePairs(),
                            "" + r.technicalPairs(), "" + r.unchangedProvisions(), String.format(Locale.ROOT, "%.4f%%",
                                    r.unchangedProvisions() == 0 ? 100.0 : 100.0 * r.keptId() / r.unchangedProvisions()))).toList());
            out.printf(Locale.ROOT, "%d documents, %d pairs: %d cosmetic, %d substantive (%d into technical upgrades); %d unchanged provisions,"
                            + " %d kept their id (%.4f%%)%n", results.size(), pairs, cosmetic, substantive, technical, unchanged, kept,
                    unchanged == 0 ? 100.0 : 100.0 * kept / unchanged);
            results.stream().filter(r -> !r.lostIds().isEmpty()).forEach(r -> out.println("lost ids in " + r.document() + ": " + r.lostIds()));
            out.flush();
            return 0;
        }

        private Integer labelled() throws IOException {
            if (roots.size() != 1) throw new IllegalArgumentException("with --labels, give one folder: the shared data the pair ids start from");
            List<dev.clausewatch.change.LabelledChanges.Verdict> verdicts = new ChangeLabelsEvaluation().verdicts(labels, roots.getFirst());
            var score = dev.clausewatch.change.LabelledChanges.score(verdicts);
            PrintWriter out = spec.commandLine().getOut();
            if (writeVerdicts != null) {
                List<String> lines = new ArrayList<>();
                var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
                for (var v : verdicts) lines.add(mapper.writeValueAsString(Map.of("id", v.pair(), "substantive", v.substantive())));
                Files.write(writeVerdicts, lines);
            }
            Map<String, Boolean> before = baseline == null ? Map.of() : ChangeLabelsEvaluation.baseline(baseline);
            if (json) {
                Output.json(out, Map.of("score", score, "precision", score.precision(), "recall", score.recall(),
                        "cosmeticQuiet", score.cosmeticQuietRate(), "noiseQuiet", score.noiseQuietRate(), "verdicts", verdicts));
                return 0;
            }
            Output.table(out, List.of("DOCUMENT", "PAIRS", "PRECISION", "RECALL", "COSMETIC QUIET", "NOISE QUIET"),
                    dev.clausewatch.change.LabelledChanges.byDocument(verdicts).entrySet().stream().map(e -> List.of(e.getKey(), "" + e.getValue().pairs(),
                            ratio(e.getValue().truePositives(), e.getValue().truePositives() + e.getValue().falsePositives()),
                            ratio(e.getValue().truePositives(), e.getValue().truePositives() + e.getValue().falseNegatives()),
                            ratio(e.getValue().cosmeticQuiet(), e.getValue().cosmetic()), ratio(e.getValue().noiseQuiet(), e.getValue().noise()))).toList());
            out.printf(Locale.ROOT, "%n%d labelled pairs (%d substantive, %d cosmetic, %d noise): precision %.3f (%d/%d), recall %.3f (%d/%d),"
                            + " cosmetic quiet %.3f (%d/%d), noise quiet %.3f (%d/%d)%n", score.pairs(), score.truePositives() + score.falseNegatives(),
                    score.cosmetic(), score.noise(), score.precision(), score.truePositives(), score.truePositives() + score.falsePositives(),
                    score.recall(), score.truePositives(), score.truePositives() + score.falseNegatives(), score.cosmeticQuietRate(),
                    score.cosmeticQuiet(), score.cosmetic(), score.noiseQuietRate(), score.noiseQuiet(), score.noise());
            if (!before.isEmpty()) {
                long toCosmetic = verdicts.stream().filter(v -> Boolean.TRUE.equals(before.get(v.pair())) && !v.substantive()).count();
                long toSubstantive = verdicts.stream().filter(v -> Boolean.FALSE.equals(before.get(v.pair())) && v.substantive()).count();
                var old = dev.clausewatch.change.LabelledChanges.score(verdicts.stream().filter(v -> before.containsKey(v.pair()))
                        .map(v -> new dev.clausewatch.change.LabelledChanges.Verdict(v.pair(), v.document(), v.label(), before.get(v.pair()), 0, List.of())).toList());
                out.printf(Locale.ROOT, "baseline (%s): precision %.3f, recall %.3f, cosmetic quiet %.3f, noise quiet %.3f; since then %d pairs moved"
                                + " from substantive to cosmetic, %d from cosmetic to substantive%n", baseline.getFileName(), old.precision(), old.recall(),
                        old.cosmeticQuietRate(), old.noiseQuietRate(), toCosmetic, toSubstantive);
            }
            out.println();
            out.println("The 20 smallest changes still called substantive (words changed, label, what the classifier says):");
            for (var v : dev.clausewatch.change.LabelledChanges.smallestSubstantive(verdicts, 20)) {
                out.printf(Locale.ROOT, "  %4d  %-11s %s%n        %s%n", v.changedWords(), v.label().name().toLowerCase(Locale.ROOT), v.pair(),
                        String.join(" | ", v.explanations()));
            }
            out.flush();
            return 0;
        }

        private static String ratio(int part, int whole) {
            return whole == 0 ? "–" : String.format(Locale.ROOT, "%.3f", (double) part / whole);
        }
    }

    @Command(name = "extraction", description = {"Extracts every snapshot of a folder in the layout of ota-snapshots with its declaration,",
            "and compares the text with OTA's own extraction (word-level similarity, 1.0 = same words in the same order)."})
    static final class Extraction implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "SNAPSHOTS_DIR") Path snapshots;

        @Option(names = "--expected", paramLabel = "DIR", description = "OTA's Markdown (default: the sibling ota-snapshots-expected).")
        Path expected;

        @Option(names = "--json", description = "Print every row as JSON.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            Path expectedRoot = expected != null ? expected : snapshots.toAbsolutePath().getParent().resolve("ota-snapshots-expected");
            SnapshotCorpus corpus = SnapshotCorpus.read(snapshots);
            Extractor extractor = new Extractor();
            List<Map<String, Object>> rows = new ArrayList<>();
            double sum = 0;
            int compared = 0;
            Progress progress = Progress.start(spec.commandLine().getErr(), "Evaluating", "snapshots");
            for (SnapshotCorpus.Entry entry : corpus.entries()) {
                progress.at(rows.size(), corpus.entries().size());
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("snapshot", entry.path());
                row.put("otaOk", entry.otaOk());
                Path reference = expectedRoot.resolve(entry.path().replaceAll("\\.html$", ".md"));
                String ours = null;
                if (entry.source().isEmpty()) {
                    row.put("result", "NO_DECLARATION");
                } else try {
                    ours = extractor.extract(corpus.bytes(entry), "text/html", entry.location(), entry.source().get());
                    row.put("result", "ok");
                } catch (ExtractionException e) {
                    row.put("result", e.kind().name());
                    row.put("detail", e.getMessage());
                }
                if (Files.exists(reference)) {
                    double similarity = ours == null ? 0.0 : TextSimilarity.of(ours, Files.readString(reference));
                    row.put("similarity", Math.round(similarity * 10000) / 10000.0);
                    sum += similarity;
                    compared++;
                }
                rows.add(row);
            }
            progress.close();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.json(out, Map.of("rows", rows, "compared", compared, "meanSimilarity", compared == 0 ? 0 : sum / compared));
                return 0;
            }
            List<List<String>> table = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                table.add(List.of(row.get("snapshot").toString(), row.get("result").toString(),
                        row.containsKey("similarity") ? String.format(Locale.ROOT, "%.4f", (Double) row.get("similarity")) : "-",
                        ((Boolean) row.get("otaOk")) ? "ok" : "failed"));
            }
            Output.table(out, List.of("SNAPSHOT", "OURS", "SIMILARITY TO OTA", "OTA"), table);
            long extracted = rows.stream().filter(r -> r.get("result").equals("ok")).count();
            out.printf(Locale.ROOT, "%d snapshots, %d extracted; compared with OTA on %d: mean similarity %.4f, %d below 0.95%n",
                    rows.size(), extracted, compared, compared == 0 ? 0 : sum / compared,
                    rows.stream().filter(r -> r.containsKey("similarity") && (Double) r.get("similarity") < 0.95).count());
            out.flush();
            return 0;
        }
    }
}
