package dev.clausewatch.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scores clause models on labelled sentences: per-label precision, recall and F1, and macro-F1
 * (the mean F1 of the labels present in the data). Cross-validation splits by document, never by sentence, so a
 * model is never tested on sentences of a document it was trained on.
 */
public final class ClauseEvaluation {
    /** A labelled sentence of a document. */
    public record Labelled(String document, String text, Set<String> labels) {}

    public record LabelScore(String label, int support, double precision, double recall, double f1) {}

    public record Result(String task, int sentences, int documents, List<LabelScore> labels, double macroF1) {}

    private ClauseEvaluation() {}

    public static Result crossValidate(String task, List<String> labels, List<Labelled> data, SentenceEmbeddings embeddings, int folds, long seed) {
        return crossValidate(task, labels, data, List.of(), embeddings, folds, seed);
    }

    /** Same, with {@code extra} examples added to every training fold (never tested on). */
    public static Result crossValidate(String task, List<String> labels, List<Labelled> data, List<Labelled> extra, SentenceEmbeddings embeddings,
                                       int folds, long seed) {
        List<float[]> extraVectors = embeddings.embedAll(extra.stream().map(Labelled::text).toList());
        List<String> documents = new ArrayList<>(new TreeSet<>(data.stream().map(Labelled::document).toList()));
        List<float[]> vectors = embeddings.embedAll(data.stream().map(Labelled::text).toList());
        Map<Integer, List<String>> predictions = new LinkedHashMap<>();
        for (int fold = 0; fold < folds; fold++) {
            final int f = fold;
            Set<String> testDocuments = new TreeSet<>();
            for (int i = 0; i < documents.size(); i++) if (i % folds == f) testDocuments.add(documents.get(i));
            List<ClauseModel.Example> training = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                if (!testDocuments.contains(data.get(i).document())) training.add(new ClauseModel.Example(data.get(i).text(), vectors.get(i), data.get(i).labels()));
            }
            for (int i = 0; i < extra.size(); i++) training.add(new ClauseModel.Example(extra.get(i).text(), extraVectors.get(i), extra.get(i).labels()));
            ClauseModel model = ClauseModel.train(labels, training, "fold " + fold, seed);
            for (int i = 0; i < data.size(); i++) {
                if (testDocuments.contains(data.get(i).document())) predictions.put(i, model.predict(data.get(i).text(), vectors.get(i)));
            }
        }
        return score(task, labels, data, predictions, documents.size());
    }

    public static Result evaluate(String task, ClauseModel model, List<Labelled> data, SentenceEmbeddings embeddings) {
        List<float[]> vectors = embeddings.embedAll(data.stream().map(Labelled::text).toList());
        Map<Integer, List<String>> predictions = new LinkedHashMap<>();
        for (int i = 0; i < data.size(); i++) predictions.put(i, model.predict(data.get(i).text(), vectors.get(i)));
        return score(task, model.labels(), data, predictions, (int) data.stream().map(Labelled::document).distinct().count());
    }

    /**
     * The knowledge cues alone (no clause model) on labelled sentences: each sentence's topics are
     * mapped to the CLAUDETTE categories the knowledge data says they correspond to. The cues are
     * rules written from the fact sheet, never fitted to these labels, so this is an out-of-sample
     * measure of their precision and recall.
     */
    public static Result cues(String task, List<String> labels, List<Labelled> data, TopicClassifier cues, dev.clausewatch.knowledge.Knowledge knowledge) {
        Map<Integer, List<String>> predictions = new LinkedHashMap<>();
        for (int i = 0; i < data.size(); i++) {
            predictions.put(i, cues.classify(data.get(i).text()).stream()
                    .flatMap(m -> knowledge.topics().get(m.topicId()).claudette().stream()).distinct().toList());
        }
        return score(task, labels, data, predictions, (int) data.stream().map(Labelled::document).distinct().count());
    }

    private static Result score(String task, List<String> labels, List<Labelled> data, Map<Integer, List<String>> predictions, int documents) {
        List<LabelScore> scores = new ArrayList<>();
        for (String label : labels) {
            int tp = 0, fp = 0, fn = 0, support = 0;
            for (int i = 0; i < data.size(); i++) {
                boolean actual = data.get(i).labels().contains(label), predicted = predictions.get(i).contains(label);
                if (actual) support++;
                if (actual && predicted) tp++;
                else if (predicted) fp++;
                else if (actual) fn++;
            }
            double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp), recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            scores.add(new LabelScore(label, support, precision, recall, f1));
        }
        // Labels absent from the data have no F1 to speak of: they are listed, not averaged.
        double macro = scores.stream().filter(l -> l.support() > 0).mapToDouble(LabelScore::f1).average().orElse(0);
        return new Result(task, data.size(), documents, scores, macro);
    }
}
