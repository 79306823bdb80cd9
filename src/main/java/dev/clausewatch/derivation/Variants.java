package dev.clausewatch.derivation;

import dev.clausewatch.change.ChangeDetector;
import dev.clausewatch.change.Normalisation;
import dev.clausewatch.provision.Provision;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A version that brings back an earlier version's text, up to what makes a change cosmetic
 * (spelling variants, number words, date formats, spacing, markup, page chrome): the page captured in
 * another variant and back again. Candidates are the recent versions that share nearly all their
 * words with it; the change detector decides.
 */
public final class Variants {
    private static final double CLOSE = 0.9;

    /** An earlier version: its number in the timeline and its provisions. */
    public record Earlier(int number, List<Provision> provisions) {}

    private Variants() {}

    /** The number of the most recent of {@code earlier} that {@code now} is a variant of. */
    static Optional<Integer> of(ChangeDetector detector, Collection<DerivedVersion> earlier, List<Provision> now) {
        return among(detector, earlier.stream().map(v -> new Earlier(v.number(), v.provisions())).toList(), now);
    }

    /** The same over any earlier versions, oldest first (the evaluation reads them from files). */
    public static Optional<Integer> among(ChangeDetector detector, List<Earlier> earlier, List<Provision> now) {
        Set<String> current = normals(now);
        for (Earlier candidate : earlier.reversed()) {
            if (overlap(normals(candidate.provisions()), current) < CLOSE) continue;
            if (!detector.compare(candidate.provisions(), now, false).substantive()) return Optional.of(candidate.number());
        }
        return Optional.empty();
    }

    /** The distinct words of the version in their normal form: a variant shares nearly all of them. */
    private static Set<String> normals(List<Provision> provisions) {
        Set<String> words = new HashSet<>();
        for (Provision p : provisions) {
            words.addAll(Normalisation.words(p.text()));
        }
        return words;
    }

    private static double overlap(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) return 1;
        int common = 0;
        for (String s : a) if (b.contains(s)) common++;
        return 2.0 * common / (a.size() + b.size());
    }
}
