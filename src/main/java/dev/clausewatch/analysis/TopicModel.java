package dev.clausewatch.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The learned topic classifier: one logistic regression per topic over a paragraph's hashed words
 * and the mean of its sentences' embeddings ({@link ClauseModel}), with each topic's threshold
 * chosen for precision by cross-validation inside the training data, by document: a wrong topic
 * brings wrong regulations and wrong alerts, so a topic is said only where paragraphs of documents
 * the model had not seen showed it right {@link #PRECISION} of the time.
 */
public record TopicModel(ClauseModel model, Map<String, Float> thresholds) {
    /** The precision each topic's threshold is chosen to reach on held-out documents. */
    static final double PRECISION = 0.9;
    private static final int INNER_FOLDS = 4;
    /** A threshold no probability reaches: the topic is never said. */
    private static final float NEVER = 1.01f;

    /** A labelled paragraph with the mean of its sentences' embeddings. */
    public record Example(String document, String text, float[] embedding, Set<String> topics) {}

    public static TopicModel train(List<String> topics, List<Example> examples, String trainedOn, long seed) {
        double[][] heldOut = outOfFold(topics, examples, seed);
        Map<String, Float> thresholds = new LinkedHashMap<>();
        for (int t = 0; t < topics.size(); t++) thresholds.put(topics.get(t), threshold(topics.get(t), heldOut[t], examples));
        return new TopicModel(ClauseModel.train(topics, clauseExamples(examples), trainedOn, seed), thresholds);
    }

    /** The topics whose probability reaches their threshold, with that probability. */
    public Map<String, Double> topics(String text, float[] embedding) {
        Map<String, Double> topics = new LinkedHashMap<>();
        for (String topic : model.labels()) {
            double p = model.probability(topic, text, embedding);
            if (p >= thresholds.get(topic)) topics.put(topic, p);
        }
        return topics;
    }

    /** Each example's probability of each topic from a model trained without its document. */
    private static double[][] outOfFold(List<String> topics, List<Example> examples, long seed) {
        List<String> documents = new ArrayList<>(new TreeSet<>(examples.stream().map(Example::document).toList()));
        double[][] probabilities = new double[topics.size()][examples.size()];
        for (int fold = 0; fold < INNER_FOLDS; fold++) {
            Set<String> test = new TreeSet<>();
            for (int i = 0; i < documents.size(); i++) if (i % INNER_FOLDS == fold) test.add(documents.get(i));
            List<Example> training = examples.stream().filter(e -> !test.contains(e.document())).toList();
            if (training.isEmpty()) continue;
            ClauseModel model = ClauseModel.train(topics, clauseExamples(training), "inner fold " + fold, seed);
            for (int i = 0; i < examples.size(); i++) {
                if (!test.contains(examples.get(i).document())) continue;
                for (int t = 0; t < topics.size(); t++) probabilities[t][i] = model.probability(topics.get(t), examples.get(i).text(), examples.get(i).embedding());
            }
        }
        return probabilities;
    }

    /**
     * The lowest threshold at which the held-out paragraphs said to have the topic have it at least
     * {@link #PRECISION} of the time (with at least two right), so that recall is as high as that precision allows.
     */
    private static float threshold(String topic, double[] probabilities, List<Example> examples) {
        for (int step = 5; step < 100; step++) {
            double t = step / 100.0;
            int tp = 0, fp = 0;
            for (int i = 0; i < probabilities.length; i++) {
                if (probabilities[i] < t) continue;
                if (examples.get(i).topics().contains(topic)) tp++;
                else fp++;
            }
            if (tp >= 2 && tp >= PRECISION * (tp + fp)) return (float) t;
        }
        return NEVER;
    }

    private static List<ClauseModel.Example> clauseExamples(List<Example> examples) {
        return examples.stream().map(e -> new ClauseModel.Example(e.text(), e.embedding(), e.topics())).toList();
    }
}
