package dev.clausewatch.change;

import dev.clausewatch.provision.Lineage;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.Texts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures identity and classification over real histories: for every consecutive pair of
 * versions, the provisions whose text did not change must keep their id (target: all of them),
 * and each pair is counted cosmetic or substantive.
 */
public final class ChangeEvaluation {
    /** One document's history: its name and its distinct consecutive versions, oldest first. */
    public record History(String document, List<Lineage.VersionText> versions, List<Boolean> technical) {}

    /** Per document: pairs compared, cosmetic and substantive pairs, unchanged provisions and how many kept their id. */
    public record DocumentResult(String document, int pairs, int cosmeticPairs, int substantivePairs, int technicalPairs,
                                 int unchangedProvisions, int keptId, List<String> lostIds) {}

    private final Lineage lineage;
    private final ChangeDetector detector;

    public ChangeEvaluation(Lineage lineage, ChangeDetector detector) {
        this.lineage = lineage;
        this.detector = detector;
    }

    public DocumentResult evaluate(History history) {
        List<List<Provision>> identified = lineage.of(history.document(), history.versions());
        int cosmetic = 0, substantive = 0, technical = 0, unchanged = 0, kept = 0;
        List<String> lost = new ArrayList<>();
        for (int i = 1; i < identified.size(); i++) {
            List<Provision> before = identified.get(i - 1), after = identified.get(i);
            boolean isTechnical = history.technical().get(i);
            ChangeSet set = detector.compare(before, after, isTechnical);
            if (isTechnical) technical++;
            if (set.substantive()) substantive++;
            else cosmetic++;
            // A text present n times before and m times after is min(n, m) unchanged provisions: a text that
            // appears twice where it was once can keep its id only once.
            Map<String, Set<String>> idsByText = new HashMap<>();
            Map<String, Integer> countBefore = new HashMap<>();
            for (Provision p : before) {
                idsByText.computeIfAbsent(key(p), k -> new HashSet<>()).add(p.id());
                countBefore.merge(key(p), 1, Integer::sum);
            }
            Map<String, Integer> countAfter = new HashMap<>(), keptByText = new HashMap<>();
            for (Provision p : after) {
                countAfter.merge(key(p), 1, Integer::sum);
                if (idsByText.getOrDefault(key(p), Set.of()).contains(p.id())) keptByText.merge(key(p), 1, Integer::sum);
            }
            for (var entry : countAfter.entrySet()) {
                int expected = Math.min(entry.getValue(), countBefore.getOrDefault(entry.getKey(), 0));
                int keptHere = Math.min(expected, keptByText.getOrDefault(entry.getKey(), 0));
                unchanged += expected;
                kept += keptHere;
                if (keptHere < expected && lost.size() < 5) {
                    String text = entry.getKey().substring(entry.getKey().indexOf('\u0000') + 1);
                    lost.add("version " + (i + 1) + ": " + text.substring(0, Math.min(80, text.length())));
                }
            }
        }
        return new DocumentResult(history.document(), Math.max(0, identified.size() - 1), cosmetic, substantive, technical, unchanged, kept, lost);
    }

    /** Unchanged means the same kind and the same text, exactly (white space aside). */
    private static String key(Provision p) {
        return p.kind() + "\u0000" + Texts.collapse(p.text());
    }
}
