package dev.clausewatch.extract;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How alike two extractions read, ignoring Markdown punctuation, HTML tags and white space: the words (runs of
 * letters and digits) of both, aligned by a diff; 2 × matched ÷ (words in a + words in b).
 * 1.0 means the same words in the same order.
 */
public final class TextSimilarity {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    /** HTML tags left in Markdown (OTA writes line breaks in table cells as {@code <br>}) are markup, not words. */
    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][^<>]*>"); // no "<" inside: else each "<a" of a hostile page scans to its end

    private TextSimilarity() {}

    public static double of(String a, String b) {
        List<String> left = words(a), right = words(b);
        if (left.isEmpty() && right.isEmpty()) return 1.0;
        int unmatched = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(left, right).getDeltas()) unmatched += delta.getSource().size();
        int matched = left.size() - unmatched;
        return 2.0 * matched / (left.size() + right.size());
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(TAG.matcher(text).replaceAll(" "));
        while (m.find()) words.add(m.group());
        return words;
    }
}
