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

/** Training and evaluating the clause model on CLAUDETTE's labelled sentences. */
final class ClauseCommands {
    static final List<String> CLAUDETTE = List.of("a", "ch", "cr", "j", "law", "ltd", "ter", "use", "pinc");
    static final long SEED = 20261122L;

    private ClauseCommands() {}

    /** English sentences of a folder in the layout of shared/data/claudette, labelled for a task. */
    static List<ClauseEvaluation.Labelled> claudette(Path folder, String task) throws IOException {
        Path file = folder.resolve("sentences_en.jsonl");
        if (!Files.exists(file)) throw new IllegalArgumentException(folder + " has no sentences_en.jsonl (the CLAUDETTE layout)");
        ObjectMapper json = new ObjectMapper();
        List<ClauseEvaluation.Labelled> data = new ArrayList<>();
        String field = task.equals("unfair") ? "unfair_categories" : "categories";
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) continue;
            JsonNode n = json.readTree(line);
            Set<String> labels = new LinkedHashSet<>();
            n.get(field).forEach(l -> labels.add(l.asText()));
            data.add(new ClauseEvaluation.Labelled(n.get("document").asText(), n.get("text").asText(), labels));
        }
        return data;
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

    @Command(name = "claudette", description = {"Scores the shipped clause model on a folder in the layout of shared/data/claudette",
            "(English sentences), or with --cross-validate trains and tests within it, split by document."})
    static final class Evaluate implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "DIR") Path folder;

        @Option(names = "--task", defaultValue = "unfair", description = "unfair (unfair_categories, as LexGLUE) or categories (topic presence).")
        String task;

        @Option(names = "--cross-validate") boolean crossValidate;

        @Option(names = "--folds", defaultValue = "5") int folds;

        @Option(names = "--json") boolean json;

        @Override
        public Integer call() throws IOException {
            if (!task.equals("unfair") && !task.equals("categories")) throw new IllegalArgumentException("--task must be unfair or categories, not " + task);
            var data = claudette(folder, task);
            var embeddings = new SentenceEmbeddings();
            ClauseEvaluation.Result result = crossValidate
                    ? ClauseEvaluation.crossValidate(task, CLAUDETTE, data, embeddings, folds, SEED)
                    : ClauseEvaluation.evaluate(task, ClauseModel.bundled().orElseThrow(() -> new IllegalStateException(
                            "no clause model is shipped in this build: run `clausewatch train --data ../shared/data`")), data, embeddings);
            if (json) Output.json(spec.commandLine().getOut(), result);
            else print(spec.commandLine().getOut(), result);
            return 0;
        }
    }

    @Command(name = "train", description = {"Trains the clause model (CLAUDETTE categories over sentence embeddings, fixed seed) from",
            "DIR/claudette and writes it where the build ships it. OPP-115 is never used (research licence)."})
    static final class Train implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--data", required = true, paramLabel = "DIR", description = "The shared data folder (holding claudette/).") Path data;

        @Option(names = "--output", paramLabel = "FILE", description = "Default: src/main/resources/analysis/clause-model.json in the Clausewatch home.")
        Path output;

        @Override
        public Integer call() throws IOException {
            var sentences = claudette(data.resolve("claudette"), "categories");
            var embeddings = new SentenceEmbeddings();
            List<float[]> vectors = embeddings.embedAll(sentences.stream().map(ClauseEvaluation.Labelled::text).toList());
            List<ClauseModel.Example> examples = new ArrayList<>();
            for (int i = 0; i < sentences.size(); i++) examples.add(new ClauseModel.Example(sentences.get(i).text(), vectors.get(i), sentences.get(i).labels()));
            ClauseModel model = ClauseModel.train(CLAUDETTE, examples, "CLAUDETTE English, categories, " + sentences.size()
                    + " sentences (CC BY 4.0), hashed TF-IDF words + all-MiniLM-L6-v2-q, seed " + SEED, SEED);
            String home = System.getenv("CLAUSEWATCH_HOME");
            Path target = output != null ? output : Path.of(home == null ? "." : home).resolve("src/main/resources/analysis/clause-model.json");
            model.write(target);
            spec.commandLine().getOut().println("wrote " + target + " (" + Files.size(target) + " bytes) from " + sentences.size() + " sentences");
            return 0;
        }
    }
}
