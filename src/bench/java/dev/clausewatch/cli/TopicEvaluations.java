package dev.clausewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.analysis.ClauseModel;
import dev.clausewatch.analysis.SentenceEmbeddings;
import dev.clausewatch.analysis.TopicClassifier;
import dev.clausewatch.analysis.TopicEvaluation;
import dev.clausewatch.analysis.TopicMatch;
import dev.clausewatch.analysis.TopicModel;
import dev.clausewatch.knowledge.Knowledge;
import dev.clausewatch.provision.Texts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import static dev.clausewatch.cli.TopicCommands.*;

/** The evaluation of the topic classifiers on the labelled provisions (`evaluate topics`). */
final class TopicEvaluations {
    private TopicEvaluations() {}

    @Command(name = "topics", description = {"Scores topic classifiers on a folder in the layout of shared/data/topic-labels",
            "(provisions.jsonl): the learned classifier cross-validated by document, beside today's classifier",
            "(knowledge cues and the clause model) and the cues alone; micro and macro F1, per-topic precision and recall."})
    static final class Evaluate implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "DIR") Path folder;

        @Option(names = "--folds", defaultValue = "5", description = "Folds of documents (default 5).") int folds;

        @Option(names = "--json") boolean json;

        @Override
        public Integer call() throws IOException {
            List<TopicEvaluation.Labelled> data = labelled(folder);
            Knowledge knowledge = Knowledge.bundled();
            List<String> topics = List.copyOf(knowledge.topics().keySet());
            SentenceEmbeddings embeddings = new SentenceEmbeddings();
            TopicClassifier cues = new TopicClassifier(knowledge);
            Map<String, float[]> vectors = paragraphVectors(data.stream().map(TopicEvaluation.Labelled::text).toList(), embeddings);
            TopicClassifier today = new TopicClassifier(knowledge, ClauseModel.bundled(), embeddings::embed);
            List<TopicEvaluation.Result> results = List.of(
                    TopicEvaluation.crossValidate("learned", topics, data, training -> {
                        TopicModel model = TopicModel.train(topics, examples(training, vectors, cues), "cross-validation");
                        return text -> model.topics(text, vectors.get(text), cues.cues(text).keySet()).keySet();
                    }, folds),
                    TopicEvaluation.fixed("today (cues + clause model)", topics, data, text -> ids(today.classify(text))),
                    TopicEvaluation.fixed("cues alone", topics, data, text -> ids(cues.classify(text))));
            PrintWriter out = spec.commandLine().getOut();
            if (json) Output.json(out, results);
            else print(out, results);
            return 0;
        }
    }

    private static Set<String> ids(List<TopicMatch> matches) {
        return matches.stream().map(TopicMatch::topicId).collect(Collectors.toSet());
    }

    static void print(PrintWriter out, List<TopicEvaluation.Result> results) {
        TopicEvaluation.Result first = results.getFirst();
        List<String> header = new ArrayList<>(List.of("TOPIC", "SUPPORT"));
        for (TopicEvaluation.Result r : results) header.add("P/R " + r.classifier());
        List<List<String>> rows = new ArrayList<>();
        for (int t = 0; t < first.topics().size(); t++) {
            List<String> row = new ArrayList<>(List.of(first.topics().get(t).topic(), "" + first.topics().get(t).support()));
            for (TopicEvaluation.Result r : results) {
                TopicEvaluation.TopicScore s = r.topics().get(t);
                row.add(s.predicted() == 0 ? "–/" + fmt(s.recall()) : fmt(s.precision()) + "/" + fmt(s.recall()));
            }
            rows.add(row);
        }
        Output.table(out, header, rows);
        for (TopicEvaluation.Result r : results) {
            out.printf(Locale.ROOT, "%s: %d paragraphs of %d documents, micro P %.3f R %.3f F1 %.3f, macro-F1 %.3f%n", r.classifier(),
                    r.paragraphs(), r.documents(), r.microPrecision(), r.microRecall(), r.microF1(), r.macroF1());
        }
        out.flush();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
