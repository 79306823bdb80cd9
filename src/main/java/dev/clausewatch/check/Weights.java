package dev.clausewatch.check;

import java.util.Arrays;
import java.util.Locale;

/**
 * How the evidence becomes a confidence (a logistic model over the features of {@link Evidence})
 * and where an answer stops: at {@code threshold}, except that a platform with nothing above it
 * still shows its best provision when that reaches {@code fallback} (1 shows none). {@link #FITTED} was fitted on the development half of the labelled
 * use cases (src/test/resources/use-cases, split by case id) with
 * {@code ./clausewatch evaluate checks … --fit}; the evaluation half was never looked at while
 * choosing them (docs/EVALUATION.md).
 */
public record Weights(double[] coefficients, double threshold, double leastMeaning, double fallback) {
    public static final Weights FITTED = new Weights(new double[] {-3.729, 3.174, 0.469, 5.123, 10.713, 0.723}, 0.79, 0.3, 0.60);

    public Weights {
        coefficients = coefficients.clone();
        if (coefficients.length != 6) throw new IllegalArgumentException("six coefficients: constant, meaning, standing, topic, words, binding");
    }

    public double confidence(Evidence e) {
        double[] x = e.features();
        double z = 0;
        for (int i = 0; i < x.length; i++) z += coefficients[i] * x[i];
        return 1 / (1 + Math.exp(-z));
    }

    public boolean applies(Evidence e) {
        return e.connected(this) && confidence(e) >= threshold;
    }

    public Weights withThreshold(double value) {
        return new Weights(coefficients, value, leastMeaning, fallback);
    }

    /** The same with a platform's best provision shown, when none reaches the threshold, from this confidence up. */
    public Weights withFallback(double value) {
        return new Weights(coefficients, threshold, leastMeaning, value);
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "constant %.3f, meaning %.3f, standing %.3f, topic %.3f, words %.3f, binding %.3f; threshold %.2f, least meaning %.2f, fallback %.2f",
                coefficients[0], coefficients[1], coefficients[2], coefficients[3], coefficients[4], coefficients[5], threshold, leastMeaning, fallback);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Weights w && Arrays.equals(coefficients, w.coefficients) && threshold == w.threshold && leastMeaning == w.leastMeaning
                && fallback == w.fallback;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coefficients) * 31 + Double.hashCode(threshold);
    }
}
