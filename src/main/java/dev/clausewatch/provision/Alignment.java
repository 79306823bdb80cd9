package dev.clausewatch.provision;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which provision of one version is which provision of another. Passes: identical text (exact,
 * then as fingerprints: words only, case, apostrophes and ligatures folded, numbers apart), date
 * lines with another date, splits and merges (one provision whose words are covered by several
 * consecutive ones on the other side), similar text (Dice coefficient over word sets, candidates
 * found through shared rare words); what is left is added or removed. Matched pairs out of the longest in-order chain
 * were moved; a different heading trail counts as moved too.
 */
public final class Alignment {
    /** How an {@code after} provision relates to the {@code before} one(s) it came from. */
    public enum Relation { UNCHANGED, MOVED, MODIFIED, SPLIT, MERGED, ADDED }

    /** One provision of the newer version, with where it came from ({@code from} is empty for ADDED). */
    public record Link(int after, List<Integer> from, Relation relation, double similarity) {}

    static final double SIMILAR = 0.5;
    private static final double COVERED = 0.85;
    private static final int RARE_WORDS = 6;
    private static final int SPLIT_WINDOW = 60;

    private final List<Provision> before;
    private final List<Provision> after;
    private final Link[] links;
    private final int[] matchedTo;
    private final Set<Integer> consumedBefore = new HashSet<>();
    /*
     * Fingerprints and word sets are made on first need: most provisions of a new version are
     * matched by their exact text, and only the rest are fingerprinted and compared word by word.
     */
    private final WordSets beforeWords;
    private final WordSets afterWords;
    private final Map<Provision, String> fingerprints = new java.util.IdentityHashMap<>();

    private Alignment(List<Provision> before, List<Provision> after) {
        this.before = before;
        this.after = after;
        this.beforeWords = new WordSets(before);
        this.afterWords = new WordSets(after);
        this.links = new Link[after.size()];
        this.matchedTo = new int[before.size()];
        Arrays.fill(matchedTo, -1);
    }

    public static Alignment of(List<Provision> before, List<Provision> after) {
        Alignment a = new Alignment(before, after);
        a.identical();
        a.dateLines();
        // Splits and merges before similarity: otherwise the first part of a split looks like a modified whole.
        a.splitsAndMerges();
        a.similar();
        a.moves();
        for (int i = 0; i < after.size(); i++) {
            if (a.links[i] == null) a.links[i] = new Link(i, List.of(), Relation.ADDED, 0);
        }
        return a;
    }

    public List<Link> links() {
        return List.of(links);
    }

    /** Indexes of {@code before} provisions that no {@code after} provision came from. */
    public List<Integer> removed() {
        List<Integer> removed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) if (!consumedBefore.contains(i)) removed.add(i);
        return removed;
    }

    public List<Provision> before() {
        return before;
    }

    public List<Provision> after() {
        return after;
    }

    /** Same text first (kind and characters, white space aside), then same words (case, punctuation, ligatures aside). */
    private void identical() {
        identical(Alignment::exactKey, Relation.UNCHANGED);
        identical(this::key, Relation.UNCHANGED);
    }

    private void identical(java.util.function.Function<Provision, String> keyOf, Relation relation) {
        Map<String, Deque<Integer>> byKey = new HashMap<>();
        for (int i = 0; i < before.size(); i++) {
            String key = keyOf.apply(before.get(i));
            if (matchedTo[i] < 0 && key != null) byKey.computeIfAbsent(key, k -> new ArrayDeque<>()).add(i);
        }
        for (int j = 0; j < after.size(); j++) {
            if (links[j] != null) continue;
            String key = keyOf.apply(after.get(j));
            Deque<Integer> candidates = key == null ? null : byKey.get(key);
            if (candidates == null || candidates.isEmpty()) continue;
            int chosen = closest(candidates, j);
            candidates.remove(chosen);
            pair(chosen, j, relation, 1.0);
        }
    }

    /** A "Last updated: <date>" line is the same provision with another date: matched before words are compared. */
    private void dateLines() {
        identical(p -> EffectiveDate.isDateLine(p) ? "date\u0000" + Texts.fingerprint(EffectiveDate.withoutDates(p.text())) : null,
                Relation.MODIFIED);
    }

    /** Among equal texts (a repeated "Learn more"), the one at the most similar relative place. */
    private int closest(Deque<Integer> candidates, int afterIndex) {
        double place = after.size() <= 1 ? 0 : (double) afterIndex / (after.size() - 1);
        return candidates.stream().min(Comparator.comparingDouble(i -> Math.abs(place - (before.size() <= 1 ? 0 : (double) i / (before.size() - 1)))))
                .orElseThrow();
    }

    private void similar() {
        List<Integer> openBefore = open(matchedTo);
        if (openBefore.isEmpty()) return;
        Map<String, List<Integer>> index = new HashMap<>();
        for (int i : openBefore) {
            for (String w : beforeWords.get(i)) index.computeIfAbsent(w, k -> new ArrayList<>()).add(i);
        }
        record Candidate(int before, int after, double similarity) {}
        List<Candidate> candidates = new ArrayList<>();
        for (int j = 0; j < after.size(); j++) {
            if (links[j] != null) continue;
            Set<String> words = afterWords.get(j);
            List<String> rare = words.stream().filter(index::containsKey)
                    .sorted(Comparator.comparingInt((String w) -> index.get(w).size()).thenComparing(w -> w)).limit(RARE_WORDS).toList();
            Set<Integer> seen = new HashSet<>();
            for (String w : rare) {
                for (int i : index.get(w)) {
                    if (!seen.add(i)) continue;
                    double s = dice(beforeWords.get(i), words);
                    if (s >= SIMILAR) candidates.add(new Candidate(i, j, s));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::similarity).reversed()
                .thenComparingInt(c -> Math.abs(c.before() - c.after())));
        for (Candidate c : candidates) {
            if (matchedTo[c.before()] >= 0 || links[c.after()] != null) continue;
            pair(c.before(), c.after(), Relation.MODIFIED, c.similarity());
        }
    }

    /** One side's provision covered by a run of consecutive unmatched provisions on the other, near where it would be. */
    private void splitsAndMerges() {
        for (int i : open(matchedTo)) {
            List<Integer> parts = coveringRun(beforeWords.get(i), near(openAfter(), i, before.size(), after.size()), afterWords);
            if (parts.size() >= 2) {
                for (int j : parts) links[j] = new Link(j, List.of(i), Relation.SPLIT, 1.0);
                matchedTo[i] = parts.getFirst();
                consumedBefore.add(i);
            }
        }
        for (int j : openAfter()) {
            List<Integer> parts = coveringRun(afterWords.get(j), near(open(matchedTo), j, after.size(), before.size()), beforeWords);
            if (parts.size() >= 2) {
                links[j] = new Link(j, parts, Relation.MERGED, 1.0);
                for (int i : parts) {
                    matchedTo[i] = j;
                    consumedBefore.add(i);
                }
            }
        }
    }

    /** Splits and merges are local: only look within a window around the proportional position. */
    private static List<Integer> near(List<Integer> open, int index, int fromSize, int toSize) {
        int expected = fromSize <= 1 ? 0 : (int) ((long) index * (toSize - 1) / (fromSize - 1));
        return open.stream().filter(k -> Math.abs(k - expected) <= SPLIT_WINDOW).toList();
    }

    private static List<Integer> coveringRun(Set<String> whole, List<Integer> open, WordSets side) {
        List<Integer> best = List.of();
        List<Integer> run = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        int previous = -2;
        for (int k : open) {
            Set<String> words = side.get(k);
            boolean inside = !words.isEmpty() && containment(words, whole) >= COVERED;
            if (inside && (k == previous + 1 || run.isEmpty())) {
                run.add(k);
                covered.addAll(words);
            } else {
                if (run.size() >= 2 && containment(whole, covered) >= COVERED && run.size() > best.size()) best = List.copyOf(run);
                run.clear();
                covered.clear();
                if (inside) {
                    run.add(k);
                    covered.addAll(words);
                }
            }
            previous = k;
        }
        if (run.size() >= 2 && containment(whole, covered) >= COVERED && run.size() > best.size()) best = List.copyOf(run);
        return best;
    }

    /** Pairs out of the longest chain in document order, or under different headings, were moved. */
    private void moves() {
        List<Integer> afterIndexes = new ArrayList<>();
        for (int j = 0; j < after.size(); j++) {
            if (links[j] != null && (links[j].relation() == Relation.UNCHANGED || links[j].relation() == Relation.MODIFIED)) afterIndexes.add(j);
        }
        Set<Integer> inOrder = longestIncreasing(afterIndexes);
        int[] beforeParents = parents(before), afterParents = parents(after);
        for (int j : afterIndexes) {
            Link link = links[j];
            int from = link.from().getFirst();
            boolean reordered = !inOrder.contains(j);
            // Re-headed: now under another heading. Compared by identity, not by heading text, so a
            // renamed heading does not make everything below it "moved".
            int parentBefore = beforeParents[from];
            boolean reheaded = parentBefore < 0 ? afterParents[j] >= 0 : matchedTo[parentBefore] != afterParents[j];
            if (link.relation() == Relation.UNCHANGED && (reordered || reheaded)) {
                links[j] = new Link(j, link.from(), Relation.MOVED, 1.0);
            }
        }
    }

    /** For each provision, the index of the heading it sits directly under, or -1. */
    private static int[] parents(List<Provision> provisions) {
        int[] parents = new int[provisions.size()];
        List<Integer> open = new ArrayList<>(); // open headings by trail depth
        for (int i = 0; i < provisions.size(); i++) {
            Provision p = provisions.get(i);
            int depth = p.trail().size();
            parents[i] = depth == 0 || depth > open.size() ? -1 : open.get(depth - 1);
            if (p.kind() == ProvisionKind.HEADING) {
                while (open.size() > depth) open.removeLast();
                open.add(i);
            }
        }
        return parents;
    }

    /** Of the matched after-indexes, those in the longest chain whose before-indexes also increase. */
    private Set<Integer> longestIncreasing(List<Integer> afterIndexes) {
        int n = afterIndexes.size();
        int[] tailIndex = new int[n + 1];
        int[] previous = new int[n];
        int length = 0;
        for (int k = 0; k < n; k++) {
            int value = links[afterIndexes.get(k)].from().getFirst();
            int lo = 1, hi = length;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (links[afterIndexes.get(tailIndex[mid])].from().getFirst() < value) lo = mid + 1;
                else hi = mid - 1;
            }
            previous[k] = lo > 1 ? tailIndex[lo - 1] : -1;
            tailIndex[lo] = k;
            if (lo > length) length = lo;
        }
        Set<Integer> chain = new HashSet<>();
        for (int k = length > 0 ? tailIndex[length] : -1; k >= 0; k = previous[k]) chain.add(afterIndexes.get(k));
        return chain;
    }

    private void pair(int beforeIndex, int afterIndex, Relation relation, double similarity) {
        matchedTo[beforeIndex] = afterIndex;
        consumedBefore.add(beforeIndex);
        links[afterIndex] = new Link(afterIndex, List.of(beforeIndex), relation, similarity);
    }

    private List<Integer> openAfter() {
        List<Integer> open = new ArrayList<>();
        for (int j = 0; j < links.length; j++) if (links[j] == null) open.add(j);
        return open;
    }

    private static List<Integer> open(int[] matched) {
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < matched.length; i++) if (matched[i] < 0) open.add(i);
        return open;
    }

    /** Provision texts are collapsed when parsed, so the text itself is the exact key. */
    private static String exactKey(Provision p) {
        return p.kind() + "\u0000" + p.number() + "\u0000" + p.text();
    }

    private String key(Provision p) {
        String fingerprint = fingerprint(p);
        return p.kind() == ProvisionKind.HEADING ? "#" + fingerprint : fingerprint;
    }

    private String fingerprint(Provision p) {
        return fingerprints.computeIfAbsent(p, q -> Texts.fingerprint(q.text()));
    }

    /** The word sets of one side's provisions, each made when first asked for. */
    private final class WordSets {
        private final List<Provision> side;
        private final List<Set<String>> made;

        WordSets(List<Provision> side) {
            this.side = side;
            this.made = new ArrayList<>(java.util.Collections.nCopies(side.size(), null));
        }

        Set<String> get(int index) {
            Set<String> words = made.get(index);
            if (words == null) {
                String fingerprint = fingerprint(side.get(index));
                words = fingerprint.isEmpty() ? Set.of() : new HashSet<>(List.of(fingerprint.split(" ")));
                made.set(index, words);
            }
            return words;
        }
    }

    static Set<String> wordSet(Provision p) {
        return new HashSet<>(Texts.words(Texts.fingerprint(p.text())));
    }

    static double dice(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) return 1;
        int common = 0;
        Set<String> small = a.size() <= b.size() ? a : b, large = small == a ? b : a;
        for (String w : small) if (large.contains(w)) common++;
        return 2.0 * common / (a.size() + b.size());
    }

    /** Share of {@code part}'s words found in {@code whole}. */
    private static double containment(Set<String> part, Set<String> whole) {
        if (part.isEmpty()) return 0;
        int inside = 0;
        for (String w : part) if (whole.contains(w)) inside++;
        return (double) inside / part.size();
    }
}
