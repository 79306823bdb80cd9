package dev.clausewatch.provision;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text normalisations shared by identity and change detection. */
public final class Texts {
    /** White space including no-break and narrow spaces, which pages use and \\s alone misses. */
    private static final Pattern SPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F\\u2009\\u200A]+");
    private static final Pattern APOSTROPHES = Pattern.compile("[’‘`´ʼ]");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?");
    /** Sentence ends: . ! ? (and a closing quote) followed by space and a capital, a digit or an opening quote. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][\"”’)]?)\\s+(?=[\"“‘(]?[\\p{Lu}\\d])");
    private static final List<String> ABBREVIATIONS = List.of("e.g.", "i.e.", "etc.", "inc.", "ltd.", "co.", "u.s.", "no.", "art.",
            "sec.", "vs.", "mr.", "ms.", "dr.", "st.", "para.", "cf.", "approx.", "jan.", "feb.", "mar.", "apr.", "aug.", "sept.",
            "sep.", "oct.", "nov.", "dec.", "u.k.", "e.u.");

    private Texts() {}

    public static String collapse(String text) {
        return SPACE.matcher(text).replaceAll(" ").strip();
    }

    /** Words as runs of letters and digits, in order. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) words.add(m.group());
        return words;
    }

    /**
     * The comparison form for "is this the same provision, cosmetically?": ligatures and compatibility
     * forms folded (PGA's "ﬁ"), typographic quotes and dashes unified, lower case, only words kept.
     */
    public static String fingerprint(String text) {
        String folded = APOSTROPHES.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)).replaceAll("'");
        return String.join(" ", words(folded));
    }

    public static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        String collapsed = collapse(text);
        int start = 0;
        Matcher m = SENTENCE_END.matcher(collapsed);
        while (m.find()) {
            String candidate = collapsed.substring(start, m.start());
            if (endsWithAbbreviation(candidate)) continue;
            if (!candidate.isBlank()) sentences.add(candidate.strip());
            start = m.end();
        }
        if (start < collapsed.length()) sentences.add(collapsed.substring(start).strip());
        return sentences;
    }

    private static boolean endsWithAbbreviation(String candidate) {
        String lower = candidate.toLowerCase(Locale.ROOT);
        for (String abbreviation : ABBREVIATIONS) {
            if (lower.endsWith(" " + abbreviation) || lower.equals(abbreviation)) return true;
        }
        return lower.matches(".*\\b\\p{L}\\.$"); // an initial: "J. Smith"
    }
}
