package dev.clausewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.analysis.ClauseEvaluation;
import dev.clausewatch.analysis.ClauseModel;
import dev.clausewatch.analysis.SentenceEmbeddings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import static dev.clausewatch.cli.ClauseCommands.*;

/** Evaluations of the clause model and the knowledge cues on CLAUDETTE, OPP-115 and ToS;DR (`evaluate claudette|cues|opp115|tosdr`). */
final class ClauseEvaluations {
    private ClauseEvaluations() {}

    @Command(name = "claudette", description = {"Scores the shipped clause model on a folder in the layout of shared/data/claudette",
            "(English sentences), or with --cross-validate trains and tests within it, split by document."})
    static final class Evaluate implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "DIR") Path folder;

        @Option(names = "--task", defaultValue = "unfair", description = "unfair (unfair_categories, as LexGLUE) or categories (topic presence).")
        String task;

        @Option(names = "--cross-validate") boolean crossValidate;

        @Option(names = "--folds", defaultValue = "5") int folds;

        @Option(names = "--with-tosdr", paramLabel = "DIR", description = "Also train every fold on ToS;DR quotes mapped to CLAUDETTE categories.")
        Path tosdr;

        @Option(names = "--json") boolean json;

        @Override
        public Integer call() throws IOException {
            var data = claudette(folder, task);
            var embeddings = new SentenceEmbeddings();
            ClauseEvaluation.Result result = crossValidate
                    ? ClauseEvaluation.crossValidate(task, CLAUDETTE, data, tosdr == null ? List.of() : tosdr(tosdr), embeddings, folds, SEED)
                    : ClauseEvaluation.evaluate(task, ClauseModel.bundled().orElseThrow(() -> new IllegalStateException(
                            "no clause model is shipped in this build: run `clausewatch train --data ../shared/data`")), data, embeddings);
            if (json) Output.json(spec.commandLine().getOut(), result);
            else print(spec.commandLine().getOut(), result);
            return 0;
        }
    }

    @Command(name = "cues", description = {"Scores the knowledge cues alone (the explainable topic rules, without the clause model) on a",
            "folder in the layout of shared/data/claudette: each sentence's topics mapped to CLAUDETTE categories, precision and recall per category."})
    static final class EvaluateCues implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "DIR") Path folder;

        @Option(names = "--task", defaultValue = "categories", description = "categories (topic presence, default) or unfair (unfair_categories).")
        String task;

        @Option(names = "--json") boolean json;

        @Override
        public Integer call() throws IOException {
            var knowledge = dev.clausewatch.knowledge.Knowledge.bundled();
            var result = ClauseEvaluation.cues("cues/" + task, CLAUDETTE, claudette(folder, task), new dev.clausewatch.analysis.TopicClassifier(knowledge), knowledge);
            if (json) Output.json(spec.commandLine().getOut(), result);
            else print(spec.commandLine().getOut(), result);
            return 0;
        }
    }

    @Command(name = "opp115", description = {"Trains and tests within a folder in the layout of shared/data/opp115 (privacy-policy",
            "segments, 10 data-practice categories), split by policy. Research licence: results only, no model is ever written."})
    static final class EvaluateOpp115 implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "DIR") Path folder;

        @Option(names = "--cross-validate", description = "Required: OPP-115 is never used to train a shipped model.") boolean crossValidate;

        @Option(names = "--folds", defaultValue = "5") int folds;

        @Option(names = "--json") boolean json;

        @Override
        public Integer call() throws IOException {
            if (!crossValidate) {
                throw new IllegalArgumentException("evaluate opp115 needs --cross-validate: the shipped model has no OPP-115 categories, "
                        + "and OPP-115's research licence forbids shipping one trained on it");
            }
            var data = opp115(folder);
            List<String> labels = data.stream().flatMap(d -> d.labels().stream()).distinct().sorted().toList();
            var result = ClauseEvaluation.crossValidate("opp115 majority categories", labels, data, new SentenceEmbeddings(), folds, SEED);
            if (json) Output.json(spec.commandLine().getOut(), result);
            else print(spec.commandLine().getOut(), result);
            return 0;
        }
    }

    @Command(name = "tosdr", description = {"Scores the shipped model (trained on CLAUDETTE only) on ToS;DR quotes whose case maps to a",
            "CLAUDETTE category: an out-of-corpus test. With --cross-validate, trains and tests within ToS;DR, split by service."})
    static final class EvaluateTosdr implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "DIR") Path folder;

        @Option(names = "--cross-validate") boolean crossValidate;

        @Option(names = "--folds", defaultValue = "5") int folds;

        @Option(names = "--json") boolean json;

        @Override
        public Integer call() throws IOException {
            var data = tosdr(folder);
            List<String> labels = CASE_CATEGORIES.stream().map(java.util.Map.Entry::getKey).toList();
            var embeddings = new SentenceEmbeddings();
            ClauseEvaluation.Result result;
            if (crossValidate) {
                result = ClauseEvaluation.crossValidate("tosdr (cases mapped to CLAUDETTE)", labels, data, embeddings, folds, SEED);
            } else {
                ClauseModel shipped = ClauseModel.bundled().orElseThrow(() -> new IllegalStateException("no clause model is shipped in this build"));
                // The shipped model also knows pinc, which no ToS;DR case maps to: score the eight shared categories.
                ClauseModel eight = new ClauseModel(labels, shipped.idf(), shipped.weights(), shipped.bias(), shipped.thresholds(), shipped.trainedOn());
                result = ClauseEvaluation.evaluate("tosdr (cases mapped to CLAUDETTE), shipped model", eight, data, embeddings);
            }
            if (json) Output.json(spec.commandLine().getOut(), result);
            else print(spec.commandLine().getOut(), result);
            return 0;
        }
    }

    /**
     * ToS;DR quotes labelled with the CLAUDETTE category their case corresponds to (our mapping of case
     * wording, below); quotes of other cases are negatives for every category.
     */
    static List<ClauseEvaluation.Labelled> tosdr(Path folder) throws IOException {
        Path file = folder.resolve("points.jsonl");
        if (!Files.exists(file)) throw new IllegalArgumentException(folder + " has no points.jsonl (the ToS;DR layout)");
        ObjectMapper json = new ObjectMapper();
        List<ClauseEvaluation.Labelled> data = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) continue;
            JsonNode n = json.readTree(line);
            if (n.get("quote_text").isNull() || n.get("quote_text").asText().isBlank()) continue;
            data.add(new ClauseEvaluation.Labelled(n.get("service").asText(), n.get("quote_text").asText(), casesToClaudette(n.get("case").asText())));
        }
        return data;
    }

    private static final List<java.util.Map.Entry<String, java.util.regex.Pattern>> CASE_CATEGORIES = List.of(
            java.util.Map.entry("a", java.util.regex.Pattern.compile("arbitration", java.util.regex.Pattern.CASE_INSENSITIVE)),
            java.util.Map.entry("ch", java.util.regex.Pattern.compile("terms may be changed|change (its|the) terms|revisit the terms", java.util.regex.Pattern.CASE_INSENSITIVE)),
            java.util.Map.entry("cr", java.util.regex.Pattern.compile("(can|may) (delete|remove) (specific )?content", java.util.regex.Pattern.CASE_INSENSITIVE)),
            java.util.Map.entry("j", java.util.regex.Pattern.compile("court of law|jurisdiction", java.util.regex.Pattern.CASE_INSENSITIVE)),
            java.util.Map.entry("law", java.util.regex.Pattern.compile("governed by|governing law|law of", java.util.regex.Pattern.CASE_INSENSITIVE)),
            java.util.Map.entry("ltd", java.util.regex.Pattern.compile("liability|as is|no warranty|not (be )?liable", java.util.regex.Pattern.CASE_INSENSITIVE)),
            java.util.Map.entry("ter", java.util.regex.Pattern.compile("delete your account|terminate|suspend|stop providing", java.util.regex.Pattern.CASE_INSENSITIVE)),
            java.util.Map.entry("use", java.util.regex.Pattern.compile("by using|deemed to (have )?accept", java.util.regex.Pattern.CASE_INSENSITIVE)));

    static Set<String> casesToClaudette(String caseText) {
        Set<String> labels = new LinkedHashSet<>();
        for (var e : CASE_CATEGORIES) if (e.getValue().matcher(caseText).find()) labels.add(e.getKey());
        return labels;
    }

    static void print(PrintWriter out, ClauseEvaluation.Result r) {
        Output.table(out, List.of("LABEL", "SUPPORT", "PRECISION", "RECALL", "F1"), r.labels().stream().map(s -> List.of(s.label(),
                "" + s.support(), fmt(s.precision()), fmt(s.recall()), fmt(s.f1()))).toList());
        out.printf(Locale.ROOT, "task %s: %d sentences of %d documents, macro-F1 %.4f%n", r.task(), r.sentences(), r.documents(), r.macroF1());
        out.flush();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
