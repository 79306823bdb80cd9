package dev.clausewatch.provision;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Text normalisations shared by identity and change detection. */
public final class Texts {
    private static final Pattern APOSTROPHES = Pattern.compile("[’‘`´ʼ]");
    private static final Pattern FORMAT = Pattern.compile("\\p{Cf}");
    /*
     * Sentence boundaries are ICU's: the Unicode rules (UAX #29), which know closing quotes and
     * brackets, ellipses, decimal numbers and web addresses. Not with CLDR's English suppressions
     * ("en@ss=standard"): ICU matches them as bare suffixes, case-sensitively, so on the shared
     * histories 84 of the 98 breaks they removed were sentence ends ("on X.", "iOS App." by "pp.",
     * "our APIs." by "Is.", "AGREEMENT."); "U.S." is listed but ICU4J 79.1 still breaks after it,
     * "e.g." is listed only as "E.g.", "Inc." not at all. Ours below are whole words, in any case.
     * The prototype is cloned for each call: an iterator is not thread-safe.
     */
    private static final BreakIterator SENTENCE_BREAKS = BreakIterator.getSentenceInstance(ULocale.ENGLISH);
    /** Words that end with a full stop and do not end a sentence before a capital or a number ("Art. 5", "Acme Inc. The"). */
    private static final Set<String> ABBREVIATIONS = Set.of("etc.", "inc.", "ltd.", "pte.", "co.", "no.", "art.", "sec.", "vs.", "mr.", "ms.",
            "dr.", "st.", "para.", "cf.", "approx.", "jan.", "feb.", "mar.", "apr.", "aug.", "sept.", "sep.", "oct.", "nov.", "dec.");
    private static final int LONGEST_ABBREVIATION = 7;

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

    /**
     * The sentences of a text, white space collapsed first: where ICU's sentence rules break, except
     * after an abbreviation or an initial ("e.g.", "U.S.", "Art. 5", "J. Smith"), where no space
     * follows (a web address's "?", a closing Markdown emphasis), and before a lower-case letter (ICU
     * ends a sentence at every "?" and "!"). Linear in the text's length.
     */
    public static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        String collapsed = collapse(text);
        if (collapsed.isEmpty()) return sentences;
        BreakIterator breaks = SENTENCE_BREAKS.clone();
        breaks.setText(collapsed);
        int start = 0;
        for (int end = breaks.next(); end != BreakIterator.DONE; end = breaks.next()) {
            if (end < collapsed.length()) {
                if (collapsed.charAt(end - 1) != ' ') end = afterClosingEmphasis(collapsed, end);
                if (end < 0) continue;
                if (end < collapsed.length() && (continuesInLowerCase(collapsed, end) || endsWithAbbreviation(collapsed, end))) continue;
            }
            if (end <= start) continue;
            String sentence = collapsed.substring(start, end).strip();
            if (!sentence.isEmpty()) sentences.add(sentence);
            start = end;
        }
        return sentences;
    }

    /**
     * A break that ICU makes with no space before it is one only before a closing Markdown emphasis
     * ("Terms.** We", "adjust._", and a bullet glued to the sentence before it, "Account.* Photos"):
     * then after it. Elsewhere it is inside a word or a link ("fwlink/?LinkID=…", "Data?”](#…"): -1.
     */
    private static int afterClosingEmphasis(String text, int at) {
        int i = at;
        while (i < text.length() && (text.charAt(i) == '*' || text.charAt(i) == '_')) i++;
        return i > at && (i == text.length() || text.charAt(i) == ' ') ? i : -1;
    }

    /** The text after a break starts in lower case, after any opening quotes or brackets. */
    private static boolean continuesInLowerCase(String text, int at) {
        if (text.charAt(at) == ' ') at++;
        for (int i = at; i < text.length() && i < at + 4; i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            if (type == Character.START_PUNCTUATION || type == Character.INITIAL_QUOTE_PUNCTUATION || c == '"' || c == '\'') continue;
            return Character.isLowerCase(c);
        }
        return false;
    }

    private static boolean isClosing(char c) {
        int type = Character.getType(c);
        return type == Character.END_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION || c == '"' || c == '\'';
    }

    /**
     * The text before a break ends with an abbreviation of ours or an initial, perhaps closed by a
     * bracket or a quote ("Ltd.)"): a whole word (after a space, a bracket or a hyphen, never inside a
     * word) ending in a full stop whose last part is one letter ("J.", "U.S.", "e.g.", "P.O.") or one
     * of {@link #ABBREVIATIONS}. Looks back a bounded way.
     */
    private static boolean endsWithAbbreviation(String text, int at) {
        int end = at;
        while (end > 0 && text.charAt(end - 1) == ' ') end--;
        for (int closing = 0; closing < 3 && end > 0 && isClosing(text.charAt(end - 1)); closing++) end--; // "Ltd.)", "etc.”"
        if (end == 0 || text.charAt(end - 1) != '.') return false;
        int start = end - 1;
        while (start > 0 && end - start <= LONGEST_ABBREVIATION && Character.isLetter(text.charAt(start - 1))) start--;
        if (start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))) return false; // inside a longer word
        int letters = end - 1 - start;
        if (letters == 1) return true; // an initial, or the last letter of "U.S." or "e.g."
        return letters > 0 && (start == 0 || text.charAt(start - 1) != '.')
                && ABBREVIATIONS.contains(text.substring(start, end).toLowerCase(Locale.ROOT));
    }
}
