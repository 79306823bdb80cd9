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
        if (!task.equals("unfair") && !task.equals("categories")) throw new IllegalArgumentException("--task must be unfair or categories, not " + task);
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

    /** OPP-115 segments with their majority data-practice categories (research licence: evaluation only, never shipped). */
    static List<ClauseEvaluation.Labelled> opp115(Path folder) throws IOException {
        Path file = folder.resolve("segments.jsonl");
        if (!Files.exists(file)) throw new IllegalArgumentException(folder + " has no segments.jsonl (the OPP-115 layout)");
        ObjectMapper json = new ObjectMapper();
        List<ClauseEvaluation.Labelled> data = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) continue;
            JsonNode n = json.readTree(line);
            Set<String> labels = new LinkedHashSet<>();
            n.get("labels_majority").forEach(l -> labels.add(l.asText()));
            data.add(new ClauseEvaluation.Labelled(n.get("policy_id").asText(), n.get("text").asText(), labels));
        }
        return data;
    }

    @Command(name = "train", description = {"Trains a shipped model and writes it where the build ships it: the clause model (CLAUDETTE",
            "categories over sentence embeddings, fixed seed) from DIR/claudette, or with --model topics the topic model",
            "from DIR/topic-labels. OPP-115 is never used (research licence)."})
    static final class Train implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--data", required = true, paramLabel = "DIR", description = "The shared data folder (holding claudette/ and topic-labels/).") Path data;

        @Option(names = "--model", defaultValue = "clauses", paramLabel = "clauses|topics", description = "Which model (default clauses).") String model;

        @Option(names = "--output", paramLabel = "FILE", description = {"Default: src/main/resources/analysis/clause-model.json, or topic-model.json.gz,",
                "in the Clausewatch home."})
        Path output;

        @Override
        public Integer call() throws IOException {
            String home = System.getenv("CLAUSEWATCH_HOME");
            Path resources = Path.of(home == null ? "." : home).resolve("src/main/resources/analysis");
            if (model.equals("topics")) {
                Path target = output != null ? output : resources.resolve("topic-model.json.gz");
                int paragraphs = TopicCommands.train(data.resolve("topic-labels"), target);
                spec.commandLine().getOut().println("wrote " + target + " (" + Files.size(target) + " bytes) from " + paragraphs + " labelled paragraphs");
                return 0;
            }
            if (!model.equals("clauses")) throw new IllegalArgumentException("--model " + model + ": expected clauses or topics");
            var sentences = claudette(data.resolve("claudette"), "categories");
            var embeddings = new SentenceEmbeddings();
            List<float[]> vectors = embeddings.embedAll(sentences.stream().map(ClauseEvaluation.Labelled::text).toList());
            List<ClauseModel.Example> examples = new ArrayList<>();
            for (int i = 0; i < sentences.size(); i++) examples.add(new ClauseModel.Example(sentences.get(i).text(), vectors.get(i), sentences.get(i).labels()));
            ClauseModel model = ClauseModel.train(CLAUDETTE, examples, "CLAUDETTE English, categories, " + sentences.size()
                    + " sentences (CC BY 4.0), hashed TF-IDF words + all-MiniLM-L6-v2-q, seed " + SEED, SEED);
            Path target = output != null ? output : resources.resolve("clause-model.json");
            model.write(target);
            spec.commandLine().getOut().println("wrote " + target + " (" + Files.size(target) + " bytes) from " + sentences.size() + " sentences");
            return 0;
        }
    }
}
