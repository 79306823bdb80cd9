package dev.clausewatch.change;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores the substantive flag against pairs of versions labelled by reading their word diffs:
 * substantive (the positive class), cosmetic or extraction noise. Precision and recall of the flag,
 * how often cosmetic and noise pairs stay quiet, per document and in all.
 */
public final class LabelledChanges {
    /** A label: what a reader decided the pair is. */
    public enum Label { SUBSTANTIVE, COSMETIC, NOISE }

    /** One labelled pair and what the classifier said of it; {@code changedWords} sums the words of its substantive changes. */
    public record Verdict(String pair, String document, Label label, boolean substantive, int changedWords, List<String> explanations) {}

    /** The figures of a set of verdicts. */
    public record Score(int pairs, int truePositives, int falsePositives, int falseNegatives, int cosmetic, int cosmeticQuiet,
                        int noise, int noiseQuiet) {
        public double precision() {
            return truePositives + falsePositives == 0 ? 1.0 : (double) truePositives / (truePositives + falsePositives);
        }

        public double recall() {
            return truePositives + falseNegatives == 0 ? 1.0 : (double) truePositives / (truePositives + falseNegatives);
        }

        public double cosmeticQuietRate() {
            return cosmetic == 0 ? 1.0 : (double) cosmeticQuiet / cosmetic;
        }

        public double noiseQuietRate() {
            return noise == 0 ? 1.0 : (double) noiseQuiet / noise;
        }
    }

    private LabelledChanges() {}

    public static Score score(List<Verdict> verdicts) {
        int tp = 0, fp = 0, fn = 0, cosmetic = 0, cosmeticQuiet = 0, noise = 0, noiseQuiet = 0;
        for (Verdict v : verdicts) {
            boolean positive = v.label() == Label.SUBSTANTIVE;
            if (positive && v.substantive()) tp++;
            if (!positive && v.substantive()) fp++;
            if (positive && !v.substantive()) fn++;
            if (v.label() == Label.COSMETIC) {
                cosmetic++;
                if (!v.substantive()) cosmeticQuiet++;
            }
            if (v.label() == Label.NOISE) {
                noise++;
                if (!v.substantive()) noiseQuiet++;
            }
        }
        return new Score(verdicts.size(), tp, fp, fn, cosmetic, cosmeticQuiet, noise, noiseQuiet);
    }

    /** The score of each document's pairs, documents in the order they first appear. */
    public static Map<String, Score> byDocument(List<Verdict> verdicts) {
        Map<String, List<Verdict>> grouped = new LinkedHashMap<>();
        verdicts.forEach(v -> grouped.computeIfAbsent(v.document(), d -> new ArrayList<>()).add(v));
        Map<String, Score> scores = new LinkedHashMap<>();
        grouped.forEach((document, list) -> scores.put(document, score(list)));
        return scores;
    }

    /** The pairs called substantive whose substantive changes are the smallest: where a false alarm hides, if anywhere. */
    public static List<Verdict> smallestSubstantive(List<Verdict> verdicts, int limit) {
        return verdicts.stream().filter(Verdict::substantive).sorted(Comparator.comparingInt(Verdict::changedWords)).limit(limit).toList();
    }
}
