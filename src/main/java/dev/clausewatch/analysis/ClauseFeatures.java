package dev.clausewatch.analysis;

import dev.clausewatch.provision.Texts;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lexical features of a sentence: word unigrams and bigrams, hashed into a fixed number of
 * buckets, weighted by (1 + log tf) × idf and scaled to unit length. Together with the sentence
 * embedding they are what the clause model reads: the embedding carries meaning, the words carry
 * the legal formulas ("sole discretion", "binding arbitration") that decide many labels.
 */
public final class ClauseFeatures {
    public static final int BUCKETS = 1 << 14;

    /** A sparse vector: bucket indexes (ascending) and their values. */
    public record Sparse(int[] index, float[] value) {}

    private ClauseFeatures() {}

    /** Raw term frequencies per bucket. */
    static Map<Integer, Integer> counts(String text) {
        List<String> words = Texts.words(text.toLowerCase(Locale.ROOT));
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int i = 0; i < words.size(); i++) {
            counts.merge(bucket(words.get(i)), 1, Integer::sum);
            if (i + 1 < words.size()) counts.merge(bucket(words.get(i) + " " + words.get(i + 1)), 1, Integer::sum);
        }
        return counts;
    }

    static Sparse weighted(String text, float[] idf) {
        Map<Integer, Integer> counts = counts(text);
        int[] index = new int[counts.size()];
        float[] value = new float[counts.size()];
        double norm = 0;
        int k = 0;
        for (var e : counts.entrySet()) {
            index[k] = e.getKey();
            value[k] = (float) ((1 + Math.log(e.getValue())) * idf[e.getKey()]);
            norm += value[k] * value[k];
            k++;
        }
        double length = Math.sqrt(norm);
        if (length > 0) for (int i = 0; i < value.length; i++) value[i] /= (float) length;
        return new Sparse(index, value);
    }

    static float[] idf(List<String> texts) {
        int[] df = new int[BUCKETS];
        for (String t : texts) for (int b : counts(t).keySet()) df[b]++;
        float[] idf = new float[BUCKETS];
        for (int b = 0; b < BUCKETS; b++) idf[b] = (float) (Math.log((texts.size() + 1.0) / (df[b] + 1.0)) + 1);
        return idf;
    }

    private static int bucket(String term) {
        int h = term.hashCode() * 0x9E3779B1;
        return (h ^ (h >>> 15)) & (BUCKETS - 1);
    }
}
