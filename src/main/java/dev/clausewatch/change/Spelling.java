package dev.clausewatch.change;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.Locale;
import java.util.Optional;
import org.apache.lucene.analysis.hunspell.Dictionary;
import org.apache.lucene.analysis.hunspell.Hunspell;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Whether a one-word edit is a matter of spelling: a typo corrected (the old word is in neither
 * English dictionary, the new one is, and they are a couple of keystrokes apart) or the British
 * and American spellings of one word ("organise"/"organize", "licence"/"license"). Decided by the
 * Hunspell dictionaries of Debian's hunspell-en-us and hunspell-en-gb (resources/spelling), read
 * with Lucene's Hunspell, not by a list of words written here.
 */
public final class Spelling {
    /** What a one-word edit is, when it is only spelling. */
    public enum Kind { TYPO_FIXED, VARIANT }

    private static final int MAX_DISTANCE = 2;

    private final Hunspell american;
    private final Hunspell british;

    private Spelling(Hunspell american, Hunspell british) {
        this.american = american;
        this.british = british;
    }

    /** The bundled dictionaries, loaded once (about a second) when a change first needs them. */
    public static Spelling english() {
        return Bundled.ENGLISH;
    }

    private static final class Bundled {
        static final Spelling ENGLISH = new Spelling(load("en_US"), load("en_GB"));
    }

    private static Hunspell load(String name) {
        try (InputStream affix = resource(name + ".aff"); InputStream words = resource(name + ".dic")) {
            return new Hunspell(new Dictionary(new ByteBuffersDirectory(), "spelling", affix, words));
        } catch (IOException e) {
            throw new UncheckedIOException("the spelling dictionary " + name + " cannot be read", e);
        } catch (ParseException e) {
            throw new IllegalStateException("the spelling dictionary " + name + " is malformed: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String file) {
        InputStream in = Spelling.class.getResourceAsStream("/spelling/" + file);
        if (in == null) throw new IllegalStateException("the spelling dictionary /spelling/" + file + " is missing from the build");
        return in;
    }

    /** What the edit from {@code before} to {@code after} is, when it is only spelling; empty when it changes the word. */
    public Optional<Kind> of(String before, String after) {
        String a = before.toLowerCase(Locale.ROOT), b = after.toLowerCase(Locale.ROOT);
        if (a.equals(b) || !isWord(a) || !isWord(b)) return Optional.empty();
        if (distance(a, b) > MAX_DISTANCE) return Optional.empty();
        boolean aUs = spelled(american, a), aGb = spelled(british, a), bUs = spelled(american, b), bGb = spelled(british, b);
        // Both are English, close, and one of them belongs to one English only: "organise" (British)
        // and "organize", "colour" and "color", "weaponisation" and "weaponization" (British accepts
        // both). Two words of both Englishes ("affect", "effect") are never variants of each other.
        boolean bothKnown = (aUs || aGb) && (bUs || bGb), oneExclusive = aUs != aGb || bUs != bGb;
        if (bothKnown && oneExclusive) return Optional.of(Kind.VARIANT);
        // A typo fixed: the old word is no English word, the new one is, a couple of keystrokes away.
        if (!aUs && !aGb && (bUs || bGb) && a.length() >= 3) return Optional.of(Kind.TYPO_FIXED);
        return Optional.empty();
    }

    /** Whether the word is English in either dictionary (used to tell a typo from a new term). */
    public boolean known(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return spelled(american, w) || spelled(british, w);
    }

    private static boolean spelled(Hunspell dictionary, String word) {
        // Lucene's Hunspell is not documented as thread-safe for checks with its caches: one check at a time.
        synchronized (dictionary) {
            return dictionary.spell(word);
        }
    }

    private static boolean isWord(String w) {
        if (w.length() < 2 || w.length() > 40) return false;
        for (int i = 0; i < w.length(); i++) if (!Character.isLetter(w.charAt(i)) && w.charAt(i) != '\'') return false;
        return true;
    }

    /** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions): "teh" → "the" is one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
