package dev.clausewatch.analysis;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The learned topic classifier: one L2-regularised logistic regression per topic (LIBLINEAR's
 * trust-region Newton solver, deterministic) over a paragraph's hashed words and the mean of its
 * sentences' embeddings, with each topic's threshold chosen for precision by cross-validation
 * inside the training data, by document: a wrong topic brings wrong regulations and wrong alerts,
 * so a topic is said only where paragraphs of documents the model had not seen showed it right
 * {@link #PRECISION} of the time. The knowledge's cues are evidence, not deciders: a paragraph
 * that contains a topic's cues has that topic's own threshold, learned the same way.
 */
public record TopicModel(List<String> topics, float[] idf, float embeddingScale, Map<String, Weights> weights,
                         Map<String, Float> thresholds, Map<String, Float> cuedThresholds, Calibration calibration,
                         List<Exemplar> exemplars, String trainedOn) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESOURCE = "/analysis/topic-model.json.gz";

    /** The labelled paragraphs have at least this many words: below it the thresholds were never tested. */
    public static final int SHORTEST_TRAINED = 25;
    /** The precision each topic's threshold is chosen to reach on held-out documents. */
    static final double PRECISION = 0.9;
    private static final int INNER_FOLDS = 4;
    /** A threshold no probability reaches: the topic is never said. */
    private static final float NEVER = 1.01f;
    /**
     * The regularisations tried, chosen by the inner cross-validation: LIBLINEAR's C, and how much
     * the embedding weighs beside the words (smaller is more strongly regularised).
     */
    static final List<Regularisation> CANDIDATES = List.of(new Regularisation(16, 0.5f), new Regularisation(64, 0.5f),
            new Regularisation(256, 0.5f), new Regularisation(64, 1f));

    record Regularisation(double c, float embeddingScale) {}

    /** A labelled paragraph with the mean of its sentences' embeddings and the topics whose cues it contains. */
    public record Example(String document, String text, float[] embedding, Set<String> topics, Set<String> cued) {}

    /**
     * One topic's weights, stored as bytes (each array scaled so its largest weight is 127): the
     * shipped model stays small, and training quantises the same way, so what is evaluated is what
     * ships.
     */
    public record Weights(byte[] words, float wordStep, byte[] embedding, float embeddingStep, float bias) {
        static Weights quantised(double[] words, double[] embedding, double bias) {
            float wordStep = step(words), embeddingStep = step(embedding);
            return new Weights(bytes(words, wordStep), wordStep, bytes(embedding, embeddingStep), embeddingStep, (float) bias);
        }

        double score(ClauseFeatures.Sparse text, float[] paragraph, float scale) {
            double z = bias, words = 0, meaning = 0;
            for (int i = 0; i < text.index().length; i++) words += this.words[text.index()[i]] * text.value()[i];
            for (int d = 0; d < paragraph.length; d++) meaning += embedding[d] * paragraph[d];
            return z + words * wordStep + meaning * embeddingStep * scale;
        }

        private static float step(double[] values) {
            double max = 0;
            for (double v : values) max = Math.max(max, Math.abs(v));
            return max == 0 ? 1 : (float) (max / 127);
        }

        private static byte[] bytes(double[] values, float step) {
            byte[] b = new byte[values.length];
            for (int i = 0; i < values.length; i++) b[i] = (byte) Math.round(values[i] / step);
            return b;
        }
    }

    public static TopicModel train(List<String> topics, List<Example> examples, String trainedOn) {
        Thresholds best = null;
        double[][] bestHeldOut = null;
        for (Regularisation candidate : CANDIDATES) {
            double[][] heldOut = outOfFold(topics, examples, candidate);
            Thresholds t = Thresholds.choose(topics, examples, heldOut, candidate);
            if (best == null || t.f1() > best.f1()) {
                best = t;
                bestHeldOut = heldOut;
            }
        }
        TopicModel fitted = fit(topics, examples, best.regularisation(), trainedOn);
        return new TopicModel(fitted.topics, fitted.idf, fitted.embeddingScale, fitted.weights, best.plain(), best.cued(),
                Calibration.of(topics, examples, bestHeldOut), Exemplar.of(examples), trainedOn + ", " + best.regularisation());
    }

    /**
     * How often a held-out paragraph scored at a probability had the topic (all topics pooled;
     * separately for paragraphs with and without the topic's cues, whose base rates differ tenfold;
     * isotonic: pool-adjacent-violators), so that a confidence of 0.8 means that eight in ten
     * paragraphs of unseen documents scored like this one were labelled with the topic.
     */
    public record Calibration(Steps plain, Steps cued) {
        static Calibration of(List<String> topics, List<Example> examples, double[][] heldOut) {
            List<double[]> plain = new ArrayList<>(), cued = new ArrayList<>();
            for (int t = 0; t < topics.size(); t++) {
                for (int i = 0; i < examples.size(); i++) {
                    Example e = examples.get(i);
                    (e.cued().contains(topics.get(t)) ? cued : plain).add(new double[] {heldOut[t][i], e.topics().contains(topics.get(t)) ? 1 : 0});
                }
            }
            return new Calibration(Steps.isotonic(plain), Steps.isotonic(cued));
        }

        /** The held-out rate of paragraphs scored like this, with or without the topic's cues. */
        public double confidence(double probability, boolean withCues) {
            return (withCues ? cued : plain).at(probability);
        }
    }

    /** A non-decreasing step function: up to {@code upTo[b]}, the rate {@code rate[b]}. */
    public record Steps(double[] upTo, double[] rate) {
        static Steps isotonic(List<double[]> points) {
            points.sort(java.util.Comparator.comparingDouble(p -> p[0]));
            // Blocks of (highest probability, sum of outcomes, count), merged while a block's rate is not below the one before.
            List<double[]> blocks = new ArrayList<>();
            for (double[] p : points) {
                blocks.add(new double[] {p[0], p[1], 1});
                while (blocks.size() > 1) {
                    double[] last = blocks.getLast(), before = blocks.get(blocks.size() - 2);
                    if (before[1] / before[2] < last[1] / last[2]) break;
                    blocks.removeLast();
                    blocks.set(blocks.size() - 1, new double[] {last[0], before[1] + last[1], before[2] + last[2]});
                }
            }
            double[] upTo = new double[blocks.size()], rate = new double[blocks.size()];
            for (int b = 0; b < blocks.size(); b++) {
                upTo[b] = blocks.get(b)[0];
                rate[b] = blocks.get(b)[1] / blocks.get(b)[2];
            }
            return new Steps(upTo, rate);
        }

        double at(double probability) {
            if (upTo.length == 0) return 0;
            int found = java.util.Arrays.binarySearch(upTo, probability);
            return rate[found >= 0 ? found : Math.min(upTo.length - 1, -found - 1)];
        }
    }

    /** A labelled paragraph kept to show as the nearest example of a topic: where it is from, its opening, its topics, its vector. */
    public record Exemplar(String document, String excerpt, List<String> topics, byte[] vector) {
        private static final int EXCERPT = 160;

        static List<Exemplar> of(List<Example> examples) {
            List<Exemplar> exemplars = new ArrayList<>();
            Set<String> seen = new java.util.HashSet<>();
            for (Example e : examples) {
                if (e.topics().isEmpty() || !seen.add(e.text())) continue; // regional copies once
                String excerpt = e.text().length() <= EXCERPT ? e.text() : e.text().substring(0, e.text().lastIndexOf(' ', EXCERPT)) + " …";
                exemplars.add(new Exemplar(e.document(), excerpt, List.copyOf(new TreeSet<>(e.topics())), bytes(unit(e.embedding()))));
            }
            return exemplars;
        }

        /** A unit vector's components as bytes (×127): cosines to within about 1%. */
        private static byte[] bytes(float[] unit) {
            byte[] b = new byte[unit.length];
            for (int d = 0; d < unit.length; d++) b[d] = (byte) Math.round(unit[d] * 127);
            return b;
        }
    }

    /** The labelled paragraphs with this topic most like a paragraph (cosine of their vectors), most alike first. */
    public List<Map.Entry<Exemplar, Double>> nearest(String topic, float[] embedding, int limit) {
        float[] v = unit(embedding);
        List<Map.Entry<Exemplar, Double>> scored = new ArrayList<>();
        for (Exemplar e : exemplars) {
            if (!e.topics().contains(topic)) continue;
            double cosine = 0;
            for (int d = 0; d < v.length; d++) cosine += v[d] * e.vector()[d] / 127.0;
            scored.add(Map.entry(e, cosine));
        }
        scored.sort(Map.Entry.<Exemplar, Double>comparingByValue().reversed());
        return scored.subList(0, Math.min(limit, scored.size()));
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) norm += x * x;
        float[] u = new float[v.length];
        for (int d = 0; d < v.length; d++) u[d] = norm == 0 ? 0 : (float) (v[d] / Math.sqrt(norm));
        return u;
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                JSON.writeValue(out, this);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the topic model to " + file, e);
        }
    }

    public static TopicModel read(InputStream gzipped) throws IOException {
        try (InputStream in = new GZIPInputStream(gzipped)) {
            return JSON.readValue(in, TopicModel.class);
        }
    }

    /**
     * The topic model shipped with Clausewatch, if one was trained into the build (`clausewatch train
     * --model topics`); read once per process, as it is immutable.
     */
    public static Optional<TopicModel> bundled() {
        return Bundled.MODEL;
    }

    private static final class Bundled {
        static final Optional<TopicModel> MODEL = load();

        private static Optional<TopicModel> load() {
            try (InputStream in = TopicModel.class.getResourceAsStream(RESOURCE)) {
                return in == null ? Optional.empty() : Optional.of(read(in));
            } catch (IOException e) {
                throw new UncheckedIOException("the bundled topic model is unreadable", e);
            }
        }
    }

    /** Each topic's thresholds for one regularisation, and the micro-F1 they gave on the held-out documents. */
    private record Thresholds(Regularisation regularisation, Map<String, Float> plain, Map<String, Float> cued, double f1) {
        static Thresholds choose(List<String> topics, List<Example> examples, double[][] heldOut, Regularisation regularisation) {
            Map<String, Float> plain = new LinkedHashMap<>(), cued = new LinkedHashMap<>();
            int tp = 0, fp = 0, fn = 0;
            for (int t = 0; t < topics.size(); t++) {
                String topic = topics.get(t);
                plain.put(topic, threshold(topic, heldOut[t], examples, false));
                cued.put(topic, threshold(topic, heldOut[t], examples, true));
                for (int i = 0; i < examples.size(); i++) {
                    Example e = examples.get(i);
                    boolean said = heldOut[t][i] >= (e.cued().contains(topic) ? cued : plain).get(topic), actual = e.topics().contains(topic);
                    if (said && actual) tp++;
                    else if (said) fp++;
                    else if (actual) fn++;
                }
            }
            return new Thresholds(regularisation, plain, cued, tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn));
        }
    }

    /** A paragraph's vector as the model reads it, in training and in use alike: the mean of its sentences' embeddings. */
    public static float[] paragraphVector(List<float[]> sentenceEmbeddings) {
        float[] mean = new float[sentenceEmbeddings.getFirst().length];
        for (float[] v : sentenceEmbeddings) for (int d = 0; d < mean.length; d++) mean[d] += v[d] / sentenceEmbeddings.size();
        return mean;
    }

    /** One topic's probability for this text (a paragraph, or one of its sentences with its own embedding). */
    public double probability(String topic, String text, float[] embedding) {
        return sigmoid(weights.get(topic).score(ClauseFeatures.weighted(text, idf), embedding, embeddingScale));
    }

    /** Each topic's probability for this paragraph, in topic order. */
    public Map<String, Double> probabilities(String text, float[] embedding) {
        ClauseFeatures.Sparse words = ClauseFeatures.weighted(text, idf);
        Map<String, Double> p = new LinkedHashMap<>();
        for (String topic : topics) p.put(topic, sigmoid(weights.get(topic).score(words, embedding, embeddingScale)));
        return p;
    }

    /** The topics whose probability reaches their threshold (the cued one where the paragraph has the topic's cues), with that probability. */
    public Map<String, Double> topics(String text, float[] embedding, Set<String> cued) {
        Map<String, Double> said = new LinkedHashMap<>();
        probabilities(text, embedding).forEach((topic, p) -> {
            if (p >= (cued.contains(topic) ? cuedThresholds : thresholds).get(topic)) said.put(topic, p);
        });
        return said;
    }

    private static TopicModel fit(List<String> topics, List<Example> examples, Regularisation regularisation, String trainedOn) {
        float[] idf = ClauseFeatures.idf(examples.stream().map(Example::text).toList());
        Feature[][] x = new Feature[examples.size()][];
        List<ClauseFeatures.Sparse> words = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            ClauseFeatures.Sparse w = ClauseFeatures.weighted(examples.get(i).text(), idf);
            words.add(w);
            x[i] = features(w, examples.get(i).embedding(), regularisation.embeddingScale());
        }
        int dimensions = examples.getFirst().embedding().length;
        Map<String, Weights> weights = new LinkedHashMap<>();
        Linear.disableDebugOutput();
        // Topics are independent and the solver deterministic: fitted side by side, the weights are the same.
        List<Weights> fitted = topics.parallelStream().map(topic -> fitTopic(topic, examples, x, dimensions, regularisation.c())).toList();
        for (int t = 0; t < topics.size(); t++) weights.put(topics.get(t), fitted.get(t));
        return new TopicModel(List.copyOf(topics), idf, regularisation.embeddingScale(), weights, Map.of(), Map.of(), null, List.of(), trainedOn);
    }

    private static Weights fitTopic(String topic, List<Example> examples, Feature[][] x, int dimensions, double c) {
        double[] y = new double[examples.size()];
        int positives = 0;
        for (int i = 0; i < y.length; i++) {
            y[i] = examples.get(i).topics().contains(topic) ? 1 : -1;
            if (y[i] > 0) positives++;
        }
        if (positives == 0) return Weights.quantised(new double[ClauseFeatures.BUCKETS], new double[dimensions], -10);
        Problem problem = new Problem();
        problem.l = y.length;
        problem.n = ClauseFeatures.BUCKETS + dimensions + 1; // the bias is the last feature, as LIBLINEAR's own reader adds it
        problem.x = x;
        problem.y = y;
        problem.bias = 1;
        Parameter parameter = new Parameter(SolverType.L2R_LR, c, 1e-3);
        // Labels are rare: a positive example weighs as much as the negatives per positive (at most 30).
        parameter.setWeights(new double[] {Math.min(30, (double) (y.length - positives) / positives)}, new int[] {1});
        Model model = Linear.train(problem, parameter);
        double[] w = model.getFeatureWeights();
        double sign = model.getLabels()[0] == 1 ? 1 : -1; // LIBLINEAR's weights are for its first label
        double[] words = new double[ClauseFeatures.BUCKETS], embedding = new double[dimensions];
        for (int j = 0; j < words.length; j++) words[j] = sign * w[j];
        for (int d = 0; d < dimensions; d++) embedding[d] = sign * w[ClauseFeatures.BUCKETS + d];
        return Weights.quantised(words, embedding, sign * w[ClauseFeatures.BUCKETS + dimensions]);
    }

    private static Feature[] features(ClauseFeatures.Sparse words, float[] embedding, float scale) {
        Feature[] f = new Feature[words.index().length + embedding.length + 1];
        for (int k = 0; k < words.index().length; k++) f[k] = new FeatureNode(words.index()[k] + 1, words.value()[k]);
        for (int d = 0; d < embedding.length; d++) f[words.index().length + d] = new FeatureNode(ClauseFeatures.BUCKETS + d + 1, embedding[d] * scale);
        f[f.length - 1] = new FeatureNode(ClauseFeatures.BUCKETS + embedding.length + 1, 1);
        return f;
    }

    /** Each example's probability of each topic from a model trained without its document. */
    private static double[][] outOfFold(List<String> topics, List<Example> examples, Regularisation regularisation) {
        List<String> documents = new ArrayList<>(new TreeSet<>(examples.stream().map(Example::document).toList()));
        double[][] probabilities = new double[topics.size()][examples.size()];
        for (int fold = 0; fold < INNER_FOLDS; fold++) {
            Set<String> test = new TreeSet<>();
            for (int i = 0; i < documents.size(); i++) if (i % INNER_FOLDS == fold) test.add(documents.get(i));
            List<Example> training = examples.stream().filter(e -> !test.contains(e.document())).toList();
            if (training.isEmpty()) continue;
            TopicModel model = fit(topics, training, regularisation, "inner fold " + fold);
            for (int i = 0; i < examples.size(); i++) {
                if (!test.contains(examples.get(i).document())) continue;
                Map<String, Double> p = model.probabilities(examples.get(i).text(), examples.get(i).embedding());
                for (int t = 0; t < topics.size(); t++) probabilities[t][i] = p.get(topics.get(t));
            }
        }
        return probabilities;
    }

    /**
     * The lowest threshold at which the held-out paragraphs (those with the topic's cues, or those
     * without) said to have the topic have it at least {@link #PRECISION} of the time (with at
     * least two right), so that recall is as high as that precision allows.
     */
    private static float threshold(String topic, double[] probabilities, List<Example> examples, boolean cued) {
        for (int step = 1; step < 100; step++) {
            double t = step / 100.0;
            int tp = 0, fp = 0;
            for (int i = 0; i < probabilities.length; i++) {
                if (probabilities[i] < t || examples.get(i).cued().contains(topic) != cued) continue;
                if (examples.get(i).topics().contains(topic)) tp++;
                else fp++;
            }
            if (tp >= 2 && tp >= PRECISION * (tp + fp)) return (float) t;
        }
        return NEVER;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
