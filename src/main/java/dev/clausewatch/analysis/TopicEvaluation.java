package dev.clausewatch.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Scores topic classifiers on provisions labelled with the 40 topics, paragraph by paragraph:
 * micro precision, recall and F1 over every (paragraph, topic) decision, macro-F1 over the topics
 * the data has, and each topic's own figures. The learned model is cross-validated by document
 * (regional copies repeat text inside a document, so a split by paragraph would test on training text).
 */
public final class TopicEvaluation {
    /** A labelled paragraph of a document. */
    public record Labelled(String document, String text, Set<String> topics) {}

    public record TopicScore(String topic, int support, int predicted, double precision, double recall, double f1) {}

    public record Result(String classifier, int paragraphs, int documents, double microPrecision, double microRecall, double microF1,
                         double macroF1, List<TopicScore> topics) {}

    private TopicEvaluation() {}

    /** Any classifier that decides a paragraph's topics with nothing learned from this data (the knowledge cues). */
    public static Result fixed(String name, List<String> topics, List<Labelled> data, Function<String, Set<String>> classify) {
        List<Set<String>> predictions = new ArrayList<>();
        for (Labelled l : data) predictions.add(classify.apply(l.text()));
        return score(name, topics, data, predictions);
    }

    /**
     * The learned classifier, trained on the other documents' paragraphs for each fold's documents
     * (documents dealt to {@code folds} folds in name order).
     */
    public static Result crossValidate(String name, List<String> topics, List<Labelled> data,
                                       Function<List<Labelled>, Function<String, Set<String>>> train,
                                       int folds) {
        List<String> documents = new ArrayList<>(new TreeSet<>(data.stream().map(Labelled::document).toList()));
        Map<Integer, Set<String>> predicted = new LinkedHashMap<>();
        for (int fold = 0; fold < folds; fold++) {
            Set<String> test = new TreeSet<>();
            for (int i = 0; i < documents.size(); i++) if (i % folds == fold) test.add(documents.get(i));
            List<Labelled> training = data.stream().filter(l -> !test.contains(l.document())).toList();
            Function<String, Set<String>> model = train.apply(training);
            for (int i = 0; i < data.size(); i++) {
                if (test.contains(data.get(i).document())) predicted.put(i, model.apply(data.get(i).text()));
            }
        }
        List<Set<String>> predictions = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) predictions.add(predicted.get(i));
        return score(name, topics, data, predictions);
    }

    static Result score(String name, List<String> topics, List<Labelled> data, List<Set<String>> predictions) {
        List<TopicScore> scores = new ArrayList<>();
        int tpAll = 0, fpAll = 0, fnAll = 0;
        for (String topic : topics) {
            int tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < data.size(); i++) {
                boolean actual = data.get(i).topics().contains(topic), said = predictions.get(i).contains(topic);
                if (actual && said) tp++;
                else if (said) fp++;
                else if (actual) fn++;
            }
            tpAll += tp;
            fpAll += fp;
            fnAll += fn;
            scores.add(new TopicScore(topic, tp + fn, tp + fp, ratio(tp, tp + fp), ratio(tp, tp + fn), f1(tp, fp, fn)));
        }
        double macro = scores.stream().filter(s -> s.support() > 0).mapToDouble(TopicScore::f1).average().orElse(0);
        int documents = (int) data.stream().map(Labelled::document).distinct().count();
        return new Result(name, data.size(), documents, ratio(tpAll, tpAll + fpAll), ratio(tpAll, tpAll + fnAll), f1(tpAll, fpAll, fnAll), macro, scores);
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }

    private static double f1(int tp, int fp, int fn) {
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }
}
