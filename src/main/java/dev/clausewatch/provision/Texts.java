package dev.clausewatch.provision;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text normalisations shared by identity and change detection. */
public final class Texts {
    private static final Pattern APOSTROPHES = Pattern.compile("[’‘`´ʼ]");
    private static final Pattern FORMAT = Pattern.compile("\\p{Cf}");
    /** Sentence ends: . ! ? (and a closing quote) followed by space and a capital, a digit or an opening quote. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][\"”’)]?)\\s+(?=[\"“‘(]?[\\p{Lu}\\d])");
    private static final List<String> ABBREVIATIONS = List.of("e.g.", "i.e.", "etc.", "inc.", "ltd.", "co.", "u.s.", "no.", "art.",
            "sec.", "vs.", "mr.", "ms.", "dr.", "st.", "para.", "cf.", "approx.", "jan.", "feb.", "mar.", "apr.", "aug.", "sept.",
            "sep.", "oct.", "nov.", "dec.", "u.k.", "e.u.");

    private Texts() {}

    /** White space runs (no-break and narrow spaces included) made one space, ends trimmed. A loop: this runs on every provision. */
    public static String collapse(String text) {
        StringBuilder out = null;
        boolean pendingSpace = false;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                if (out == null && (i == 0 || c != ' ' || (i + 1 < length && isSpace(text.charAt(i + 1))) || i + 1 == length)) {
                    out = new StringBuilder(length).append(text, 0, i);
                }
                pendingSpace = true;
                continue;
            }
            if (out != null) {
                if (pendingSpace && !out.isEmpty()) out.append(' ');
                out.append(c);
            }
            pendingSpace = false;
        }
        return out == null ? text : out.toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B' || c == '\u00A0' || c == '\u2007'
                || c == '\u202F' || c == '\u2009' || c == '\u200A';
    }

    /** Words as runs of letters and digits (an apostrophe inside a word joins it: "user's"), in order. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int length = text.length(), start = -1;
        for (int i = 0; i <= length; i++) {
            char c = i < length ? text.charAt(i) : ' ';
            boolean inWord = Character.isLetterOrDigit(c)
                    || (start >= 0 && (c == '\'' || c == '’') && i + 1 < length && Character.isLetter(text.charAt(i + 1)));
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0) {
                words.add(text.substring(start, i));
                start = -1;
            }
        }
        return words;
    }

    /** How many words, without building them. */
    public static int wordCount(String text) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean letter = Character.isLetterOrDigit(text.charAt(i));
            if (letter && !inWord) count++;
            inWord = letter;
        }
        return count;
    }

    /**
     * The comparison form for "is this the same provision, cosmetically?": ligatures and compatibility
     * forms folded (PGA's "ﬁ"), typographic quotes and dashes unified, lower case, only words kept.
     */
    /*
     * A fingerprint is a pure function of the text, and the same provision texts are aligned again
     * and again (each version against the one before, once for lineage and once for the change
     * set): kept, bounded by the characters held.
     */
    private static final com.github.benmanes.caffeine.cache.Cache<String, String> FINGERPRINTS = com.github.benmanes.caffeine.cache.Caffeine
            .newBuilder().maximumWeight(16_000_000).weigher((String text, String fingerprint) -> text.length() + fingerprint.length()).build();

    public static String fingerprint(String text) {
        return FINGERPRINTS.get(text, Texts::fingerprintNow);
    }

    private static String fingerprintNow(String text) {
        // Invisible format characters (zero-width spaces and joiners, soft hyphens) would split a word in two.
        String normalised = isAscii(text) ? text
                : APOSTROPHES.matcher(FORMAT.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC)).replaceAll("")).replaceAll("'");
        String folded = normalised.toLowerCase(Locale.ROOT);
        return String.join(" ", words(folded));
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) >= 128) return false;
        return true;
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
