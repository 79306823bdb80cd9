package dev.clausewatch.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A linear model over a sentence's hashed TF-IDF words and its embedding: one logistic regression
 * per label (one-vs-rest), trained by stochastic gradient descent with L2 regularisation and
 * positive-class weighting (labels are rare), in an order shuffled from a fixed seed, so training
 * twice on the same data gives the same weights. Each label's decision threshold is the one that
 * maximised F1 on its training data.
 */
public record ClauseModel(List<String> labels, float[] idf, Map<String, float[]> weights, Map<String, Float> bias,
                          Map<String, Float> thresholds, String trainedOn) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EPOCHS = 20;
    private static final double LEARNING_RATE = 0.3, L2 = 1e-6;

    /** One training example: the sentence, its embedding and its labels. */
    public record Example(String text, float[] embedding, Set<String> labels) {}

    private record Features(ClauseFeatures.Sparse words, float[] embedding) {}

    public static ClauseModel train(List<String> labels, List<Example> examples, String trainedOn, long seed) {
        float[] idf = ClauseFeatures.idf(examples.stream().map(Example::text).toList());
        List<Features> features = examples.stream().map(e -> new Features(ClauseFeatures.weighted(e.text(), idf), e.embedding())).toList();
        Map<String, float[]> weights = new LinkedHashMap<>();
        Map<String, Float> bias = new LinkedHashMap<>(), thresholds = new LinkedHashMap<>();
        for (String label : labels) {
            int dims = ClauseFeatures.BUCKETS + examples.getFirst().embedding().length;
            double[] w = new double[dims];
            double b = 0;
            long positives = examples.stream().filter(e -> e.labels().contains(label)).count();
            double positiveWeight = positives == 0 ? 1 : Math.min(30, (double) (examples.size() - positives) / positives);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) order.add(i);
            Random random = new Random(seed);
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                Collections.shuffle(order, random);
                double rate = LEARNING_RATE / (1 + epoch);
                for (int i : order) {
                    Features f = features.get(i);
                    double y = examples.get(i).labels().contains(label) ? 1 : 0;
                    double g = (sigmoid(score(w, b, f)) - y) * (y == 1 ? positiveWeight : 1);
                    int[] index = f.words().index();
                    float[] value = f.words().value();
                    for (int k = 0; k < index.length; k++) w[index[k]] -= rate * (g * value[k] + L2 * w[index[k]]);
                    for (int d = 0; d < f.embedding().length; d++) {
                        int j = ClauseFeatures.BUCKETS + d;
                        w[j] -= rate * (g * f.embedding()[d] + L2 * w[j]);
                    }
                    b -= rate * g;
                }
            }
            float[] fw = new float[dims];
            for (int d = 0; d < dims; d++) fw[d] = (float) w[d];
            weights.put(label, fw);
            bias.put(label, (float) b);
            double[] probabilities = new double[features.size()];
            for (int i = 0; i < features.size(); i++) probabilities[i] = sigmoid(score(w, b, features.get(i)));
            thresholds.put(label, (float) Math.min(0.5, bestThreshold(label, probabilities, examples)));
        }
        return new ClauseModel(List.copyOf(labels), idf, weights, bias, thresholds, trainedOn);
    }

    public double probability(String label, String text, float[] embedding) {
        return probability(label, ClauseFeatures.weighted(text, idf), embedding);
    }

    /** The labels whose probability reaches their threshold, with that probability, in label order. */
    public Map<String, Double> predictions(String text, float[] embedding) {
        // The words are hashed and weighted once for all labels: they are most of the cost.
        ClauseFeatures.Sparse words = ClauseFeatures.weighted(text, idf);
        Map<String, Double> predicted = new LinkedHashMap<>();
        for (String label : labels) {
            double p = probability(label, words, embedding);
            if (p >= thresholds.get(label)) predicted.put(label, p);
        }
        return predicted;
    }

    public List<String> predict(String text, float[] embedding) {
        return List.copyOf(predictions(text, embedding).keySet());
    }

    private double probability(String label, ClauseFeatures.Sparse words, float[] embedding) {
        float[] w = weights.get(label);
        double z = bias.get(label);
        for (int k = 0; k < words.index().length; k++) z += w[words.index()[k]] * words.value()[k];
        for (int d = 0; d < embedding.length; d++) z += w[ClauseFeatures.BUCKETS + d] * embedding[d];
        return sigmoid(z);
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model to " + file, e);
        }
    }

    public static ClauseModel read(InputStream in) throws IOException {
        return JSON.readValue(in, ClauseModel.class);
    }

    /** The model shipped with Clausewatch, if one was trained into the build. */
    public static Optional<ClauseModel> bundled() {
        try (InputStream in = ClauseModel.class.getResourceAsStream("/analysis/clause-model.json")) {
            return in == null ? Optional.empty() : Optional.of(read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled clause model is unreadable", e);
        }
    }

    private static double score(double[] w, double b, Features f) {
        double z = b;
        int[] index = f.words().index();
        float[] value = f.words().value();
        for (int k = 0; k < index.length; k++) z += w[index[k]] * value[k];
        for (int d = 0; d < f.embedding().length; d++) z += w[ClauseFeatures.BUCKETS + d] * f.embedding()[d];
        return z;
    }

    private static double bestThreshold(String label, double[] probabilities, List<Example> examples) {
        double best = 0.5, bestF1 = -1;
        for (double t = 0.05; t < 0.99; t += 0.05) {
            int tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < probabilities.length; i++) {
                boolean predicted = probabilities[i] >= t, actual = examples.get(i).labels().contains(label);
                if (predicted && actual) tp++;
                else if (predicted) fp++;
                else if (actual) fn++;
            }
            double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
            if (f1 > bestF1) {
                bestF1 = f1;
                best = t;
            }
        }
        return best;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
