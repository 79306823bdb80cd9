package dev.clausewatch.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The words a use and a provision share, by stem ("applicants" meets "applicant"), weighed by how
 * rare each is among the provisions read: a word most provisions use ("service", "content") says
 * nothing of whether one applies, so it is never counted.
 */
final class SharedWords {
    private static final Analyzer ENGLISH = new EnglishAnalyzer();
    /** Words of every policy, whatever their frequency in the few documents of one check (stemmed as the texts are). */
    private static final Set<String> GENERIC = Set.copyOf(stems("use uses using service services user users content provide provided including "
            + "terms policy policies person people make other any all may must they we you your our us application information platform "
            + "product products account access can also without within related such only help way time part need agree allow").keySet());
    /** A stem in more than this share of the provisions read is common, if in a few of them at least (a short policy has few provisions). */
    private static final double COMMON_SHARE = 0.08;
    private static final int COMMON_AT_LEAST = 3;

    private final Map<String, Integer> documentFrequency = new HashMap<>();
    private final int provisions;

    SharedWords(Collection<String> texts) {
        for (String text : texts) stems(text).keySet().forEach(stem -> documentFrequency.merge(stem, 1, Integer::sum));
        provisions = Math.max(1, texts.size());
    }

    /** The use's stems with their surface forms, in order, without stop words. */
    static Map<String, String> stems(String text) {
        Map<String, String> stems = new LinkedHashMap<>();
        try (TokenStream tokens = ENGLISH.tokenStream("text", text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                String stem = term.toString();
                if (stem.length() > 1 && !stem.chars().allMatch(Character::isDigit)) {
                    stems.putIfAbsent(stem, text.substring(offset.startOffset(), offset.endOffset()));
                }
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string reader does not fail
        }
        return stems;
    }

    boolean common(String stem) {
        int frequency = documentFrequency.getOrDefault(stem, 0);
        return GENERIC.contains(stem) || frequency >= COMMON_AT_LEAST && frequency > COMMON_SHARE * provisions;
    }

    double idf(String stem) {
        return Math.log((provisions + 1.0) / (documentFrequency.getOrDefault(stem, 0) + 1.0)) + 1;
    }

    /** What the use and a provision share: the rare words as "use word / provision word", and their weight in the use's (0 to 1). */
    Overlap overlap(Map<String, String> use, String provisionText) {
        Map<String, String> provision = stems(provisionText);
        double total = 0, shared = 0;
        List<String> words = new ArrayList<>();
        for (var entry : use.entrySet()) {
            if (common(entry.getKey())) continue;
            double weight = idf(entry.getKey());
            total += weight;
            String there = provision.get(entry.getKey());
            if (there != null) {
                shared += weight;
                words.add(entry.getValue().equalsIgnoreCase(there) ? there : entry.getValue() + "/" + there);
            }
        }
        return new Overlap(words, total == 0 ? 0 : shared / total);
    }

    record Overlap(List<String> words, double share) {}
}
